import Router from '@koa/router';
import { requireAdmin } from '@shop/guards';
import account from './controllers/account.js';
import session from './controllers/session.js';
import { requireLogin } from './middleware/requireLogin.js';
import wrap from './wrap.js';

const router = new Router();

router.get('/account', requireLogin, account.show);
router.post('/account', requireLogin, wrap(account.update));
router.delete('/session', session.destroy.bind(session));
router.get('/admin', requireAdmin, (ctx) => {
  ctx.body = 'admin';
});
router.delete('/admin', requireAdmin, (ctx) => {
  ctx.status = 204;
});

export default router;
