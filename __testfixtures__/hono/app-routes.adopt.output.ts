import { Hono } from 'hono';

const app = new Hono();

app.get('/old', (c) => c.redirect('/new', 303))
  .post('/form', async (c) => {
    return c.redirect('/thanks', 303);
  });

app.get('/moved', (c) => c.redirect('/here', 301));
