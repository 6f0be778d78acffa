import type { Context } from 'hono';

export const logout = (c: Context) => c.redirect('/', 302);
