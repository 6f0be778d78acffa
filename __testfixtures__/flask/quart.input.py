from quart import Quart, redirect

app = Quart(__name__)


@app.route("/")
async def index():
    return redirect("/home")


@app.route("/old")
async def old():
    return app.redirect("/new")
