// Middleware in a file that imports nothing from the framework.
function requireLogin(req, res, next) {
  if (!req.user) return res.redirect(302, '/login');
  next();
}

// Not exported and not registered here: nothing proves what `res` is.
function requireAdmin(req, res, next) {
  if (!req.user.admin) return res.redirect('/');
  next();
}

exports.requireLogin = requireLogin;
