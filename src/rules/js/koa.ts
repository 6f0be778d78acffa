/**
 * Koa 2/3: `ctx.redirect(url[, alt])` sends 302 unless `ctx.status` is already a 3xx.
 * The status is set by a statement of its own: `ctx.status = 302;` right after the call,
 * on its own line with the file's indentation and line ending. A `ctx.status = …` next to
 * the call makes it explicit; a call that is not a statement of its own goes to review.
 */
import type * as t from '@babel/types';
import { statusValue } from '../../js/edits.js';
import { dominantLineEnding, lineEndAt, lineTerminatorAt } from '../../text/lineIndex.js';
import type { JsCallContext, JsPlan, JsRedirectRule } from '../jsRule.js';

export const koaRule: JsRedirectRule = {
  framework: 'koa',
  clues: { modules: ['koa', '@koa/router', 'koa-router'] },
  handler: {
    instances: [/^koa(\.default)?\(\)$/, /^(@koa\/router|koa-router)(\.default|\.Router)?\(\)(\.\w+\(\))*$/],
    // koa-router's `router.register(path, methods, middleware)` too.
    methods: ['use', 'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'register'],
    param: 0,
    type: 'koa.Context',
    annotations: ['koa.Context', 'koa.ParameterizedContext', 'koa.ExtendableContext', 'koa.DefaultContext', 'koa.default.Context', '@koa/router.RouterContext', 'koa-router.RouterContext'],
    functionAnnotations: ['koa.Middleware', '@koa/router.Middleware'],
    packages: ['koa'],
    paramNames: ['ctx', 'context'],
  },
  match(name) {
    return name === 'koa.Context.redirect' ? { api: 'ctx.redirect', chain: [] } : null;
  },
  plan(context): JsPlan {
    const { call, scopes, source, status } = context;
    if (call.arguments.length === 0) return { kind: 'review', reason: 'ctx.redirect() names no location' };
    const receiver = (call.callee as t.MemberExpression).object;
    const receiverText = source.text.slice(receiver.start!, receiver.end!);
    if (!isPlainReference(receiver)) return { kind: 'review', reason: 'the context is an expression with effects; set its status by hand' };

    const parent = scopes.parentOf(call);
    const statement = parent?.type === 'AwaitExpression' ? scopes.parentOf(parent) : parent;
    const block = statement && scopes.parentOf(statement);
    const siblings = block?.type === 'SwitchCase' ? block.consequent : block && 'body' in block && Array.isArray(block.body) ? (block.body as t.Statement[]) : null;
    if (statement?.type === 'ReturnStatement' && siblings) {
      // `return ctx.redirect(url)`: the status goes on a line of its own before the return. Koa keeps a
      // 3xx status that is already set, so setting it first is the same as setting it after.
      return statusLineBefore(context, statement, siblings, receiverText);
    }
    if (statement?.type !== 'ExpressionStatement' || !siblings) {
      // One insertion cannot give an expression a status (`a ? ctx.redirect(x) : b` would need `(ctx.status = 302, ctx.redirect(x))`,
      // two insertions, and a status set in the statement around it would reach the other branch too).
      const inside = parent?.type === 'ConditionalExpression' ? 'a branch of a ?: expression' : parent?.type === 'ArrowFunctionExpression' ? "an arrow function's body" : parent?.type === 'LogicalExpression' ? 'a && / || expression' : 'an expression';
      return {
        kind: 'review',
        reason: `ctx.redirect() is not a statement of its own (it is ${inside}), so there is no line to set ctx.status on; set ${receiverText}.status = 302 (or 303) just before it by hand, e.g. by turning the expression into an if statement (Koa keeps a 3xx status already set)`,
      };
    }
    const at = siblings.indexOf(statement);
    const after = statusAssignment(siblings[at + 1], receiverText, source.text);
    if (after) return { kind: 'explicit', before: statusValue(after), reason: `${receiverText}.status is set next to the call` };
    // Set earlier in the same block: a 3xx survives the redirect (Koa keeps a redirect status); another is overwritten with 302.
    for (let k = at - 1; k >= 0; k--) {
      const assigned = statusAssignment(siblings[k], receiverText, source.text);
      if (!assigned) continue;
      const value = statusValue(assigned);
      if (typeof value === 'number' && (value < 300 || value > 399)) break;
      return { kind: 'explicit', before: value, reason: `${receiverText}.status is set ${k === at - 1 ? 'next to the call' : 'before the call in the same block'}` };
    }

    const text = source.text;
    const lineStart = text.lastIndexOf('\n', statement.start! - 1) + 1;
    const indent = text.slice(lineStart, statement.start!);
    const lineEnd = lineEndAt(text, statement.end!);
    const rest = text.slice(statement.end!, lineEnd).trim();
    const eol = lineTerminatorAt(text, statement.end!);
    if (!/^[ \t]*$/.test(indent) || (rest !== '' && !rest.startsWith('//')) || eol === '') {
      return { kind: 'review', reason: 'ctx.redirect() shares its line with other code; set ctx.status by hand' };
    }
    const semicolon = text[statement.end! - 1] === ';' ? ';' : '';
    return { kind: 'rewrite', edit: { offset: lineEnd, insert: `${eol}${indent}${receiverText}.status = ${status}${semicolon}` } };
  },
};

function statusLineBefore(context: JsCallContext, statement: t.Statement, siblings: t.Statement[], receiverText: string): JsPlan {
  const { source, status } = context;
  const text = source.text;
  const at = siblings.indexOf(statement);
  for (let k = at - 1; k >= 0; k--) {
    const assigned = statusAssignment(siblings[k], receiverText, text);
    if (!assigned) continue;
    const value = statusValue(assigned);
    if (typeof value === 'number' && (value < 300 || value > 399)) break;
    return { kind: 'explicit', before: value, reason: `${receiverText}.status is set ${k === at - 1 ? 'next to the call' : 'before the call in the same block'}` };
  }
  const lineStart = text.lastIndexOf('\n', statement.start! - 1) + 1;
  const indent = text.slice(lineStart, statement.start!);
  if (!/^[ \t]*$/.test(indent)) return { kind: 'review', reason: 'ctx.redirect() shares its line with other code; set ctx.status by hand' };
  const eol = lineTerminatorAt(text, statement.start!) || dominantLineEnding(text);
  const semicolon = text[statement.end! - 1] === ';' ? ';' : '';
  return { kind: 'rewrite', edit: { offset: statement.start!, insert: `${receiverText}.status = ${status}${semicolon}${eol}${indent}` }, reason: `${receiverText}.status is set before the return: Koa keeps a 3xx status already set` };
}

function isPlainReference(node: t.Node): boolean {
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return true;
  return node.type === 'MemberExpression' && !node.computed && isPlainReference(node.object);
}

/** The value of `<receiver>.status = value` when `statement` is that assignment. */
function statusAssignment(statement: t.Statement | undefined, receiverText: string, text: string): t.Node | null {
  if (statement?.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return null;
  const left = statement.expression.left;
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier' || left.property.name !== 'status') return null;
  return text.slice(left.object.start!, left.object.end!) === receiverText ? statement.expression.right : null;
}
