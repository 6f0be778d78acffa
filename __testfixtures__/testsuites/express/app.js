const express = require('express');
const auth = require('./routes/auth');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use('/auth', auth);

app.get('/', (req, res) => res.send('home'));
app.get('/moved', (req, res) => res.redirect(301, '/'));
app.get('/legacy', (req, res) => {
  // Written by hand, not through res.redirect(): the tool does not rewrite it.
  res.status(302).set('Location', '/').end();
});

module.exports = app;
