import werkzeug.utils
from werkzeug import utils
from werkzeug.utils import redirect as wz_redirect


def a():
    return werkzeug.utils.redirect("/a", code=302)


def b():
    return utils.redirect("/b", code=302)


def c():
    return wz_redirect(location="/c", code=302)
