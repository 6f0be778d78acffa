// Middleware grouped in exported object literals.
exports.article = {
  hasAuthorization(req, res, next) {
    if (req.article.user.id !== req.user.id) {
      req.flash('info', 'You are not authorized');
      return res.redirect(303, `/articles/${req.article.id}`);
    }
    next();
  },
};

module.exports.comment = {
  hasAuthorization: function (req, res, next) {
    if (req.user.id !== req.comment.user.id) return res.redirect(303, 'back');
    next();
  },
};
