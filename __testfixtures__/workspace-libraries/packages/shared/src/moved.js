// Registered on Express by apps/api and on Koa by apps/site: nothing decides which.
export function moved(req, res) {
  res.redirect('/new-home'); // expect: review (registered on two frameworks)
}
