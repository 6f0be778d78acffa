/**
 * h3 / Nuxt: `sendRedirect(event, location, code = 302)` (h3 v1, auto-imported in Nuxt
 * server routes) and `redirect(location, status = 302)` (h3 v2).
 */
import type { JsRedirectRule } from '../jsRule.js';
import { planStatusAfterUrl } from './statusAfterUrl.js';

export const h3Rule: JsRedirectRule = {
  framework: 'h3',
  clues: { modules: ['h3', 'nuxt/app', '#imports'], globals: ['sendRedirect'] },
  match(name, pkg) {
    if (name === 'h3.sendRedirect' || name === 'nuxt/app.sendRedirect' || name === '#imports.sendRedirect') return { api: 'sendRedirect', chain: [] };
    // Nuxt auto-imports h3's utilities in server routes: no import statement to read.
    if (name === '#global.sendRedirect' && (pkg.dependencies.has('nuxt') || pkg.dependencies.has('h3'))) return { api: 'sendRedirect', chain: [] };
    if (name === 'h3.redirect') return { api: 'redirect', chain: [] };
    return null;
  },
  plan: (context, { api }) => planStatusAfterUrl(context, api, api === 'sendRedirect' ? 2 : 1),
};
