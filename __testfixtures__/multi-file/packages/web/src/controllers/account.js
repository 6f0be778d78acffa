class AccountController {
  show(req, res) {
    if (req.get('x-guest')) return res.redirect('/login');
    res.send(`account of ${req.user.name}`);
  }

  async remove(req, res) {
    await req.app.locals.accounts.delete(req.user.name);
    res.redirect('/goodbye');
  }
}

export default new AccountController();
