// Left out of the run with --exclude legacy/.
const express = require('express');

const legacy = express();
legacy.get('/ancient', (req, res) => res.redirect('/old'));

module.exports = legacy;
