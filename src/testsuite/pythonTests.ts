/**
 * Status assertions in Python test files, read from tree-sitter-python's tree:
 * `assert r.status_code == 302` (`!=`, `in (301, 302)`), `assert r.status == "302 FOUND"`,
 * `assert "302" in r.status`, `self.assertEqual(r.status_code, 302)`, `assertStatus(r, 302)`;
 * and, for each, the request that produced the response in the same test: `client.get('/x')`,
 * `self.client.post(url_for('auth.logout'))`, `client.open('/x', method='DELETE')`.
 */
import type { Node } from '../python/parser.js';
import type { LineIndex } from '../text/lineIndex.js';
import type { LiteralEdit, TestRequest } from './types.js';

export interface FoundAssertion {
  offset: number;
  line: number;
  column: number;
  text: string;
  expects: number;
  /** Every 302 literal of the assertion, with its replacement for 303. */
  literals: LiteralEdit[];
  request: TestRequest | null;
  /** Why no request was found, when none was. */
  noRequest?: string;
}

export interface PythonTestScan {
  assertions: FoundAssertion[];
  /** Requests that follow redirects with a method other than GET, HEAD or POST. */
  following: Array<{ offset: number; line: number; column: number; request: TestRequest }>;
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const UNITTEST_EQUAL = new Set(['assertEqual', 'assertEquals', 'assertNotEqual', 'assertNotEquals', 'assertIn', 'assertNotIn']);
const STATUS_HELPERS = new Set(['assertStatus', 'assert_status', 'assertStatusCode', 'assert_status_code']);
const STATUS_ATTRIBUTES = new Set(['status_code', 'status']);
/** Werkzeug's status lines. */
export const STATUS_LINES: Readonly<Record<string, string>> = { '302 FOUND': '303 SEE OTHER', '302': '303' };

export function scanPythonTests(root: Node, lines: LineIndex): PythonTestScan {
  const assertions: FoundAssertion[] = [];
  const at = (node: Node) => ({ offset: node.startIndex, ...lines.position(node.startIndex), text: firstLine(node.text) });
  for (const statement of root.descendantsOfType('assert_statement')) {
    const test = statement?.namedChildren[0];
    if (!statement || test?.type !== 'comparison_operator') continue;
    const found = fromComparison(test);
    if (found) assertions.push({ ...at(statement), expects: found.expects, literals: found.literals, ...requestOf(found.response, statement) });
  }
  for (const call of root.descendantsOfType('call')) {
    if (!call) continue;
    const found = fromAssertCall(call);
    if (found) assertions.push({ ...at(call), expects: found.expects, literals: found.literals, ...requestOf(found.response, call) });
  }
  const following: PythonTestScan['following'] = [];
  for (const call of root.descendantsOfType('call')) {
    const request = call && requestCall(call);
    if (request && request.follows && !['GET', 'HEAD', 'POST'].includes(request.method)) following.push({ offset: call.startIndex, ...lines.position(call.startIndex), request });
  }
  return {
    assertions: assertions.sort((a, b) => a.offset - b.offset),
    following,
  };
}

type Partial302 = { expects: number; literals: LiteralEdit[]; response: Node };

/** `X.status_code == 302`, `302 != X.status_code`, `X.status_code in (301, 302)`, `X.status == "302 FOUND"`, `"302" in X.status`. */
function fromComparison(test: Node): Partial302 | null {
  const operands = test.namedChildren.filter((n): n is Node => n !== null && !n.isExtra);
  if (operands.length !== 2) return null;
  const operator = test.children.find((c) => c && !c.isNamed)?.text ?? '';
  if (!['==', '!=', 'in', 'not in', 'is'].includes(operator.replace(/\s+/g, ' '))) return null;
  for (const [subject, other] of [operands, [...operands].reverse()] as Array<[Node, Node]>) {
    const response = statusOwner(subject);
    if (!response) continue;
    const literals = redirectLiterals(other);
    if (literals.length > 0) return { expects: 302, literals, response };
  }
  return null;
}

/** `self.assertEqual(r.status_code, 302)`, `self.assertIn(r.status_code, (301, 302))`, `self.assertStatus(r, 302)`. */
function fromAssertCall(call: Node): Partial302 | null {
  const callee = call.childForFieldName('function');
  const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.type === 'identifier' ? callee.text : undefined;
  if (!name) return null;
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => n !== null && !n.isExtra && n.type !== 'keyword_argument');
  if (STATUS_HELPERS.has(name) && args.length >= 2) {
    const literals = redirectLiterals(args[1]!);
    return literals.length > 0 ? { expects: 302, literals, response: args[0]! } : null;
  }
  if (!UNITTEST_EQUAL.has(name) || args.length < 2) return null;
  for (const [subject, other] of [[args[0]!, args[1]!], [args[1]!, args[0]!]] as Array<[Node, Node]>) {
    const response = statusOwner(subject);
    if (!response) continue;
    const literals = redirectLiterals(other);
    if (literals.length > 0) return { expects: 302, literals, response };
  }
  return null;
}

/** The response of `r.status_code` / `client.get('/x').status` (the expression before the status attribute). */
function statusOwner(node: Node): Node | null {
  if (node.type !== 'attribute' || !STATUS_ATTRIBUTES.has(node.childForFieldName('attribute')?.text ?? '')) return null;
  return node.childForFieldName('object');
}

/** The 302 literals of an expected value: `302`, `(301, 302)`, `"302 FOUND"`, `"302"`. */
function redirectLiterals(node: Node): LiteralEdit[] {
  if (node.type === 'integer' && node.text === '302') return [{ offset: node.startIndex, from: '302', to: '303' }];
  if (node.type === 'string') {
    const parts = node.namedChildren.filter((c) => c && c.type !== 'string_start' && c.type !== 'string_end');
    const content = parts.length === 1 && parts[0]!.type === 'string_content' ? parts[0]! : null;
    const to = content ? STATUS_LINES[content.text] : undefined;
    return content && to ? [{ offset: content.startIndex, from: content.text, to }] : [];
  }
  if (node.type === 'tuple' || node.type === 'list' || node.type === 'set' || node.type === 'parenthesized_expression') {
    return node.namedChildren.flatMap((item) => (item && !item.isExtra ? redirectLiterals(item) : []));
  }
  return [];
}

/** The request that produced `response`: the call itself, or the last assignment to the name before `use` in the same function. */
function requestOf(response: Node, use: Node): { request: TestRequest | null; noRequest?: string } {
  const direct = requestCall(unwrapAwait(response));
  if (direct) return { request: direct };
  if (response.type !== 'identifier') return { request: null, noRequest: `the response (${firstLine(response.text)}) is not a request made in this test` };
  const fn = enclosing(use, 'function_definition');
  const scope = fn ?? use.tree.rootNode;
  let last: Node | null = null;
  for (const node of scope.descendantsOfType(['assignment', 'as_pattern'])) {
    if (!node || node.endIndex > use.startIndex) continue;
    const target = node.type === 'assignment' ? node.childForFieldName('left') : node.childForFieldName('alias')?.namedChildren[0] ?? node.childForFieldName('alias');
    if (target?.text !== response.text) continue;
    const value = node.type === 'assignment' ? node.childForFieldName('right') : node.namedChildren[0];
    if (value && (!last || node.startIndex > last.startIndex)) last = value;
  }
  if (!last) return { request: null, noRequest: `${response.text} is not assigned in this test (a fixture or helper makes the request)` };
  const request = requestCall(unwrapAwait(last));
  return request ? { request } : { request: null, noRequest: `${response.text} comes from ${firstLine(last.text)}, not from a request the tool can read` };
}

function unwrapAwait(node: Node): Node {
  return node.type === 'await' ? (node.namedChildren[0] ?? node) : node;
}

/** `client.get('/x')`, `self.client.post(url_for('auth.logout'), follow_redirects=True)`, `client.open('/x', method='PUT')`. */
export function requestCall(node: Node): TestRequest | null {
  if (node.type !== 'call') return null;
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'attribute') return null;
  const verb = callee.childForFieldName('attribute')?.text ?? '';
  if (!VERBS.has(verb) && verb !== 'open') return null;
  const receiver = callee.childForFieldName('object')?.text ?? '';
  const args = node.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && !n.isExtra) ?? [];
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
  const keyword = (name: string) => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? null;
  const target = positional[0] ?? keyword('path');
  const where = target ? pathOf(target) : { path: null };
  // `d.get('key')` is no request: a path starts with '/', or the receiver is a test client.
  const clientLike = /client\b|client\(\)$|\bc$|\bapp$/i.test(receiver);
  if (where.path === null && !where.endpoint && !clientLike) return null;
  if (where.path !== null && !where.path.startsWith('/') && !where.path.startsWith('http') && !clientLike) return null;
  let method = verb === 'open' ? 'GET' : verb.toUpperCase();
  if (verb === 'open') {
    const named = keyword('method');
    if (named?.type === 'string') method = stringValue(named).toUpperCase();
    else if (named) method = 'unknown';
  }
  const follow = keyword('follow_redirects');
  return {
    method,
    path: where.path,
    ...(where.endpoint ? { endpoint: where.endpoint } : {}),
    follows: follow !== null && follow.text !== 'False',
    line: node.startPosition.row + 1,
    text: firstLine(node.text),
  };
}

/** A literal path (`'/x'`, `f'/post/{id}'` → `/post/*`), or `url_for('bp.view')`. */
function pathOf(node: Node): { path: string | null; endpoint?: string } {
  if (node.type === 'string') return { path: stringValue(node) };
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    const first = node.childForFieldName('arguments')?.namedChildren.find((a) => a && !a.isExtra);
    if (name === 'url_for' && first?.type === 'string' && !first.text.startsWith('f')) return { path: null, endpoint: stringValue(first) };
  }
  return { path: null };
}

/** A string's value, interpolations as `*`. */
function stringValue(node: Node): string {
  let out = '';
  for (const part of node.namedChildren) {
    if (!part) continue;
    if (part.type === 'string_content' || part.type === 'escape_sequence') out += part.text;
    else if (part.type === 'interpolation') out += '*';
  }
  return out;
}

function enclosing(node: Node, type: string): Node | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === type) return n;
  return null;
}

function firstLine(text: string): string {
  const line = text.split(/\r\n|\r|\n/)[0]!;
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}
