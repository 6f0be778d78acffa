"""Catalog pages: list, add, update and remove items."""
from flask import Blueprint, request
from flask import redirect as go
from flask import url_for

catalog = Blueprint("catalog", __name__)

ITEMS = {1: "teapot", 2: "kettle"}


@catalog.get("/")
def index():
    return ", ".join(ITEMS.values())


@catalog.post("/items")
def add_item():
    item_id = max(ITEMS, default=0) + 1
    ITEMS[item_id] = request.form.get("name", "item")
    return go(url_for("catalog.index"))


@catalog.put("/items/<int:item_id>")
def replace_item(item_id):
    ITEMS[item_id] = request.form.get("name", "item")
    return go(
        url_for("catalog.index", updated=item_id),
    )


@catalog.delete("/items/<int:item_id>")
def remove_item(item_id):
    ITEMS.pop(item_id, None)
    return go(url_for("catalog.index"))  # back to the list
