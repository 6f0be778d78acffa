from flask import redirect as go


def index():
    return go("/home")
