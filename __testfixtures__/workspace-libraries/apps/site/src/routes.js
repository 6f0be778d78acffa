import Router from '@koa/router';
import { requireAdmin } from '@acme/guards';
import { portal } from '@acme/shared/src/billing';
import { moved } from '@acme/shared/src/moved.js';

const router = new Router();

router.use(requireAdmin);
router.get('/portal', portal);
router.get('/old-home', moved);

export default router;
