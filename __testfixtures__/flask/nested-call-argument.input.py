from flask import redirect, request, url_for


def a():
    return redirect(url_for("login", next=request.args.get("next", url_for("home"))))
