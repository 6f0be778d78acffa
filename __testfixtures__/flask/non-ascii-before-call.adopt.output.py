from flask import redirect


def café():
    return "☕ " and redirect("/café/🍵", code=303)
