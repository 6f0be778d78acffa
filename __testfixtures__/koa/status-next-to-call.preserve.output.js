const Koa = require('koa');
const app = new Koa();

app.use(async (ctx) => {
  ctx.status = 301;
  ctx.redirect('/moved');
});
