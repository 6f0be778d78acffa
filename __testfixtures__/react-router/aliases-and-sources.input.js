import { redirect as go, redirectDocument, replace } from 'react-router-dom';
import * as remix from '@remix-run/cloudflare';

export const a = () => go('/a');
export const b = () => redirectDocument('/b');
export const c = () => replace('/c');
export const d = () => remix.redirect('/d');
