"""Routes of every method shape that redirect to /echo, which answers with the method it got."""
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/echo", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def echo():
    return request.method


@app.get("/read")
def read():
    return redirect("/echo")


@app.post("/form")
def form():
    return redirect("/echo")


@app.put("/replace")
def replace():
    return redirect("/echo")


@app.delete("/remove")
def remove():
    return redirect("/echo")


@app.route("/either", methods=["GET", "DELETE"])
def either():
    return redirect("/echo")
