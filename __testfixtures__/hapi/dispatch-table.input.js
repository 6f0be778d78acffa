// Handlers that pick a function from a table by the button pressed and call it with their own `h`.
const saveDraft = async (request, h) => {
  await request.server.methods.saveDraft(request.payload);
  return h.redirect('/drafts');
};

function discardDraft(request, h) {
  return h.redirect(`/drafts/${request.params.id}/discarded`);
}

const buttonActions = {
  save: saveDraft,
  discard: discardDraft,
  // Defined in place: reached only through the table too.
  preview: (request, h) => h.redirect(`/drafts/${request.params.id}/preview`),
};

const postDraft = async (request, h) => {
  const [action] = request.payload.button.split(':');
  if (!(action in buttonActions)) return h.response('unknown button').code(400);
  return buttonActions[action](request, h);
};

// A table that is also exported lets its functions out: nothing is proved by its calls.
const leaking = (request, toolkit) => toolkit.redirect('/elsewhere');
const exportedActions = { leaking };
const postOther = (request, h) => exportedActions.leaking(request, h);

module.exports = { postDraft, postOther, exportedActions };
