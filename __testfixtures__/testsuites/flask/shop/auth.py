from flask import Blueprint, redirect, request, session, url_for

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        session["user"] = request.form.get("name", "guest")
        return redirect(url_for("pages.home"))
    return "login form"


@bp.get("/logout")
def logout():
    session.pop("user", None)
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["DELETE"])
def delete_account():
    session.clear()
    return redirect(url_for("pages.home"))


@bp.post("/switch")
def switch():
    if request.form.get("to") == "admin":
        return redirect("/admin", code=302)
    return redirect(url_for("pages.home"))
