/**
 * Express 4 and 5: `res.redirect([status,] url)`, 302 by default. The status goes first.
 * `res.status(303).redirect(url)` still sends 302 (redirect() sets the status itself),
 * so such calls are rewritten too, and the site says why.
 */
import { beforeFirstArgument, statusValue } from '../../js/edits.js';
import { chainOf, type JsRedirectRule } from '../jsRule.js';

const CHAINABLE = new Set(['status', 'set', 'header', 'cookie', 'clearCookie', 'type', 'contentType', 'vary', 'append', 'location', 'links', 'attachment']);

export const expressRule: JsRedirectRule = {
  framework: 'express',
  clues: { modules: ['express', 'express-serve-static-core'] },
  handler: {
    instances: [/^express(\.default)?(\.Router)?\(\)(\.\w+\(\))*$/],
    methods: ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head'],
    param: 1,
    type: 'express.Response',
    annotations: ['express.Response', 'express.default.Response', 'express-serve-static-core.Response'],
    functionAnnotations: ['express.RequestHandler', 'express.Handler', 'express-serve-static-core.RequestHandler'],
    packages: ['express'],
    paramNames: ['res', 'response', 'resp'],
  },
  match(name) {
    const chain = chainOf(name, 'express.Response', 'redirect');
    return chain && chain.every((method) => CHAINABLE.has(method)) ? { api: 'res.redirect', chain } : null;
  },
  plan({ call, source, status }, { chain }) {
    const args = call.arguments;
    if (args.length >= 2) {
      // `res.redirect(303, url)`, or the deprecated Express 4 form `res.redirect(url, 303)`.
      const first = statusValue(args[0]);
      return { kind: 'explicit', before: first !== 'dynamic' ? first : args[0]!.type === 'StringLiteral' ? statusValue(args[1]) : 'dynamic' };
    }
    if (args.length === 0) return { kind: 'review', reason: 'res.redirect() names no location; it would fail as written' };
    const edit = beforeFirstArgument(args, source, String(status))!;
    return chain.includes('status')
      ? { kind: 'rewrite', edit, reason: 'res.status(n) before redirect() is overwritten: Express sends 302 unless redirect() names the status' }
      : { kind: 'rewrite', edit };
  },
};
