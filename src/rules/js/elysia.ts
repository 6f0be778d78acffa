/** Elysia 1.x: `redirect(url, status = 302)` from the handler context, often destructured. */
import type { JsRedirectRule } from '../jsRule.js';
import { planStatusAfterUrl } from './statusAfterUrl.js';

export const elysiaRule: JsRedirectRule = {
  framework: 'elysia',
  clues: { modules: ['elysia'] },
  handler: {
    instances: [/^elysia\.Elysia\(\)(\.\w+\(\))*$/],
    methods: ['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options', 'route'],
    param: 0,
    type: 'elysia.Context',
    annotations: ['elysia.Context'],
    packages: ['elysia'],
    paramNames: ['ctx', 'context'],
  },
  match: (name) => (name === 'elysia.Context.redirect' ? { api: 'redirect', chain: [] } : null),
  plan: (context) => planStatusAfterUrl(context, 'redirect'),
};
