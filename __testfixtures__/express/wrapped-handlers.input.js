// Handlers passed through wrappers and arrays of middleware before they are registered.
const express = require('express');
const catchAsync = require('../utils/catchAsync');
const { requireLogin } = require('../middleware/auth');

const router = express.Router();

router.get('/orders', catchAsync(async (req, res) => {
  res.redirect('/orders/mine');
}));

router.post('/orders', [requireLogin, (req, res) => res.redirect('/orders')]);

router.get('/legacy', wrap(function (req, res) {
  res.redirect('/orders');
}));

function wrap(handler) {
  return (req, res, next) => Promise.resolve(handler(req, res, next)).catch(next);
}

module.exports = router;
