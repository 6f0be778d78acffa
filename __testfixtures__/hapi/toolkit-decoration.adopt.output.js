// A plugin that decorates hapi's response toolkit: inside the decorated function `this` is h.
const querystring = require('node:querystring');

function backWithErrors(form, params = {}) {
  const key = this.request.yar.flash('form', form);
  return this.redirect(`${form.action}?${querystring.stringify({ ...params, key })}`).code(303);
}

const formsPlugin = {
  name: 'forms',
  register(server) {
    server.decorate('toolkit', 'backWithErrors', backWithErrors);
    server.decorate('toolkit', 'home', function () {
      return this.redirect('/').code(303);
    });
  },
};

// A permanent redirect written with .code() before .redirect(): hapi's redirect() resets it to 302.
const movedRoute = (from, to) => ({
  method: 'GET',
  path: from,
  handler: (request, h) => h.response().code(301).redirect(to).code(303),
});

// Not decorated onto the toolkit: `this` is not proved.
function notDecorated() {
  return this.redirect('/nowhere');
}

module.exports = { plugin: formsPlugin, routes: [movedRoute('/old-login', '/login')], notDecorated };
