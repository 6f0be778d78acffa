from flask import Flask, redirect

app = Flask(__name__)


@app.route("/old")
def old():
    return redirect("/new", code=301)
