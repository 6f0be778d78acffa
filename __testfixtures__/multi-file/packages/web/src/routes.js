import express from 'express';
import NewsletterController from './controllers/newsletter.js';
import account from './controllers/account.js';
import { requireLogin } from './middleware/auth.js';

const router = express.Router();

router.post('/newsletter', requireLogin, NewsletterController.subscribe);
router.get('/account', [requireLogin, account.show.bind(account)]);
router.delete('/account', requireLogin, account.remove.bind(account));

export default router;
