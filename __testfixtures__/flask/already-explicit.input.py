from flask import redirect

CODE = 307


def keyword():
    return redirect("/a", code=301)


def positional():
    return redirect("/b", 308)


def variable(code):
    return redirect("/c", code=code)


def expression():
    return redirect("/d", CODE if True else 302)
