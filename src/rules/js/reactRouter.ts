/**
 * React Router ≥ 6.4 / 7 and Remix: `redirect(url, init?: number | ResponseInit)`, also
 * `redirectDocument` and `replace`. A number or an init with `status` is explicit; an init
 * object without one gets `status: 302` as its first property; any other init may carry a
 * status the tool cannot see, so it goes to review.
 */
import type * as t from '@babel/types';
import { afterLastArgument, statusValue } from '../../js/edits.js';
import type { JsPlan, JsRedirectRule } from '../jsRule.js';

const SOURCES = [
  'react-router',
  'react-router-dom',
  '@remix-run/node',
  '@remix-run/cloudflare',
  '@remix-run/deno',
  '@remix-run/server-runtime',
  '@remix-run/router',
];
const FUNCTIONS = ['redirect', 'redirectDocument', 'replace'];

export const reactRouterRule: JsRedirectRule = {
  framework: 'react-router',
  clues: { modules: SOURCES },
  match(name) {
    const dot = name.lastIndexOf('.');
    const source = name.slice(0, dot);
    const fn = name.slice(dot + 1);
    return SOURCES.includes(source) && FUNCTIONS.includes(fn) ? { api: fn, chain: [] } : null;
  },
  plan({ call, source, status }, { api }): JsPlan {
    const [location, init] = call.arguments;
    if (!location) return { kind: 'review', reason: `${api}() names no location` };
    if (!init) return { kind: 'rewrite', edit: afterLastArgument(call.arguments, source, String(status))! };
    if (init.type === 'NumericLiteral') return { kind: 'explicit', before: init.value };
    if (init.type !== 'ObjectExpression') return { kind: 'review', reason: `the init argument may carry a status the tool cannot see`, before: 'dynamic' };
    if (init.properties.some((p) => p.type === 'SpreadElement')) return { kind: 'review', reason: 'the init object spreads another object that may carry a status', before: 'dynamic' };
    const statusProperty = init.properties.find(
      (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === 'status') || (p.key.type === 'StringLiteral' && p.key.value === 'status')),
    );
    if (statusProperty) return { kind: 'explicit', before: statusValue(statusProperty.value) };
    return { kind: 'rewrite', edit: intoObject(init, source.text, status) };
  },
};

/** `{ headers }` → `{ status: 302, headers }`; one property per line keeps that layout. */
function intoObject(init: t.ObjectExpression, text: string, status: number) {
  const first = init.properties[0];
  if (!first) return { offset: init.start! + 1, insert: ` status: ${status} ` };
  const lineStart = text.lastIndexOf('\n', first.start! - 1) + 1;
  const indent = text.slice(lineStart, first.start!);
  if (lineStart > init.start! && /^[ \t]*$/.test(indent)) {
    const eol = text[lineStart - 2] === '\r' ? '\r\n' : '\n';
    return { offset: first.start!, insert: `status: ${status},${eol}${indent}` };
  }
  return { offset: first.start!, insert: `status: ${status}, ` };
}
