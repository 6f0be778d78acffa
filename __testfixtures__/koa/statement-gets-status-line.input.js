const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();

router.get('/old', async (ctx) => {
  ctx.redirect('/new');
});

app.use(async (ctx, next) => {
  if (!ctx.session.user) {
    ctx.redirect('/login'); // not signed in
    return;
  }
  await next();
});
