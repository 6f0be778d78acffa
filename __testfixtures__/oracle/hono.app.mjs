// A Hono app whose routes redirect; run by __tests__/real-js-frameworks.test.ts.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();

app.get('/get', (c) => c.redirect('/target/get'));
app.post('/post', async (c) => {
  return c.redirect('/target/post');
});
app.put('/put', (c) => c.redirect('/target/put')).delete('/delete', (c) => c.redirect('/target/delete'));
app.get('/explicit', (c) => c.redirect('/target/explicit', 301));

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
