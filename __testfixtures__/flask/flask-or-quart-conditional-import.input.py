from .compat import running_on_quart

if running_on_quart():
    from quart import redirect
else:
    from flask import redirect


def logout():
    return redirect("/")
