// Handlers as properties of controller objects and methods of a controller class.
const accountController = {};

accountController.create = async function (req, res) {
  res.redirect('/account');
};

const auth = {
  async login(req, res) {
    res.redirect('/');
  },
  logout: (req, res) => res.redirect('/login'),
};

class PageController {
  index(req, res) {
    res.redirect('/home');
  }
}

module.exports = { accountController, auth, PageController };
