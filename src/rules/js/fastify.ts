/**
 * Fastify: 302 unless `reply.code(n)` set a status before. The argument order changed:
 * `reply.redirect(code, url)` up to 4.27, `reply.redirect(url, code)` from 4.28 (and only
 * that in v5). The installed version (lockfile, else the declared range) picks the form;
 * when it cannot, `reply.code(302).redirect(url)` works on every version.
 */
import { createRequire } from 'node:module';
import type * as t from '@babel/types';
import { afterLastArgument, beforeFirstArgument, outerRange, statusValue } from '../../js/edits.js';
import type { PackageInfo } from '../../js/packageInfo.js';
import { chainOf, type JsCallContext, type JsPlan, type JsRedirectRule } from '../jsRule.js';

type Order = 'code-first' | 'url-first' | 'unknown';

// semver loads only when a Fastify call is planned: it costs ~30 ms at every start otherwise.
const require = createRequire(import.meta.url);
let semverModule: typeof import('semver') | undefined;

export function fastifyArgumentOrder(pkg: PackageInfo): Order {
  const semver = (semverModule ??= require('semver') as typeof import('semver'));
  const locked = semver.valid(pkg.locked.get('fastify') ?? '');
  if (locked) return semver.lt(locked, '4.28.0') ? 'code-first' : 'url-first';
  const range = pkg.dependencies.get('fastify');
  if (!range || semver.validRange(range) === null) return 'unknown';
  if (!semver.intersects(range, '>=4.28.0')) return 'code-first';
  if (!semver.intersects(range, '<4.28.0')) return 'url-first';
  return 'unknown';
}

export const fastifyRule: JsRedirectRule = {
  framework: 'fastify',
  clues: { modules: ['fastify'] },
  handler: {
    instances: [/^fastify(\.default|\.fastify)?\(\)(\.\w+\(\))*$/],
    methods: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'route', 'setNotFoundHandler'],
    routeObjects: true,
    param: 1,
    type: 'fastify.FastifyReply',
    annotations: ['fastify.FastifyReply'],
    functionAnnotations: ['fastify.RouteHandlerMethod', 'fastify.RouteHandler'],
    packages: ['fastify'],
    paramNames: ['reply', 'res', 'rep', 'response'],
  },
  match(name) {
    const chain = chainOf(name, 'fastify.FastifyReply', 'redirect');
    return chain ? { api: 'reply.redirect', chain } : null;
  },
  plan(context, { chain }): JsPlan {
    const { call, source, status, pkg } = context;
    const args = call.arguments;
    const codeInChain = chain.find((method) => method === 'code' || method === 'status');
    if (codeInChain) return { kind: 'explicit', before: 'dynamic', reason: `reply.${codeInChain}() before redirect() sets the status` };
    if (args.length >= 2) return { kind: 'explicit', before: statusValue(args[0]) !== 'dynamic' ? statusValue(args[0]) : statusValue(args[1]) };
    if (args.length === 0) return { kind: 'review', reason: 'reply.redirect() names no location' };
    const earlier = earlierStatusCall(context);
    if (earlier) return { kind: 'explicit', before: 'dynamic', reason: `reply.${earlier}() earlier in the handler sets the status` };

    const order = fastifyArgumentOrder(pkg);
    if (order === 'code-first') return { kind: 'rewrite', edit: beforeFirstArgument(args, source, String(status))!, reason: 'Fastify < 4.28 takes the code first' };
    if (order === 'url-first') return { kind: 'rewrite', edit: afterLastArgument(args, source, String(status))! };
    const receiver = (call.callee as t.MemberExpression).object;
    return {
      kind: 'rewrite',
      edit: { offset: outerRange(receiver, source).end, insert: `.code(${status})` },
      reason: 'the installed Fastify version is unknown: reply.code(n).redirect(url) works on every version',
    };
  },
};

/** `reply.code(n)` / `reply.status(n)` as an earlier statement of the same block, on the same receiver. */
function earlierStatusCall({ call, scopes, source }: JsCallContext): string | null {
  const receiver = (call.callee as t.MemberExpression).object;
  const receiverText = source.text.slice(receiver.start!, receiver.end!);
  let statement: t.Node | undefined = call;
  while (statement && !statement.type.endsWith('Statement')) statement = scopes.parentOf(statement);
  const block = statement && scopes.parentOf(statement);
  if (!statement || !block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return null;
  for (const earlier of block.body) {
    if (earlier === statement) break;
    if (earlier.type !== 'ExpressionStatement' || earlier.expression.type !== 'CallExpression') continue;
    const callee = earlier.expression.callee;
    if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') continue;
    const method = callee.property.name;
    if ((method === 'code' || method === 'status') && source.text.slice(callee.object.start!, callee.object.end!) === receiverText) return method;
  }
  return null;
}
