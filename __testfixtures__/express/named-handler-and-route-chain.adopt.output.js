const express = require('express');
const app = express();

function logout(req, res) {
  res.redirect(303, '/');
}

app.delete('/session', logout);

app.route('/book')
  .get((req, res) => res.redirect(303, '/books'))
  .put((req, res) => res.redirect(303, '/books/1'));
