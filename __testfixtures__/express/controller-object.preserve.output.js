// Handlers as properties of controller objects and methods of a controller class.
const accountController = {};

accountController.create = async function (req, res) {
  res.redirect(302, '/account');
};

const auth = {
  async login(req, res) {
    res.redirect(302, '/');
  },
  logout: (req, res) => res.redirect(302, '/login'),
};

class PageController {
  index(req, res) {
    res.redirect(302, '/home');
  }
}

module.exports = { accountController, auth, PageController };
