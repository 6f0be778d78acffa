from flask import redirect

ROUTES = {"home": lambda: redirect("/home")}


def a():
    return redirect("/a"), {"X-Reason": "moved"}


def b():
    return make_response(response=redirect("/b"))
