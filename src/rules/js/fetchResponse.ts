/** WHATWG fetch: the global `Response.redirect(url, status = 302)`. */
import type { JsRedirectRule } from '../jsRule.js';
import { planStatusAfterUrl } from './statusAfterUrl.js';

export const fetchResponseRule: JsRedirectRule = {
  framework: 'fetch',
  clues: { modules: [], globals: ['Response'] },
  match: (name) => (name === '#global.Response.redirect' ? { api: 'Response.redirect', chain: [] } : null),
  plan: (context) => planStatusAfterUrl(context, 'Response.redirect'),
};
