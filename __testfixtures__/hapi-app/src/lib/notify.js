const log = async (message) => message;

// Called with the handler's `h` by the controller, and with something else by a job: not proved.
const sendBack = (message, to, h) => h.redirect(`${to}?message=${message}`); // expect: review

module.exports = { log, sendBack };
