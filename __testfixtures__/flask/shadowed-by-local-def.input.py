from flask import redirect


def view():
    def redirect(target):
        return "to " + target

    return redirect("/a")
