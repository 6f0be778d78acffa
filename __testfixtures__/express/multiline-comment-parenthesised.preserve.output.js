const app = require('express')();

app.post('/a', (req, res) => {
  res.redirect(
    // back where the form was
    302, (req.get('Referrer') || '/'),
  );
});

app.post('/b', (req, res) => {
  res.redirect(/* next page */ 302, '/next');
});
