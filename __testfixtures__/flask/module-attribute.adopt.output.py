import flask
import flask as f


def a():
    return flask.redirect("/a", code=303)


def b():
    return f.redirect("/b", code=303)
