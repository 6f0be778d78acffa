from flask import redirect


def view(redirect):
    return redirect("/a")


def other(url, redirect=print):
    redirect(url)
