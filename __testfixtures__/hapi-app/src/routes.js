const controller = require('./controller');

// A route that redirects for good, written with .code() before .redirect().
const moved = (from, to) => ({
  method: 'GET',
  path: from,
  handler: (request, h) => h.response().code(301).redirect(to), // expect: rewritten
});

module.exports = [
  { method: 'GET', path: '/permits/{id}', handler: controller.getPermit },
  { method: 'POST', path: '/decision', handler: controller.postDecision },
  { method: 'POST', path: '/form', handler: controller.postForm },
  { method: 'GET', path: '/explicit', handler: (request, h) => h.redirect('/permits').permanent() }, // expect: explicit
  moved('/old-permits', '/permits'),
];
