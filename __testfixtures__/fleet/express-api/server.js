const express = require('express');

const app = express();
app.get('/old', (req, res) => res.redirect('/new'));
app.post('/login', (req, res) => {
  res.redirect('/home');
});
app.get('/moved', (req, res) => res.redirect(301, '/elsewhere'));

module.exports = app;
