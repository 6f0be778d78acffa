// Called with the handler's `h` by the controller, but also from a job through a path alias the
// tool does not resolve: that caller cannot be read, so nothing is proved.
const auditAndGo = (entry, to, h) => h.redirect(to); // expect: review

module.exports = { auditAndGo };
