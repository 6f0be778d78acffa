import { Hono } from 'hono';

const app = new Hono();

app.get('/old', (c) => c.redirect('/new', 302))
  .post('/form', async (c) => {
    return c.redirect('/thanks', 302);
  });

app.get('/moved', (c) => c.redirect('/here', 301));
