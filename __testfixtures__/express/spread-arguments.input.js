const app = require('express')();

app.get('/a', (req, res) => res.redirect(...req.app.locals.redirectArgs));
