from flask import redirect


def old_view():
    print "going home"
    return redirect("/home")
