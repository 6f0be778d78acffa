import { Hono } from 'hono';

const auth = new Hono();
auth.post('/login', (c) => c.redirect('/'));
auth.get('/logout', (c) => {
  return c.redirect('/auth/login');
});
auth.get('/kept', (c) => c.redirect('/', 302));

export default auth;
