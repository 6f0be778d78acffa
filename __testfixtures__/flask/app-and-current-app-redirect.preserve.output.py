from flask import Flask, current_app

app = Flask(__name__)


@app.route("/a")
def a():
    return app.redirect("/x", code=302)


@app.route("/b")
def b():
    return current_app.redirect("/y", code=302)


def factory():
    other = Flask("other")
    return other.redirect("/z", code=302)
