/**
 * Which HTTP methods can reach a Flask / Quart redirect: the route decorators of the function
 * it sits in (`@app.route(..., methods=[...])`, `@bp.get`, ...), `add_url_rule(..., view_func=f,
 * methods=[...])` in the same file, class-based views (`MethodView` method names, `View.methods`),
 * and, for a helper, the routes of the functions in the file that call it.
 */
import type { Methods } from '../site.js';
import type { Node } from './parser.js';

export interface MethodsFound {
  methods: Methods;
  why: string;
  /** When unknown: the module-level function, which another module may register. */
  handler?: string;
}

const SHORTCUTS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** Flask adds OPTIONS to every route, and HEAD wherever GET is allowed. */
function withImplied(methods: string[]): string[] {
  const all = new Set(methods);
  if (all.has('GET')) all.add('HEAD');
  all.add('OPTIONS');
  return [...all];
}

/**
 * `calls`: every call in the file (the scope walk collected them), searched for registrations
 * and callers. `registeredElsewhere`: what other modules register this module's functions with.
 */
export function methodsReaching(call: Node, calls: readonly Node[], registeredElsewhere?: ReadonlyMap<string, MethodsFound>): MethodsFound {
  const fn = enclosingFunction(call);
  const found = methodsOfFunction(fn, calls, new Set());
  if (found.methods !== 'unknown' || !fn || !found.why.endsWith(NOT_REGISTERED)) return found;
  let top = fn;
  for (let outer = enclosingFunction(top); outer; outer = enclosingFunction(outer)) top = outer;
  const name = top.childForFieldName('name')?.text;
  if (!name || isClassMethod(top)) return found;
  return registeredElsewhere?.get(name) ?? { ...found, why: `${name}() is not registered as a route in this module or the modules that import it`, handler: name };
}

function methodsOfFunction(fn: Node | null, calls: readonly Node[], visited: Set<number>): MethodsFound {
  if (!fn) return { methods: 'unknown', why: 'not inside a function' };
  if (visited.has(fn.id)) return { methods: 'unknown', why: 'the handler calls itself' };
  visited.add(fn.id);
  const name = fn.childForFieldName('name')?.text ?? '';

  const decorated = fromDecorators(fn);
  if (decorated) return decorated;
  const classView = fromClassView(fn);
  if (classView) return classView;
  const registered = fromAddUrlRule(name, calls);
  if (registered) return registered;

  // A function nested in a handler runs when the handler does.
  const outer = enclosingFunction(fn);
  if (outer && !isClassMethod(fn)) {
    const fromOuter = methodsOfFunction(outer, calls, visited);
    if (fromOuter.methods !== 'unknown') return fromOuter;
  }
  // A helper: the routes of the functions in this file that call it.
  const callers = callersOf(name, calls).map((caller) => methodsOfFunction(caller, calls, visited));
  if (callers.length > 0 && callers.every((c) => c.methods !== 'unknown')) {
    const methods = [...new Set(callers.flatMap((c) => c.methods as string[]))];
    return { methods, why: `${name}() is called by route handlers in this file` };
  }
  return { methods: 'unknown', why: `${name}()${NOT_REGISTERED}` };
}

const NOT_REGISTERED = ' is not registered as a route in this file';

function fromDecorators(fn: Node): MethodsFound | null {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  if (!decorated) return null;
  const methods: string[] = [];
  let routes = 0;
  for (const decorator of decorated.namedChildren) {
    if (decorator?.type !== 'decorator') continue;
    const call = decorator.namedChildren.find((child) => child?.type === 'call');
    const callee = call?.childForFieldName('function');
    if (!call || callee?.type !== 'attribute') continue;
    const kind = callee.childForFieldName('attribute')?.text ?? '';
    if (SHORTCUTS[kind]) {
      methods.push(SHORTCUTS[kind]!);
      routes++;
    } else if (kind === 'route') {
      const listed = keywordMethods(call.childForFieldName('arguments'));
      if (listed === 'unknown') return { methods: 'unknown', why: 'the route\'s methods are not a literal list' };
      methods.push(...(listed ?? ['GET']));
      routes++;
    }
  }
  return routes > 0 ? { methods: withImplied(methods), why: 'route decorator' } : null;
}

/** `methods=[...]` of a call: the listed names, null when absent, 'unknown' when not a literal. */
function keywordMethods(args: Node | null | undefined): string[] | null | 'unknown' {
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== 'methods') continue;
    return literalStrings(arg.childForFieldName('value'));
  }
  return null;
}

function literalStrings(node: Node | null | undefined): string[] | 'unknown' {
  if (!node || !['list', 'tuple', 'set'].includes(node.type)) return 'unknown';
  const values: string[] = [];
  for (const item of node.namedChildren) {
    if (item?.type !== 'string') return 'unknown';
    const content = item.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
    values.push(content.toUpperCase());
  }
  return values;
}

function fromClassView(fn: Node): MethodsFound | null {
  const cls = classOf(fn);
  if (!cls) return null;
  const bases = cls.childForFieldName('superclasses')?.text ?? '';
  if (!/View\b/.test(bases)) return null;
  const name = fn.childForFieldName('name')?.text ?? '';
  if (VIEW_METHODS.has(name)) return { methods: withImplied([name.toUpperCase()]), why: `${name}() of a class-based view` };
  if (name === 'dispatch_request') {
    for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
      if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === 'methods') {
        const listed = literalStrings(assignment.childForFieldName('right'));
        return listed === 'unknown' ? { methods: 'unknown', why: 'the view\'s methods are not a literal list' } : { methods: withImplied(listed), why: 'the view\'s methods attribute' };
      }
    }
    return { methods: withImplied(['GET']), why: 'a View without methods (GET)' };
  }
  return null;
}

/**
 * A call that registers a view: `X.add_url_rule(rule, endpoint, view_func=f, methods=[...])`
 * (view_func may be the third positional argument), or a route decorator called by hand,
 * `bp.route(rule, methods=[...])(f)` / `bp.delete(rule)(f)`. Null for any other call.
 */
export function routeOf(call: Node): { view: Node | null; methods: Methods; how: string } | null {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'call') {
    const decorator = callee.childForFieldName('function');
    const kind = decorator?.type === 'attribute' ? (decorator.childForFieldName('attribute')?.text ?? '') : '';
    if (kind !== 'route' && !SHORTCUTS[kind]) return null;
    const view = call.childForFieldName('arguments')?.namedChildren.find((a) => a && !a.isExtra) ?? null;
    if (SHORTCUTS[kind]) return { view, methods: withImplied([SHORTCUTS[kind]!]), how: `${kind}()` };
    const listed = keywordMethods(callee.childForFieldName('arguments'));
    return { view, methods: listed === 'unknown' ? 'unknown' : withImplied(listed ?? ['GET']), how: 'route()' };
  }
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'add_url_rule') return null;
  const args = call.childForFieldName('arguments');
  const positional = args?.namedChildren.filter((a) => a && a.type !== 'keyword_argument' && !a.isExtra) ?? [];
  const keyword = args?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'view_func');
  const listed = keywordMethods(args);
  return { view: keyword?.childForFieldName('value') ?? positional[2] ?? null, methods: listed === 'unknown' ? 'unknown' : withImplied(listed ?? ['GET']), how: 'add_url_rule()' };
}

function fromAddUrlRule(name: string, calls: readonly Node[]): MethodsFound | null {
  if (!name) return null;
  for (const call of calls) {
    const route = routeOf(call);
    if (!route || route.view?.text !== name) continue;
    if (route.methods === 'unknown') return { methods: 'unknown', why: `${route.how}'s methods are not a literal list` };
    return { methods: route.methods, why: route.how === 'add_url_rule()' ? 'add_url_rule' : `${route.how.slice(0, -2)}() applied to ${name}` };
  }
  return null;
}

function callersOf(name: string, calls: readonly Node[]): Node[] {
  if (!name) return [];
  const callers = new Map<number, Node>();
  for (const call of calls) {
    const callee = call?.childForFieldName('function');
    if (callee?.type === 'identifier' && callee.text === name) {
      const fn = enclosingFunction(call!);
      if (fn) callers.set(fn.id, fn);
    }
  }
  return [...callers.values()];
}

function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

function classOf(fn: Node): Node | null {
  const block = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return block?.type === 'block' && block.parent?.type === 'class_definition' ? block.parent : null;
}

function isClassMethod(fn: Node): boolean {
  return classOf(fn) !== null;
}
