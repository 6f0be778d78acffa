// An Express app whose routes redirect; run by __tests__/real-js-frameworks.test.ts.
import express from 'express';

const app = express();

app.get('/get', (req, res) => res.redirect('/target/get'));
app.post('/post', (req, res) => {
  res.redirect('/target/post');
});
app.put('/put', function (req, res) {
  res.status(303).redirect('/target/put');
});
app.delete('/delete', (req, res) => res.redirect('/target/delete'));
app.get('/explicit', (req, res) => res.redirect(301, '/target/explicit'));

const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
