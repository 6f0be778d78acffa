from flask import Flask, redirect

app = Flask(__name__)


@app.post("/logout")
def logout():
    return redirect("/")
