// Left out of the image by .dockerignore: only the repository's package.json (no framework) applies.
export function old(req, res) {
  res.redirect('/old'); // expect: not-framework
}
