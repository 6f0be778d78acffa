"""Every way a Flask route gets its methods, each ending in an implicit redirect."""
from flask import Blueprint, Flask, redirect, request
from flask.views import MethodView, View

from .handlers import registered_elsewhere

app = Flask(__name__)
bp = Blueprint("items", __name__)
DYNAMIC = ["GET", "PATCH"]


@app.route("/default")
def default_get():
    return redirect("/echo")  # GET, HEAD, OPTIONS


@app.route("/form", methods=["GET", "POST"])
def form():
    return redirect("/echo")  # GET, POST, HEAD, OPTIONS


@bp.put("/items/<int:item>")
def replace(item):
    return redirect("/echo")  # PUT


@bp.delete("/items/<int:item>")
def remove(item):
    return redirect("/echo")  # DELETE


def by_rule():
    return redirect("/echo")  # PATCH, via add_url_rule


app.add_url_rule("/rule", view_func=by_rule, methods=["PATCH"])


class Item(MethodView):
    def get(self):
        return redirect("/echo")  # GET

    def delete(self):
        return redirect("/echo")  # DELETE


class Legacy(View):
    methods = ["GET", "POST"]

    def dispatch_request(self):
        return redirect("/echo")  # GET, POST


def back_to_list():
    return redirect("/echo")  # the union of its callers: GET and DELETE


@app.get("/list")
def list_items():
    return back_to_list()


@app.delete("/list")
def clear_items():
    return back_to_list()


def never_routed():
    return redirect("/echo")  # unknown


@app.route("/dynamic", methods=DYNAMIC)
def dynamic():
    return redirect("/echo")  # unknown: the methods are a variable


@app.get("/outer")
def outer():
    def inner():
        return redirect("/echo")  # GET, from the enclosing handler

    return inner()


def hand_registered():
    return redirect("/echo")  # PUT, via bp.route(...)(name)


bp.route("/by-hand", methods=["PUT"])(hand_registered)
