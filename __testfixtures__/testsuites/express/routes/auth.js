const express = require('express');

const router = express.Router();

router.get('/login', (req, res) => res.send('login form'));
router.post('/login', (req, res) => {
  res.redirect('/');
});

function logout(req, res) {
  res.redirect('/auth/login');
}
router.get('/logout', logout);

router.route('/account').delete((req, res) => res.redirect('/'));

module.exports = router;
