// Run by __tests__/real-js-frameworks.test.ts under the real Express.
import express from 'express';
import router from './routes.js';

const app = express();
app.locals.subscribers = new Set();
app.locals.accounts = new Map();
app.use(router);

const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
