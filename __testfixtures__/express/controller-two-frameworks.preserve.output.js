exports.logout = (req, res) => {
  res.redirect('/');
};
