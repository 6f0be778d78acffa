from flask import redirect as go


def index():
    return go("/home", code=302)
