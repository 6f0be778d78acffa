// Not copied into the image.
export function follow(req, res) {
  res.redirect('/docs'); // expect: not-framework
}
