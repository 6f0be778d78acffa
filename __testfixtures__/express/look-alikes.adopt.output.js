const express = require('express');
const helpers = require('./helpers');
const app = express();

app.get('/a', (req, res) => helpers.redirect(res, '/b'));
app.get('/c', (req, res) => AsyncFormHelper.redirect(req, res, '/d'));
cy.intercept('/api', (req) => req.redirect('/mock'));
Desktop.bridge.redirect('/home');
function notAHandler(res) {
  return res.redirect('/x');
}
