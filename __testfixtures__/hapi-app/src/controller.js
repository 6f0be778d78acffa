const { sendToPermit } = require('./lib/send-to-permit');
const notify = require('./lib/notify');
const { auditAndGo } = require('./lib/audit');

const approvePermit = async (request, h) => {
  await notify.log('approved');
  return h.redirect('/approved'); // expect: rewritten
};

function rejectPermit(request, h) {
  return h.redirect('/rejected'); // expect: rewritten
}

// The button pressed picks the action; each is called with the handler's own `h`.
const decisions = { approve: approvePermit, reject: rejectPermit };

const postDecision = (request, h) => {
  const action = request.query.action;
  if (!(action in decisions)) return h.response('unknown action').code(400);
  return decisions[action](request, h);
};

const getPermit = (request, h) => sendToPermit(request.params.id, request.query, h);

// `backToForm` is the forms plugin's decoration of the toolkit.
const postForm = (request, h) => h.backToForm('/form');

const postNotice = (request, h) => notify.sendBack('sent', '/notices', h);

const postAudit = (request, h) => auditAndGo(request.payload, '/audited', h);

module.exports = { postDecision, getPermit, postForm, postNotice, postAudit };
