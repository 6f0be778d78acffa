from flask import Flask, redirect

app = Flask(__name__)


@app.route("/app")
def index():
    return redirect("/app/home")
