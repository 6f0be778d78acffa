from flask import Flask

from . import auth, pages


def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "fixture"
    app.register_blueprint(auth.bp, url_prefix="/auth")
    app.register_blueprint(pages.bp)
    return app
