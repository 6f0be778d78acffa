from flask.views import View


class Page(View):
    def redirect(self, target):
        return target

    def dispatch_request(self):
        return self.redirect("/a")
