const app = require('express')();
app.get('/a', (req, res) => res.redirect('/b');
