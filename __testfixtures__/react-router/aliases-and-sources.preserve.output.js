import { redirect as go, redirectDocument, replace } from 'react-router-dom';
import * as remix from '@remix-run/cloudflare';

export const a = () => go('/a', 302);
export const b = () => redirectDocument('/b', 302);
export const c = () => replace('/c', 302);
export const d = () => remix.redirect('/d', 302);
