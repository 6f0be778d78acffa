import flask
import flask as f


def a():
    return flask.redirect("/a")


def b():
    return f.redirect("/b")
