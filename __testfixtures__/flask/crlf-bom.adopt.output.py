from flask import redirect


def view():
    return redirect(
        "/a",
        code=303,
    )
