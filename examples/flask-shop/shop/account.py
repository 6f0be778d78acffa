"""Account pages: sign in and out, profile, and the old login URL."""
import flask
import werkzeug.utils
from flask import Blueprint, current_app, request, session, url_for

account = Blueprint("account", __name__)


@account.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        session["user"] = request.form.get("user", "guest")
        return flask.redirect(request.args.get("next") or url_for("account.profile"))
    return "sign in"


@account.get("/profile")
def profile():
    if "user" not in session:
        return current_app.redirect(url_for("account.login", next=request.path))
    return f"hello {session['user']}"


@account.route("/logout", methods=["POST", "DELETE"])
def logout():
    session.pop("user", None)
    return werkzeug.utils.redirect("/")


@account.get("/signin")
def old_signin():
    options = {"code": 308} if request.args.get("keep") else {}
    # The status may come from `options`: the codemod leaves this call for review.
    return flask.redirect(url_for("account.login"), **options)
