import werkzeug.utils
from werkzeug import utils
from werkzeug.utils import redirect as wz_redirect


def a():
    return werkzeug.utils.redirect("/a")


def b():
    return utils.redirect("/b")


def c():
    return wz_redirect(location="/c")
