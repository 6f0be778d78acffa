from flask import redirect, url_for


def a():
    return redirect(
        url_for("home", page=2),
        code=302,
    )


def b():
    return redirect(
        "/b",  # the landing page
        code=302,
    )


def c():
    return redirect(
        "/c", code=302
        # no trailing comma here
    )


def d():
    return redirect("/d", code=302,)
