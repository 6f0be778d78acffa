// Decorates hapi's response toolkit: inside the decoration `this` is h.
function backToForm(path) {
  return this.redirect(`${path}?error=1`); // expect: rewritten
}

module.exports = {
  name: 'forms',
  register(server) {
    server.decorate('toolkit', 'backToForm', backToForm);
  },
};
