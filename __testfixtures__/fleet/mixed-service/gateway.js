const express = require('express');

const app = express();
app.get('/', (req, res) => res.redirect('/app'));

module.exports = app;
