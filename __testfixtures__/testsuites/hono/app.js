import { Hono } from 'hono';
import auth from './auth.js';

const app = new Hono();
app.route('/auth', auth);
app.get('/', (c) => c.text('home'));

export default app;
