import Router from '@koa/router';
import type { AppContext } from '../types';
import { requireAuth } from '../middleware';

const router = new Router();

router.get('/', requireAuth(), async (ctx: AppContext<{ id: string }>) => {
  ctx.redirect('/home');
  ctx.status = 303;
});

router.post('/moved', async (ctx: AppContext, next) => {
  ctx.status = 301;
  await next();
  ctx.redirect('/new-home');
});

router.post('/ok', async (ctx) => {
  ctx.status = 200;
  ctx.redirect('/done');
  ctx.status = 303;
});

export default router;

const callback = async (ctx: AppContext) => {
  ctx.redirect('/signed-in');
  ctx.status = 303;
};
router.register('/callback', ['get', 'post'], [requireAuth(), callback]);
