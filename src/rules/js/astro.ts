/**
 * Astro: `context.redirect(path, status = 302)` in endpoints and middleware, often
 * destructured (`({ redirect }) => redirect('/x')`). Endpoints are exported functions
 * named after HTTP methods; `Astro.redirect` lives in .astro files, which are not parsed.
 */
import type { JsRedirectRule } from '../jsRule.js';
import { planStatusAfterUrl } from './statusAfterUrl.js';

export const astroRule: JsRedirectRule = {
  framework: 'astro',
  clues: { modules: ['astro', 'astro:middleware', 'astro/middleware'] },
  handler: {
    instances: [],
    methods: [],
    wrappers: ['astro:middleware.defineMiddleware', 'astro/middleware.defineMiddleware'],
    exportedNames: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'ALL', 'onRequest'],
    param: 0,
    type: 'astro.APIContext',
    annotations: ['astro.APIContext'],
    functionAnnotations: ['astro.APIRoute', 'astro.MiddlewareHandler'],
    packages: ['astro'],
    paramNames: ['context', 'ctx', 'Astro'],
  },
  match: (name) => (name === 'astro.APIContext.redirect' ? { api: 'context.redirect', chain: [] } : null),
  plan: (context) => planStatusAfterUrl(context, 'context.redirect'),
};
