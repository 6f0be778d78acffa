import express from 'express';

const app = express();

app.get('/old', (req, res) => res.redirect(302, '/new'));
