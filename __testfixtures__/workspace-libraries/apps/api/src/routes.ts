import express from 'express';
import { logout, requireLogin } from '@acme/auth';
import * as billing from '@lib/billing';
import { legacyCheckout } from '../../../packages/shared/src/legacy.js';
import { moved } from '@acme/shared/src/moved.js';

export const router = express.Router();

router.get('/logout', logout);
router.post('/checkout', requireLogin, billing.checkout);
router.get('/legacy', legacyCheckout);
router.get('/old-home', moved);
