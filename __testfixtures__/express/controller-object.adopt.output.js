// Handlers as properties of controller objects and methods of a controller class.
const accountController = {};

accountController.create = async function (req, res) {
  res.redirect(303, '/account');
};

const auth = {
  async login(req, res) {
    res.redirect(303, '/');
  },
  logout: (req, res) => res.redirect(303, '/login'),
};

class PageController {
  index(req, res) {
    res.redirect(303, '/home');
  }
}

module.exports = { accountController, auth, PageController };
