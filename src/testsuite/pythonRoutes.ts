/**
 * Flask / Quart routes of the handlers that hold redirects: `@bp.route('/x', methods=...)`,
 * `@app.post('/x')`, `add_url_rule('/x', view_func=f)`, with the blueprint's `url_prefix`
 * (its own, or the one `register_blueprint(bp, url_prefix=...)` gives it in another module)
 * and its name for `url_for`. A helper's redirect answers the routes of the handlers that call it.
 */
import path from 'node:path';
import type { Site } from '../site.js';
import { importsOf, targetOf } from '../python/crossModuleRegistrations.js';
import { withPythonTree, type Node } from '../python/parser.js';
import { joinPath, offsetOf, type Route } from './routes.js';

export interface PythonModule {
  /** Absolute path. */
  file: string;
  text: string;
}

interface Blueprint {
  name: string;
  prefix: string;
}

/** `register_blueprint(bp, url_prefix='/p', name='n')` found in the project, by the blueprint's file and variable. */
type Registrations = Map<string, { prefix: string | null; name: string | null }>;

const SHORTCUTS = new Set(['get', 'post', 'put', 'patch', 'delete', 'route']);

/**
 * `withSites`: the modules holding redirect sites, with their sites; `project`: every Python
 * module that may register a blueprint (only those mentioning `register_blueprint` are parsed).
 */
export async function pythonRoutes(withSites: ReadonlyArray<PythonModule & { sites: Site[] }>, project: readonly PythonModule[]): Promise<Route[]> {
  const registrations: Registrations = new Map();
  for (const module of project) {
    if (!module.text.includes('register_blueprint')) continue;
    await withPythonTree(module.text, (tree) => {
      const imports = importsOf(tree.rootNode, module.file);
      for (const call of tree.rootNode.descendantsOfType('call')) {
        const callee = call?.childForFieldName('function');
        if (!call || callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'register_blueprint') continue;
        const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && !a.isExtra) ?? [];
        const bp = args[0];
        if (!bp || bp.type === 'keyword_argument') continue;
        const target = targetOf(bp, imports) ?? (bp.type === 'identifier' ? { file: module.file, member: bp.text } : null);
        if (!target) continue;
        registrations.set(`${target.file}#${target.member}`, { prefix: keywordString(args, 'url_prefix'), name: keywordString(args, 'name') });
      }
    });
  }

  const routes: Route[] = [];
  for (const module of withSites) {
    await withPythonTree(module.text, (tree) => {
      const root = tree.rootNode;
      const blueprints = blueprintsOf(root, module.file, registrations);
      // Every call of the module, listed once: tree-sitter builds a new array at each descendantsOfType.
      const calls = root.descendantsOfType('call').filter((c): c is Node => c !== null);
      const addUrlRules = calls.filter(isAddUrlRule);
      const byHandler = new Map<number, Route>();
      const shown = module.sites[0]?.file;
      // Every route handler of the module, with or without a redirect of its own: a request may
      // reach one whose 302 comes from its decorators.
      for (const fn of root.descendantsOfType('function_definition')) {
        if (!fn || outermostFunction(fn)?.id !== fn.id) continue;
        const rules = rulesOf(fn, blueprints, addUrlRules);
        if (rules.paths.length === 0) continue;
        const route: Route = { ...rules, methods: declaredMethods(fn), sites: [], decorators: decoratorNames(fn), language: 'python', ...(shown ? { file: shown } : {}) };
        byHandler.set(fn.id, route);
        routes.push(route);
      }
      for (const site of module.sites) {
        const node = root.descendantForIndex(offsetOf(module.text, site.line, site.column));
        const hook = hookAround(node, calls);
        const handler = hook ?? outermostFunction(node);
        if (!handler) continue;
        let route = byHandler.get(handler.id);
        if (!route) {
          route = hook
            ? { paths: [], endpoints: [], methods: 'unknown', sites: [], hook: `${hook.childForFieldName('name')?.text ?? 'a hook'}() runs before every request` }
            : { ...routeOfHandler(handler, calls, blueprints, addUrlRules), methods: site.risk?.methods ?? 'unknown', sites: [], defines: handler.childForFieldName('name')?.text ?? '' };
          byHandler.set(handler.id, route);
          routes.push(route);
        }
        route.sites.push(site);
      }
    });
  }
  return routes;
}

function routeOfHandler(handler: Node, calls: readonly Node[], blueprints: Map<string, Blueprint>, addUrlRules: Node[]): Pick<Route, 'paths' | 'endpoints' | 'unknownPath'> {
  const own = rulesOf(handler, blueprints, addUrlRules);
  if (own.paths.length > 0 || own.unknownPath) return own;
  // A helper: the routes of the module's handlers that call it.
  const name = handler.childForFieldName('name')?.text;
  const paths: string[] = [];
  const endpoints: string[] = [];
  for (const call of calls) {
    if (call.childForFieldName('function')?.text !== name) continue;
    const caller = outermostFunction(call);
    if (!caller || caller.id === handler.id) continue;
    const theirs = rulesOf(caller, blueprints, addUrlRules);
    paths.push(...theirs.paths);
    endpoints.push(...theirs.endpoints);
  }
  if (paths.length > 0) return { paths, endpoints };
  return { paths: [], endpoints: [], unknownPath: `${name ?? 'the handler'}() has no route in its module` };
}

/** The rules of a handler's route decorators and of `add_url_rule(...)` calls naming it. */
function rulesOf(handler: Node, blueprints: Map<string, Blueprint>, addUrlRules: Node[]): Pick<Route, 'paths' | 'endpoints' | 'unknownPath'> {
  const name = handler.childForFieldName('name')?.text ?? '';
  const paths: string[] = [];
  const endpoints: string[] = [];
  const add = (owner: Node | null, rule: string, endpoint: string | null) => {
    const bp = owner?.type === 'identifier' ? blueprints.get(owner.text) : undefined;
    paths.push(joinPath(bp?.prefix ?? '', rule));
    endpoints.push(bp ? `${bp.name}.${endpoint ?? name}` : (endpoint ?? name));
  };
  const decorated = handler.parent?.type === 'decorated_definition' ? handler.parent : null;
  for (const decorator of decorated?.namedChildren ?? []) {
    const call = decorator?.type === 'decorator' ? decorator.namedChildren.find((c) => c?.type === 'call') : null;
    const callee = call?.childForFieldName('function');
    if (!call || callee?.type !== 'attribute' || !SHORTCUTS.has(callee.childForFieldName('attribute')?.text ?? '')) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && !a.isExtra) ?? [];
    const rule = args[0]?.type === 'string' ? stringText(args[0]) : null;
    if (rule === null) return { paths: [], endpoints: [], unknownPath: `the rule of ${name}()'s route is not a literal` };
    add(callee.childForFieldName('object'), rule, keywordString(args, 'endpoint'));
  }
  for (const call of addUrlRules) {
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && !a.isExtra) ?? [];
    const positional = args.filter((a) => a.type !== 'keyword_argument');
    const view = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'view_func')?.childForFieldName('value') ?? positional[2];
    if (view?.text !== name) continue;
    const rule = positional[0]?.type === 'string' ? stringText(positional[0]) : null;
    if (rule === null) continue;
    const endpoint = positional[1]?.type === 'string' ? stringText(positional[1]) : keywordString(args, 'endpoint');
    add(call.childForFieldName('function')?.childForFieldName('object') ?? null, rule, endpoint);
  }
  return { paths, endpoints };
}

/** `bp = Blueprint('auth', __name__, url_prefix='/auth')`, with the prefix and name its registration gives it. */
function blueprintsOf(root: Node, file: string, registrations: Registrations): Map<string, Blueprint> {
  const found = new Map<string, Blueprint>();
  for (const assignment of root.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const callee = right.childForFieldName('function');
    const calleeName = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    if (calleeName !== 'Blueprint') continue;
    const args = right.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && !a.isExtra) ?? [];
    const name = args[0]?.type === 'string' ? stringText(args[0]) : keywordString(args, 'name');
    if (name === null) continue;
    const registered = registrations.get(`${file}#${left.text}`) ?? registrations.get(`${path.join(path.dirname(file), '__init__.py')}#${left.text}`);
    found.set(left.text, { name: registered?.name ?? name, prefix: registered?.prefix ?? keywordString(args, 'url_prefix') ?? '' });
  }
  return found;
}

function isAddUrlRule(call: Node): boolean {
  const callee = call.childForFieldName('function');
  return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'add_url_rule';
}

function keywordString(args: readonly Node[], name: string): string | null {
  const value = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value');
  return value?.type === 'string' ? stringText(value) : null;
}

function stringText(node: Node): string | null {
  const parts = node.namedChildren.filter((c) => c && c.type !== 'string_start' && c.type !== 'string_end');
  if (parts.some((p) => p?.type === 'interpolation')) return null;
  return parts.map((p) => p!.text).join('');
}

const HOOKS = new Set(['before_request', 'before_app_request']);
const VERB_DECORATORS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };

/** The methods a handler's route decorators declare (GET by default; HEAD with GET, OPTIONS always); unknown when not literal. */
function declaredMethods(fn: Node): Route['methods'] {
  const methods = new Set<string>();
  for (const call of routeDecoratorCalls(fn)) {
    const kind = call.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';
    if (VERB_DECORATORS[kind]) {
      methods.add(VERB_DECORATORS[kind]!);
      continue;
    }
    const listed = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'methods')?.childForFieldName('value');
    if (!listed) methods.add('GET');
    else if (!['list', 'tuple', 'set'].includes(listed.type) || listed.namedChildren.some((i) => i?.type !== 'string')) return 'unknown';
    else for (const item of listed.namedChildren) methods.add(stringText(item!)?.toUpperCase() ?? '');
  }
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods];
}

function routeDecoratorCalls(fn: Node): Node[] {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  return (decorated?.namedChildren ?? []).flatMap((decorator) => {
    const call = decorator?.type === 'decorator' ? decorator.namedChildren.find((c) => c?.type === 'call') : null;
    const callee = call?.childForFieldName('function');
    return call && callee?.type === 'attribute' && SHORTCUTS.has(callee.childForFieldName('attribute')?.text ?? '') ? [call] : [];
  });
}

/** `@login_required`, `@auth.login_required`, `@limiter.limit("5/m")` → their last names; route decorators left out. */
function decoratorNames(fn: Node): string[] {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  const routes = new Set(routeDecoratorCalls(fn).map((c) => c.id));
  const names: string[] = [];
  for (const decorator of decorated?.namedChildren ?? []) {
    const expression = decorator?.type === 'decorator' ? decorator.namedChildren[0] : null;
    if (!expression || routes.has(expression.id)) continue;
    const target = expression.type === 'call' ? expression.childForFieldName('function') : expression;
    const name = target?.type === 'attribute' ? target.childForFieldName('attribute')?.text : target?.type === 'identifier' ? target.text : null;
    if (name) names.push(name);
  }
  return names;
}

/** A function around the node decorated `@app.before_request` / `@bp.before_app_request`, or registered with `app.before_request(f)`. */
function hookAround(node: Node | null, calls: readonly Node[]): Node | null {
  for (let n = node; n; n = n.parent) {
    if (n.type !== 'function_definition') continue;
    const decorated = n.parent?.type === 'decorated_definition' ? n.parent : null;
    for (const decorator of decorated?.namedChildren ?? []) {
      if (decorator?.type !== 'decorator') continue;
      const expression = decorator.namedChildren[0];
      const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
      if (callee?.type === 'attribute' && HOOKS.has(callee.childForFieldName('attribute')?.text ?? '')) return n;
    }
    const name = n.childForFieldName('name')?.text;
    for (const call of calls) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute' || !HOOKS.has(callee.childForFieldName('attribute')?.text ?? '')) continue;
      if (call.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'identifier' && a.text === name)) return n;
    }
  }
  return null;
}

/** The module-level function (or method) around a node: its route is the handler's. */
function outermostFunction(node: Node | null): Node | null {
  let found: Node | null = null;
  for (let n = node; n; n = n.parent) {
    if (n.type === 'function_definition') found = n;
    if (n.type === 'class_definition') break;
  }
  return found;
}
