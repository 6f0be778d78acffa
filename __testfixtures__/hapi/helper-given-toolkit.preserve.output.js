// Helpers the handlers call with their own `h`: proved by every call passing the handler's toolkit.
async function startFlow(request, h, task) {
  if (!request.auth.credentials.name) {
    return h.redirect(`/contact?task=${task}`).code(302);
  }
  return h.view('flow', { task });
}

function backToList(h) {
  return h.redirect('/list').code(302);
}

// Called once with something else: nothing is proved.
function goHome(toolkit) {
  return toolkit.redirect('/');
}

const getFlow = async (request, h) => startFlow(request, h, request.params.task);
const postFlow = async (request, h) => backToList(h);

goHome(makeToolkit());

module.exports = { getFlow, postFlow, goHome };
