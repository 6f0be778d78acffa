import { Elysia } from 'elysia';

new Elysia()
  .get('/old', ({ redirect }) => redirect('/new', 303))
  .post('/form', (ctx) => ctx.redirect('/thanks', 303))
  .listen(3000);
