from flask import Flask, current_app

app = Flask(__name__)


@app.route("/a")
def a():
    return app.redirect("/x", code=303)


@app.route("/b")
def b():
    return current_app.redirect("/y", code=303)


def factory():
    other = Flask("other")
    return other.redirect("/z", code=303)
