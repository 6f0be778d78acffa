from flask import redirect

ROUTES = {"home": lambda: redirect("/home", code=303)}


def a():
    return redirect("/a", code=303), {"X-Reason": "moved"}


def b():
    return make_response(response=redirect("/b", code=303))
