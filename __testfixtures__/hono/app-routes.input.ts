import { Hono } from 'hono';

const app = new Hono();

app.get('/old', (c) => c.redirect('/new'))
  .post('/form', async (c) => {
    return c.redirect('/thanks');
  });

app.get('/moved', (c) => c.redirect('/here', 301));
