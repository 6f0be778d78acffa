// A middleware factory that is not exported itself; the middleware it makes are, under their own names.
const passport = require('passport');

function guard(strategy, sendTo) {
  return function check(req, res, next) {
    if (req.user) return next();
    passport.authenticate(strategy, (err, user) => {
      if (err) return next(err);
      if (!user && sendTo) {
        res.redirect(303, sendTo);
        return;
      }
      req.user = user;
      return next();
    })(req, res, next);
  };
}

const sessionPage = guard('session', '/login');
const apiToken = guard('bearer', null);

// A factory whose result stays in the module: nothing shows the middleware is a handler.
function sendHome() {
  return (req, res) => res.redirect('/');
}
const home = sendHome();
home.unused = true;

module.exports = { sessionPage, apiToken };
