from flask import redirect


def a(**options):
    return redirect("/a", **options)


def b(*args):
    return redirect(*args)
