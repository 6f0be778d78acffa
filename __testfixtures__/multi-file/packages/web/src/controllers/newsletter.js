import asyncHandler from '../asyncHandler.js';

async function subscribe(req, res) {
  await req.app.locals.subscribers.add(req.user.name);
  res.redirect('/newsletter/thanks');
}

export default { subscribe: asyncHandler(subscribe) };
