import { Elysia } from 'elysia';

new Elysia()
  .get('/old', ({ redirect }) => redirect('/new'))
  .post('/form', (ctx) => ctx.redirect('/thanks'))
  .listen(3000);
