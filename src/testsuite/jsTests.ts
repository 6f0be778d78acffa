/**
 * Status assertions in JavaScript / TypeScript test files, read from Babel's tree (the
 * project's parser, src/js/parser.ts): supertest's `.expect(302)` / `.expect(302, done)`,
 * `expect(res.status).toBe(302)` / `toEqual`, chai's `expect(res).to.have.status(302)`,
 * `assert.equal(res.statusCode, 302)`, `t.equal(res.statusCode, 302)`,
 * `assert.strictEqual(response.status, 302)`; and, for each, the request in the same test:
 * `request(app).post('/login')`, `app.inject({ method: 'DELETE', url })`, `app.request('/x')`.
 */
import type * as t from '@babel/types';
import { isFunctionNode, propertyValue } from '../js/scopes.js';
import { VISITOR_KEYS } from '../js/visitorKeys.js';
import type { LineIndex } from '../text/lineIndex.js';
import type { FoundAssertion } from './pythonTests.js';
import type { TestRequest } from './types.js';

export interface JsTestScan {
  assertions: FoundAssertion[];
  following: Array<{ offset: number; line: number; column: number; request: TestRequest }>;
}

const VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', del: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
const MATCHERS = new Set(['toBe', 'toEqual', 'toStrictEqual', 'equal', 'equals', 'eq', 'eql', 'status', 'toHaveStatus']);
const ASSERT_EQUAL = new Set(['equal', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'notEqual', 'notStrictEqual', 'is', 'not', 'same', 'equals', 'eq']);
const STATUS_PROPERTIES = new Set(['status', 'statusCode']);
type Call = t.CallExpression | t.OptionalCallExpression;

export function scanJsTests(ast: t.File, text: string, lines: LineIndex): JsTestScan {
  const parents = new Map<t.Node, t.Node>();
  const calls: Call[] = [];
  const values = new Map<string, t.Node[]>();
  const stack: t.Node[] = [ast];
  const above: Array<t.Node | undefined> = [undefined]; // each stacked node's parent
  while (stack.length > 0) {
    const node = stack.pop()!;
    const parent = above.pop();
    let hasChildren = false;
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') calls.push(node);
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const inits = values.get(node.id.name);
      if (inits) inits.push(node.init);
      else values.set(node.id.name, [node.init]);
    }
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      // One child or a list of them (no list made for a single child: this runs for every node).
      const many = Array.isArray(value);
      for (let i = 0, n = many ? value.length : 1; i < n; i++) {
        const child: unknown = many ? value[i] : value;
        if (child && typeof child === 'object' && typeof (child as t.Node).type === 'string') {
          stack.push(child as t.Node);
          above.push(node);
          hasChildren = true;
        }
      }
    }
    // Parents are asked of calls and their ancestors only, never of a leaf (most nodes are identifiers and literals).
    if (hasChildren && parent) parents.set(node, parent);
  }
  const finder = new Finder(parents, text, values);
  const assertions: FoundAssertion[] = [];
  const following: JsTestScan['following'] = [];
  for (const call of calls) {
    const found = finder.assertion(call);
    if (found) {
      const start = call.start!;
      assertions.push({ offset: start, ...lines.position(start), text: firstLineAt(text, start, call.end!), expects: 302, ...found });
    }
    const request = finder.requestCallAt(call);
    if (request && request.follows && !['GET', 'HEAD', 'POST'].includes(request.method)) {
      following.push({ offset: call.start!, ...lines.position(call.start!), request });
    }
  }
  return { assertions: assertions.sort((a, b) => a.offset - b.offset), following };
}

function isCall(node: t.Node | undefined): node is Call {
  return node?.type === 'CallExpression' || node?.type === 'OptionalCallExpression';
}

function memberName(node: t.Node): string | null {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'StringLiteral' ? node.property.value : null;
}

function is302(node: t.Node | undefined): node is t.NumericLiteral {
  return node?.type === 'NumericLiteral' && node.value === 302;
}

class Finder {
  constructor(
    private readonly parents: Map<t.Node, t.Node>,
    private readonly text: string,
    /** The initial values of the file's variables, by name: `const url = '/x'` gives a path. */
    private readonly values: Map<string, t.Node[]>,
  ) {}

  /** A request path, through a variable declared once with a literal. */
  private pathOf(node: t.Node | undefined): string | null | undefined {
    if (node?.type === 'Identifier') {
      const inits = this.values.get(node.name);
      return inits?.length === 1 ? (pathOf(inits[0]) ?? null) : null;
    }
    return pathOf(node);
  }

  /** The 302 literal and request of an assertion call, or null when the call is none. */
  assertion(call: Call): Omit<FoundAssertion, 'offset' | 'line' | 'column' | 'text' | 'expects'> | null {
    const callee = call.callee;
    const name = memberName(callee);
    if (name === null || (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression')) return null;
    const literal = (node: t.NumericLiteral) => ({ offset: node.start!, from: this.text.slice(node.start!, node.end!), to: '303' });
    // supertest: request(app).get('/x').expect(302) — the chain holds the request.
    if (name === 'expect' && is302(call.arguments[0]) && isCall(callee.object)) {
      if (this.text.slice(call.arguments[0].start!, call.arguments[0].end!) !== '302') return null;
      return { literals: [literal(call.arguments[0])], ...this.fromChain(callee.object) };
    }
    // expect(res.status).toBe(302), expect(res.statusCode).to.equal(302), expect(res).to.have.status(302)
    if (MATCHERS.has(name) && is302(call.arguments[0])) {
      const subject = expectSubject(callee.object);
      if (!subject) return null;
      const response = name === 'status' || name === 'toHaveStatus' ? subject : statusOwner(subject);
      if (!response) return null;
      return { literals: [literal(call.arguments[0])], ...this.responseRequest(response, call) };
    }
    // assert.equal(res.statusCode, 302), t.equal(res.statusCode, 302), assert.strictEqual(302, response.status)
    if (ASSERT_EQUAL.has(name) && call.arguments.length >= 2) {
      const [a, b] = call.arguments as t.Node[];
      for (const [subject, other] of [[a, b], [b, a]] as Array<[t.Node, t.Node]>) {
        const response = statusOwner(subject);
        if (response && is302(other)) return { literals: [literal(other)], ...this.responseRequest(response, call) };
      }
    }
    return null;
  }

  /** The request of a supertest chain `request(app).post('/x').send(...)`. */
  fromChain(node: t.Node): { request: TestRequest | null; noRequest?: string } {
    let follows = false;
    for (let link: t.Node | null = node; link; ) {
      if (link.type === 'AwaitExpression') {
        link = link.argument;
        continue;
      }
      if (!isCall(link)) break;
      const name = memberName(link.callee);
      if (name === 'redirects' && link.arguments[0]?.type === 'NumericLiteral' && link.arguments[0].value > 0) follows = true;
      const request = this.requestCallAt(link);
      if (request) return { request: { ...request, follows: request.follows || follows } };
      link = link.callee.type === 'MemberExpression' || link.callee.type === 'OptionalMemberExpression' ? link.callee.object : null;
    }
    return { request: null, noRequest: 'the chain holds no request the tool can read' };
  }

  /** A request call: `X.get('/x')`, `X.inject({ method, url })`, `X.request('/x', { method })`. */
  requestCallAt(call: Call): TestRequest | null {
    const callee = call.callee;
    const name = memberName(callee);
    if (name === null || (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression')) return null;
    const line = call.loc?.start.line ?? 0;
    // Asked of every call in the file: the text is cut only for a request (a test's outer call spans the file).
    const shown = () => firstLineAt(this.text, call.start!, call.end!);
    if (VERBS[name]) {
      const path = this.pathOf(call.arguments[0]);
      const receiver = callee.object;
      const clientLike = isCall(receiver) || (receiver.type === 'Identifier' && /agent|request|api|server|app|client|supertest/i.test(receiver.name));
      // `app.get('/x', handler)` registers a route: a request passes no function.
      if (path === undefined || !clientLike || call.arguments.length > 2 || call.arguments.some((a) => isFunctionNode(a))) return null;
      return { method: VERBS[name]!, path, follows: this.chainFollows(call), line, text: shown() };
    }
    if (name === 'inject' && call.arguments[0]?.type === 'ObjectExpression') {
      const options = call.arguments[0];
      const method = stringProperty(options, 'method');
      const url = propertyValue(options, 'url') ?? propertyValue(options, 'path');
      return { method: method === undefined ? 'GET' : (method?.toUpperCase() ?? 'unknown'), path: url ? (this.pathOf(url) ?? null) : null, follows: false, line, text: shown() };
    }
    if (name === 'request' && call.arguments.length >= 1 && call.arguments.length <= 3) {
      const path = this.pathOf(call.arguments[0]);
      if (path === undefined) return null;
      const init = call.arguments[1];
      const method = init?.type === 'ObjectExpression' ? stringProperty(init, 'method') : undefined;
      return { method: method === undefined ? 'GET' : (method?.toUpperCase() ?? 'unknown'), path, follows: false, line, text: shown() };
    }
    return null;
  }

  /** Whether the chain the call heads goes on with `.redirects(n)`, n > 0. */
  private chainFollows(call: Call): boolean {
    let node: t.Node = call;
    for (;;) {
      const member = this.parents.get(node);
      const outer = member && this.parents.get(member);
      if (!member || (member.type !== 'MemberExpression' && member.type !== 'OptionalMemberExpression') || !isCall(outer)) return false;
      if (memberName(member) === 'redirects' && outer.arguments[0]?.type === 'NumericLiteral' && outer.arguments[0].value > 0) return true;
      node = outer;
    }
  }

  /** The request behind a response expression: a request itself, a variable assigned one, or a callback's parameter. */
  responseRequest(response: t.Node, use: t.Node): { request: TestRequest | null; noRequest?: string } {
    const value = response.type === 'AwaitExpression' ? response.argument : response;
    if (isCall(value)) return this.fromChain(value);
    if (value.type !== 'Identifier') return { request: null, noRequest: 'the response is not a request made in this test' };
    const name = value.name;
    for (let scope: t.Node | undefined = this.parents.get(use); scope; scope = this.parents.get(scope)) {
      if (!isFunctionNode(scope)) continue;
      // A callback's parameter: `.then((res) => ...)`, `.end((err, res) => ...)`, `.expect((res) => ...)`.
      const index = scope.params.findIndex((p) => p.type === 'Identifier' && p.name === name);
      if (index !== -1) {
        const holder = this.parents.get(scope);
        const method = holder && isCall(holder) ? memberName(holder.callee) : null;
        if (holder && isCall(holder) && (method === 'then' || method === 'end' || method === 'expect') && (holder.callee.type === 'MemberExpression' || holder.callee.type === 'OptionalMemberExpression')) {
          return this.fromChain(holder.callee.object);
        }
        return { request: null, noRequest: `${name} is a parameter of the test, not a request made in it` };
      }
      const assigned = this.lastAssignment(scope, name, use.start!);
      if (assigned) {
        const inner = assigned.type === 'AwaitExpression' ? assigned.argument : assigned;
        if (isCall(inner)) {
          const found = this.fromChain(inner);
          if (found.request) return found;
        }
        return { request: null, noRequest: `${name} comes from ${firstLine(this.text.slice(assigned.start!, assigned.end!))}, not from a request the tool can read` };
      }
    }
    return { request: null, noRequest: `${name} is not assigned in this test (a hook or helper makes the request)` };
  }

  private lastAssignment(fn: t.Node, name: string, before: number): t.Node | null {
    let last: t.Node | null = null;
    const stack: t.Node[] = [fn];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.start! >= before) continue;
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === name && node.init) {
        if (!last || node.start! > (last.start ?? 0)) last = node.init;
      }
      if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === name) {
        if (!last || node.start! > (last.start ?? 0)) last = node.right;
      }
      for (const key of VISITOR_KEYS[node.type] ?? []) {
        const value = (node as unknown as Record<string, unknown>)[key];
        for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object' && typeof (child as t.Node).type === 'string') stack.push(child as t.Node);
      }
    }
    return last;
  }
}

/** The X of `expect(X).toBe` / `expect(X).to.equal` / `expect(X).not.toBe`. */
function expectSubject(node: t.Node): t.Node | null {
  for (let n: t.Node = node; ; ) {
    if (isCall(n)) {
      return n.callee.type === 'Identifier' && n.callee.name === 'expect' && n.arguments[0] ? (n.arguments[0] as t.Node) : null;
    }
    if (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') return null;
    n = n.object;
  }
}

/** The response of `res.status` / `res.statusCode`. */
function statusOwner(node: t.Node | undefined): t.Node | null {
  if (!node) return null;
  const name = memberName(node);
  return name !== null && STATUS_PROPERTIES.has(name) ? (node as t.MemberExpression).object : null;
}

/** A string property's value; undefined when absent, null when not a literal. */
function stringProperty(object: t.ObjectExpression, key: string): string | null | undefined {
  const value = propertyValue(object, key);
  if (value === undefined) return undefined;
  return value.type === 'StringLiteral' ? value.value : null;
}

/**
 * A request path: a string (`'/x'`), a template (`/post/${id}` → `/post/*`), an absolute URL
 * (its path); null for another expression; undefined when there is no argument.
 */
function pathOf(node: t.Node | undefined): string | null | undefined {
  if (!node) return undefined;
  let raw: string | null = null;
  if (node.type === 'StringLiteral') raw = node.value;
  else if (node.type === 'TemplateLiteral') raw = node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('*');
  else if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Request') return pathOf(node.arguments[0] as t.Node);
  if (raw === null) return null;
  const url = /^(?:https?:\/\/[^/]*|\*)(\/.*)?$/.exec(raw);
  if (url) raw = url[1] ?? '/';
  return raw;
}

function firstLine(text: string): string {
  return firstLineAt(text, 0, text.length);
}

const LINE_BREAK = /[\r\n]/g;

/** The first line of text.slice(start, end), without cutting the rest. */
function firstLineAt(text: string, start: number, end: number): string {
  LINE_BREAK.lastIndex = start;
  const at = LINE_BREAK.exec(text)?.index ?? end;
  const line = text.slice(start, Math.min(at, end));
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}
