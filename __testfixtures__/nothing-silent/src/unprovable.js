// Shapes no proof reaches: each must be listed for review, with its reason.
function sendHome(res) {
  res.redirect('/'); // expect: review
}

function requireAdmin(req, res, next) {
  if (!req.user) return res.redirect('/login'); // expect: review
  next();
}

class Flow {
  finish() {
    this.redirect('/done'); // expect: review
  }
}

const response = makeResponse();
response.redirect('/somewhere'); // expect: review

module.exports = { sendHome, Flow };
