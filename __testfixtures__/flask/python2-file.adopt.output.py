from flask import redirect


def view():
    print "redirecting"
    return redirect("/a")
