/**
 * hapi ≥ 17: `h.redirect(location)` answers 302; `.code(n)`, `.temporary()`, `.permanent()`
 * or `.rewritable()` chained after it choose the status. `.code()` goes last, since the
 * others would turn a 303 back into 301/302/307/308.
 */
import type * as t from '@babel/types';
import { outerRange, statusValue } from '../../js/edits.js';
import { memberName } from '../../js/scopes.js';
import type { JsPlan, JsRedirectRule } from '../jsRule.js';

const MODIFIERS = new Set(['code', 'temporary', 'permanent', 'rewritable']);

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
  },
  match: (name) => (name === 'hapi.ResponseToolkit.redirect' ? { api: 'h.redirect', chain: [] } : null),
  plan({ call, scopes, source, status }): JsPlan {
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
    return { kind: 'rewrite', edit: { offset: outerRange(call, source).end, insert: `.code(${status})` } };
  },
};
