import { Elysia } from 'elysia';

new Elysia()
  .get('/old', ({ redirect }) => redirect('/new', 302))
  .post('/form', (ctx) => ctx.redirect('/thanks', 302))
  .listen(3000);
