from werkzeug import redirect


def a():
    return redirect("/a")
