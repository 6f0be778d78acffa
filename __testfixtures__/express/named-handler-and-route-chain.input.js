const express = require('express');
const app = express();

function logout(req, res) {
  res.redirect('/');
}

app.delete('/session', logout);

app.route('/book')
  .get((req, res) => res.redirect('/books'))
  .put((req, res) => res.redirect('/books/1'));
