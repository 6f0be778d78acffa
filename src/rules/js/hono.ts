/** Hono: `c.redirect(location, status = 302)`; the status is part of the typed response. */
import type { JsRedirectRule } from '../jsRule.js';
import { planStatusAfterUrl } from './statusAfterUrl.js';

export const honoRule: JsRedirectRule = {
  framework: 'hono',
  clues: { modules: ['hono', 'hono/tiny', 'hono/quick', 'hono/factory'] },
  handler: {
    instances: [/^hono(\/tiny|\/quick)?\.Hono\(\)(\.\w+\(\))*$/],
    methods: ['get', 'post', 'put', 'patch', 'delete', 'all', 'on', 'use', 'options'],
    // `createMiddleware(async (c, next) => ...)`, `createFactory().createHandlers(...)`.
    wrappers: ['hono/factory.createMiddleware', 'hono/factory.createFactory().createMiddleware', 'hono/factory.createFactory().createHandlers'],
    param: 0,
    type: 'hono.Context',
    annotations: ['hono.Context'],
    functionAnnotations: ['hono.Handler', 'hono.MiddlewareHandler'],
    packages: ['hono'],
    paramNames: ['c', 'ctx', 'context'],
  },
  match: (name) => (name === 'hono.Context.redirect' ? { api: 'c.redirect', chain: [] } : null),
  plan: (context) => planStatusAfterUrl(context, 'c.redirect'),
};
