const express = require('express');

const app = express();
app.get('/old', (req, res) => res.redirect('/new'));

module.exports = app;
