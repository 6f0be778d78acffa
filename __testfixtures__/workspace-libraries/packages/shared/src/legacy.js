export function legacyCheckout(req, res) {
  res.redirect('/checkout'); // expect: rewritten (express, imported by a relative path across packages)
}
