const express = require('express');
const app = express();

app.get('/a', (req, res) => res.redirect(301, '/b'));
app.get('/c', (req, res) => res.redirect('/d', 307));
app.get('/e', (req, res) => res.redirect(req.query.code, '/f'));
