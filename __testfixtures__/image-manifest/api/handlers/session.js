// Exported for a router built elsewhere; the image's package.json (deploy/) depends on express.
export function logout(req, res) {
  req.session = null;
  res.redirect('/'); // expect: rewritten
}
