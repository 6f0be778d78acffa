// Every redirect-shaped call below is labelled by hand with what the report must say of it.
const express = require('express');
const helpers = require('./helpers');
const router = express.Router();

router.get('/old', (req, res) => res.redirect('/new')); // expect: rewritten
router.get('/moved', (req, res) => res.redirect(301, '/new')); // expect: explicit
router.get('/help', (req, res) => helpers.redirect(res, '/faq')); // expect: not-framework

function redirect(to) {
  return { to };
}
router.get('/local', (req, res) => res.json(redirect('/x'))); // expect: not-framework

cy.intercept('/api', (req) => req.redirect('/mock')); // expect: not-framework
Desktop.bridge.redirect('/home'); // expect: not-framework

module.exports = router;
