from flask import redirect, url_for


def a():
    return redirect(
        url_for("home", page=2),
    )


def b():
    return redirect(
        "/b",  # the landing page
    )


def c():
    return redirect(
        "/c"
        # no trailing comma here
    )


def d():
    return redirect("/d",)
