const Router = require('@koa/router');
const router = new Router();

router.get('/a', (ctx) => ctx.redirect('/b'));
router.get('/c', (ctx) => {
  return ok ? ctx.redirect('/d') : null;
});
