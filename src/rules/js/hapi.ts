/**
 * hapi ≥ 17: `h.redirect(location)` answers 302; `.code(n)`, `.temporary()`, `.permanent()`
 * or `.rewritable()` chained after it choose the status. `.code()` goes last, since the
 * others would turn a 303 back into 301/302/307/308. A response's own `redirect()`
 * (`h.response().code(301).redirect(to)`) is the same call: it sets 302 whatever was set
 * before it (hapi lib/response.js), so a `.code()` earlier in the chain does not count.
 */
import type * as t from '@babel/types';
import { outerRange, statusValue } from '../../js/edits.js';
import { memberName } from '../../js/scopes.js';
import { chainOf, type JsPlan, type JsRedirectRule } from '../jsRule.js';

const MODIFIERS = new Set(['code', 'temporary', 'permanent', 'rewritable']);
/** Response methods that return the response (hapi lib/response.js), allowed between `h.response()` and `.redirect()`. */
const RESPONSE_SETTERS = new Set(['code', 'message', 'header', 'type', 'bytes', 'location', 'created', 'etag', 'vary', 'ttl', 'state', 'unstate', 'encoding', 'charset', 'compressed', 'spaces', 'suffix', 'replacer', 'passThrough', 'takeover']);

export const hapiRule: JsRedirectRule = {
  framework: 'hapi',
  clues: { modules: ['@hapi/hapi', 'hapi'] },
  handler: {
    instances: [/^(@hapi\/hapi|hapi)(\.default)?\.(server|Server)\(\)$/],
    methods: [],
    routeObjects: true,
    param: 1,
    type: 'hapi.ResponseToolkit',
    annotations: ['@hapi/hapi.ResponseToolkit', 'hapi.ResponseToolkit'],
    functionAnnotations: ['@hapi/hapi.Lifecycle.Method'],
    packages: ['@hapi/hapi', 'hapi'],
    paramNames: ['h', 'toolkit', 'reply'],
    // `server.decorate('toolkit', 'postRedirectGet', function () { return this.redirect(...) })`: `this` is h.
    thisDecorations: { method: 'decorate', kind: 'toolkit', pluginKey: 'register' },
  },
  match(name) {
    if (name === 'hapi.ResponseToolkit.redirect') return { api: 'h.redirect', chain: [] };
    const chain = chainOf(name, 'hapi.ResponseToolkit.response()', 'redirect');
    return chain && chain.every((method) => RESPONSE_SETTERS.has(method)) ? { api: 'h.response().redirect', chain } : null;
  },
  plan({ call, scopes, source, status }, match): JsPlan {
    if (call.arguments.length === 0) return { kind: 'review', reason: 'h.redirect() names no location' };
    // Walk up `h.redirect(url).header(...).code(301)` looking for a status modifier.
    let node: t.Node = call;
    for (;;) {
      const member = scopes.parentOf(node);
      if (!member || (member.type !== 'MemberExpression' && member.type !== 'OptionalMemberExpression') || member.object !== node) break;
      const next = scopes.parentOf(member);
      if (!next || (next.type !== 'CallExpression' && next.type !== 'OptionalCallExpression') || next.callee !== member) break;
      const method = memberName(member);
      if (method && MODIFIERS.has(method)) {
        return { kind: 'explicit', before: method === 'code' ? statusValue(next.arguments[0]) : 'dynamic', reason: `.${method}() is chained after redirect()` };
      }
      node = next;
    }
    const edit = { offset: outerRange(call, source).end, insert: `.code(${status})` };
    const overwritten = match.chain.find((method) => MODIFIERS.has(method));
    return overwritten ? { kind: 'rewrite', edit, reason: `.${overwritten}() before redirect() is overwritten: hapi's redirect() sets 302` } : { kind: 'rewrite', edit };
  },
};
