from flask import redirect

ROUTES = {"home": lambda: redirect("/home", code=302)}


def a():
    return redirect("/a", code=302), {"X-Reason": "moved"}


def b():
    return make_response(response=redirect("/b", code=302))
