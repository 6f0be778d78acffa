import { makeApp } from './app.js';

const app = makeApp();

app.get('/old', (c) => c.redirect('/new', 303));
