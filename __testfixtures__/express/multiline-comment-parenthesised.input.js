const app = require('express')();

app.post('/a', (req, res) => {
  res.redirect(
    // back where the form was
    (req.get('Referrer') || '/'),
  );
});

app.post('/b', (req, res) => {
  res.redirect(/* next page */ '/next');
});
