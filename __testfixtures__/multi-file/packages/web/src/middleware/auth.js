export function requireLogin(req, res, next) {
  if (!req.get('x-user')) return res.redirect('/login');
  req.user = { name: req.get('x-user') };
  next();
}
