from werkzeug import redirect


def a():
    return redirect("/a", code=302)
