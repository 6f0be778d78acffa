// A middleware nothing in the repository registers or exports: only --trust-package rewrites it.
function requireLogin(req, res, next) {
  if (!req.session) return res.redirect('/login');
  next();
}
