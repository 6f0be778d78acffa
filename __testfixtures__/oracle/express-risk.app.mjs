// Routes of every method shape that redirect to /echo, which answers with the method it got.
import express from 'express';

const app = express();

app.all('/echo', (req, res) => res.send(req.method));
app.get('/read', (req, res) => res.redirect('/echo'));
app.post('/form', (req, res) => res.redirect('/echo'));
app.put('/replace', (req, res) => res.redirect('/echo'));
app.delete('/remove', (req, res) => res.redirect('/echo'));
app.route('/either').get((req, res) => res.redirect('/echo')).delete((req, res) => res.redirect('/echo'));

const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
