from flask import Blueprint, redirect

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    return "home"


@bp.route("/admin")
def admin():
    return "admin"


@bp.route("/old-home")
def old_home():
    return redirect("/", code=302)


@bp.route("/legacy")
def legacy():
    # A redirect written by hand, not through redirect(): the tool does not rewrite it.
    return "", 302, {"Location": "/"}


def go_home():
    return redirect("/")


@bp.route("/start")
def start():
    return go_home()
