// A controller that imports nothing from Express: handlers declared first, exported at the end.
const asyncHandler = require('express-async-handler');

async function subscribe(req, res) {
  await req.user.subscribe();
  res.redirect('/newsletter/thanks');
}

function unsubscribe(req, res) {
  res.redirect('/newsletter');
}

const archive = asyncHandler(async (req, res) => {
  res.redirect('/newsletter/archive');
});

function history(req, res) {
  return res.redirect('/newsletter/history');
}
exports.history = history;

module.exports = { subscribe: asyncHandler(subscribe), unsubscribe, archive };
