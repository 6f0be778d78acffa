/**
 * Express / Fastify / Hono / Koa-router routes of the handlers that hold redirects:
 * `app.post('/x', fn)`, `router.route('/x').delete(fn)`, `fastify.route({ method, url, handler })`,
 * `app.on('PURGE', '/x', fn)`, handlers registered by name, with the prefixes their router is
 * mounted under: `app.use('/auth', router)`, Hono's `app.route('/auth', sub)`, Fastify's
 * `app.register(plugin, { prefix })`, in the same file or in a file that imports it.
 */
import path from 'node:path';
import type * as t from '@babel/types';
import { parseJs } from '../js/parser.js';
import { isFunctionNode, propertyValue } from '../js/scopes.js';
import { VISITOR_KEYS } from '../js/visitorKeys.js';
import type { Site } from '../site.js';
import { joinPath, offsetsOf, type Route } from './routes.js';

export interface JsModule {
  file: string;
  text: string;
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
type Call = t.CallExpression | t.OptionalCallExpression;

interface Parsed {
  ast: t.File;
  parents: Map<t.Node, t.Node>;
  calls: Call[];
  nodes: t.Node[];
  /** The innermost node at each offset asked about (innermostAt()). */
  innermost?: Map<number, t.Node | null>;
}

/** The smallest node around `offset` (of equal ones, the last in the walk's order), from the memo or a scan of every node. */
function innermostAt(parsed: Parsed, offset: number): t.Node | null {
  const known = parsed.innermost?.get(offset);
  if (known !== undefined) return known;
  let innermost: t.Node | null = null;
  for (const node of parsed.nodes) {
    if (node.start! <= offset && offset < node.end! && (!innermost || node.end! - node.start! <= innermost.end! - innermost.start!)) innermost = node;
  }
  (parsed.innermost ??= new Map()).set(offset, innermost);
  return innermost;
}

/**
 * innermostAt() of many offsets in one scan of the nodes, in the same order with the same
 * test for each offset: a file with many sites is not scanned once per site.
 */
function findInnermost(parsed: Parsed, offsets: readonly number[]): void {
  const wanted = [...new Set(offsets)].filter((offset) => !parsed.innermost?.has(offset)).sort((a, b) => a - b);
  if (wanted.length < 2) return;
  const best: Array<t.Node | null> = wanted.map(() => null);
  for (const node of parsed.nodes) {
    const start = node.start!;
    const end = node.end!;
    let low = 0;
    let high = wanted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (wanted[middle]! < start) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < wanted.length && wanted[i]! < end; i++) {
      const current = best[i];
      if (!current || end - start <= current.end! - current.start!) best[i] = node;
    }
  }
  const memo = (parsed.innermost ??= new Map());
  for (const [i, offset] of wanted.entries()) memo.set(offset, best[i]!);
}

function parse(module: JsModule): Parsed | null {
  const parsed = parseJs(module.text, module.file);
  return parsed.ok ? indexed(parsed.ast) : null;
}

/** The parent of each node, the calls and every node of a syntax tree, in the walk's order. */
function indexed(ast: t.File): Parsed {
  const parents = new Map<t.Node, t.Node>();
  const calls: Call[] = [];
  const nodes: t.Node[] = [];
  const stack: t.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') calls.push(node);
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as t.Node).type === 'string') {
          parents.set(child as t.Node, node);
          stack.push(child as t.Node);
        }
      }
    }
  }
  return { ast, parents, calls, nodes };
}

function memberName(node: t.Node): string | null {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'StringLiteral' ? node.property.value : null;
}

function stringOf(node: t.Node | undefined): string | null {
  if (node?.type === 'StringLiteral') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? null;
  return null;
}

/** A registration found for a handler: the router object and the rule. */
interface Registered {
  router: t.Node;
  rule: string | null;
}

/** Parses the route table keeps at once (most recently used). */
export const PARSED_KEPT = 32;

/**
 * What the route table finds for one file's sites from that file alone, taken while the
 * analysis has the file's syntax tree (so that the test step need not parse it again). They
 * are the table's answers only when no other module of the project imports the file, if the
 * table asked for its importers: else the test step parses the file as before.
 */
export interface JsRouteFacts {
  /** The length of the text they were taken from. */
  length: number;
  /** The file's routes, in the order the table makes them. */
  routes: Array<{ paths: string[]; unknownPath?: string }>;
  /** Each site's offset in the text, with the index of its route. */
  sites: Array<[offset: number, route: number]>;
  /** Whether the table looked for the modules that import this file. */
  askedImporters: boolean;
}

/** The route facts of a parsed file with sites (`sites`: the analysis's, in the file's order). */
export function jsRouteFacts(ast: t.File, file: string, text: string, sites: readonly Site[]): JsRouteFacts {
  const module = { file, text, sites: [...sites] };
  const alone = new JsRouteTable([], PARSED_KEPT, undefined, new Map([[file, indexed(ast)]]));
  const routes = alone.routes([module]);
  const index = new Map(routes.flatMap((route, i) => route.sites.map((site) => [site, i] as const)));
  return {
    length: text.length,
    routes: routes.map((route) => ({ paths: route.paths, ...(route.unknownPath !== undefined ? { unknownPath: route.unknownPath } : {}) })),
    sites: offsetsOf(text, module.sites).map((offset, i) => [offset, index.get(module.sites[i]!)!]),
    askedImporters: alone.importersAsked.has(file),
  };
}

export class JsRouteTable {
  private readonly parsedProject: Map<string, Parsed | null>;
  private importIndex: Map<string, JsModule[]> | undefined;
  /** The files whose importers were looked for. */
  readonly importersAsked = new Set<string>();

  /**
   * `kept`: how many parses stay cached (the tests make it small to exercise re-parsing).
   * `facts`: the analysis's route facts of files with sites, by file (used where they hold).
   */
  constructor(
    private readonly project: readonly JsModule[],
    private readonly kept = PARSED_KEPT,
    private readonly facts?: ReadonlyMap<string, JsRouteFacts>,
    parsed?: Map<string, Parsed>,
  ) {
    this.parsedProject = parsed ?? new Map();
  }

  /** Parses of the route table's files (not of those answered by their facts). */
  parses = 0;

  /**
   * The project's modules that may import `file` (a relative import or require that resolves
   * to it, read from the text), in project order: asked per handler and per router, so
   * scanning every module each time made a large tree's test step quadratic. A superset of
   * what importsOf() accepts; the callers still check mentionsFile() and importsOf().
   */
  private importersOf(file: string): readonly JsModule[] {
    this.importersAsked.add(file);
    if (!this.importIndex) {
      this.importIndex = new Map();
      for (const module of this.project) {
        const keys = new Set<string>();
        for (const match of module.text.matchAll(RELATIVE_SPECIFIER)) {
          const base = path.resolve(path.dirname(module.file), match[1] ?? match[2]!);
          keys.add(stemOf(base));
          keys.add(path.join(base, 'index'));
        }
        for (const key of keys) this.importIndex.set(key, [...(this.importIndex.get(key) ?? []), module]);
      }
    }
    return this.importIndex.get(stemOf(file)) ?? [];
  }

  routes(withSites: ReadonlyArray<JsModule & { sites: Site[] }>): Route[] {
    const routes: Route[] = [];
    for (const module of withSites) {
      const known = this.factsFor(module);
      if (known) {
        routes.push(...known);
        continue;
      }
      const parsed = this.parsed(module);
      if (!parsed) continue;
      const byHandler = new Map<t.Node, Route>();
      const offsets = offsetsOf(module.text, module.sites);
      findInnermost(parsed, offsets);
      for (const [i, site] of module.sites.entries()) {
        const offset = offsets[i]!;
        const registered = this.registrationFor(parsed, offset);
        const key = registered?.handler ?? this.exportedHandler(parsed, offset)?.fn ?? parsed.ast;
        let route = byHandler.get(key);
        if (!route) {
          route = { paths: [], endpoints: [], methods: site.risk?.methods ?? 'unknown', sites: [] };
          const elsewhere = registered ? null : this.registeredElsewhere(module, parsed, offset);
          if (elsewhere) route.paths = elsewhere;
          else if (!registered) route.unknownPath = 'no route registration for this handler in its file or in the files that import it';
          else if (registered.rule === null) route.unknownPath = "the route's path is not a literal";
          else {
            const prefixes = this.prefixesOf(module, parsed, registered.router, new Set());
            if (prefixes === null) route.unknownPath = 'the router is mounted where the tool cannot read the prefix';
            else route.paths = prefixes.map((prefix) => joinPath(prefix, registered.rule!, true));
          }
          byHandler.set(key, route);
          routes.push(route);
        }
        route.sites.push(site);
      }
    }
    return routes;
  }

  /**
   * A module's routes from the analysis's facts, made as routes() makes them (a route per
   * handler, in the order of its first site, with that site's methods); null when there are
   * no facts for this text and these sites, or when another module imports this one and the
   * facts did not look there.
   */
  private factsFor(module: JsModule & { sites: Site[] }): Route[] | null {
    const facts = this.facts?.get(module.file);
    if (!facts || facts.length !== module.text.length) return null;
    if (facts.askedImporters && this.importersOf(module.file).some((other) => other.file !== module.file && mentionsFile(other.text, module.file))) return null;
    const routeOf = new Map(facts.sites);
    const offsets = offsetsOf(module.text, module.sites);
    if (offsets.some((offset) => !routeOf.has(offset))) return null;
    const made = new Map<number, Route>();
    for (const [i, site] of module.sites.entries()) {
      const index = routeOf.get(offsets[i]!)!;
      let route = made.get(index);
      if (!route) {
        const { paths, unknownPath } = facts.routes[index]!;
        route = { paths: [...paths], endpoints: [], methods: site.risk?.methods ?? 'unknown', sites: [] };
        if (unknownPath !== undefined) route.unknownPath = unknownPath;
        made.set(index, route);
      }
      route.sites.push(site);
    }
    return [...made.values()];
  }

  /** The exported function around `offset` (`exports.get = (req, res) => ...`, `export function logout`), with its export name. */
  private exportedHandler(parsed: Parsed, offset: number): { fn: t.Node; name: string } | null {
    const innermost = innermostAt(parsed, offset);
    for (let node: t.Node | undefined = innermost ?? undefined; node; node = parsed.parents.get(node)) {
      if (!isFunctionNode(node)) continue;
      const name = exportNameOf(parsed, node);
      if (name) return { fn: node, name };
    }
    return null;
  }

  /**
   * The full paths of a handler exported here and registered by a file that imports this one:
   * `router.get('/logout', logout.get)` with `const logout = require('./logout')`. Null when none.
   */
  private registeredElsewhere(module: JsModule, parsed: Parsed, offset: number): string[] | null {
    const handler = this.exportedHandler(parsed, offset);
    if (!handler) return null;
    const paths: string[] = [];
    for (const other of this.importersOf(module.file)) {
      if (other.file === module.file || !mentionsFile(other.text, module.file)) continue;
      const otherParsed = this.parsed(other);
      if (!otherParsed) continue;
      for (const local of importsOf(otherParsed, other.file, module.file)) {
        for (const call of otherParsed.calls) {
          const named = call.arguments.some((a) =>
            handler.name === 'default'
              ? a.type === 'Identifier' && a.name === local
              : (a.type === 'MemberExpression' && a.object.type === 'Identifier' && a.object.name === local && memberName(a) === handler.name) || (a.type === 'Identifier' && a.name === local && importedMember(otherParsed, local) === handler.name),
          );
          if (!named) continue;
          const found = this.fromCall(call, null);
          if (!found || found.rule === null) continue;
          const prefixes = this.prefixesOf(other, otherParsed, found.router, new Set());
          if (prefixes === null) return null;
          paths.push(...prefixes.map((prefix) => joinPath(prefix, found.rule!, true)));
        }
      }
    }
    return paths.length > 0 ? paths : null;
  }

  /**
   * A module's parse, from a cache of the last `kept` files: a parse with its parent map is
   * many times the file's size, and keeping every one held hundreds of megabytes on a large
   * tree. A file parsed again gives the same answers (callers keep the parse they work on).
   */
  private parsed(module: JsModule): Parsed | null {
    const kept = this.parsedProject.get(module.file);
    if (kept !== undefined) {
      this.parsedProject.delete(module.file);
      this.parsedProject.set(module.file, kept);
      return kept;
    }
    const parsed = parse(module);
    this.parses++;
    this.parsedProject.set(module.file, parsed);
    if (this.parsedProject.size > this.kept) this.parsedProject.delete(this.parsedProject.keys().next().value!);
    return parsed;
  }

  /** The innermost function around `offset` that is registered as a route, with the registration. */
  private registrationFor(parsed: Parsed, offset: number): (Registered & { handler: t.Node }) | null {
    const innermost = innermostAt(parsed, offset);
    for (let node: t.Node | undefined = innermost ?? undefined; node; node = parsed.parents.get(node)) {
      if (!isFunctionNode(node)) continue;
      const found = this.registrationAround(parsed, node) ?? this.registrationByName(parsed, node);
      if (found) return { ...found, handler: node };
    }
    return null;
  }

  private registrationAround(parsed: Parsed, fn: t.Node): Registered | null {
    let node = fn;
    let routeObject: t.ObjectExpression | null = null;
    for (let depth = 0; depth < 5; depth++) {
      const parent = parsed.parents.get(node);
      if (!parent) return null;
      if (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') {
        if (!parent.arguments.includes(node as t.Expression)) return null;
        return this.fromCall(parent, routeObject);
      }
      if (parent.type === 'ObjectProperty' || parent.type === 'ObjectExpression' || parent.type === 'ArrayExpression') {
        if (parent.type === 'ObjectExpression') routeObject = parent;
        node = parent;
        continue;
      }
      return null;
    }
    return null;
  }

  /** `X.verb('/p', ..., fn)`, `X.route('/p').verb(fn)`, `X.on(method, '/p', fn)`, `X.route({ url, handler })`. */
  private fromCall(call: Call, routeObject: t.ObjectExpression | null): Registered | null {
    const method = memberName(call.callee);
    if (method === null || (call.callee.type !== 'MemberExpression' && call.callee.type !== 'OptionalMemberExpression')) return null;
    const object = call.callee.object;
    if (routeObject && method === 'route') {
      const url = propertyValue(routeObject, 'url') ?? propertyValue(routeObject, 'path');
      return { router: object, rule: stringOf(url) };
    }
    if (method === 'on') return { router: object, rule: stringOf(call.arguments[1]) };
    if (!VERBS.has(method)) return null;
    if ((object.type === 'CallExpression' || object.type === 'OptionalCallExpression') && memberName(object.callee) === 'route') {
      const inner = object.callee as t.MemberExpression;
      return { router: inner.object, rule: stringOf(object.arguments[0]) };
    }
    const first = call.arguments[0];
    if (first && isFunctionNode(first)) return { router: object, rule: '/' };
    return { router: object, rule: stringOf(first) };
  }

  /** `app.get('/x', logout)` with `function logout(req, res) {}` or `const logout = (req, res) => ...`. */
  private registrationByName(parsed: Parsed, fn: t.Node): Registered | null {
    const holder = parsed.parents.get(fn);
    const name = fn.type === 'FunctionDeclaration' && fn.id ? fn.id.name : holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name : null;
    if (!name) return null;
    for (const call of parsed.calls) {
      if (!call.arguments.some((a) => a.type === 'Identifier' && a.name === name)) continue;
      const found = this.fromCall(call, null);
      if (found) return found;
    }
    return null;
  }

  /**
   * The prefixes a router is mounted under: '' for the application itself; the mounts of the
   * same file (`app.use('/p', router)`); for an exported router (or a Fastify plugin's
   * parameter), the mounts in the files that import it. Null when one cannot be read.
   */
  private prefixesOf(module: JsModule, parsed: Parsed, router: t.Node, seen: Set<string>): string[] | null {
    if (router.type !== 'Identifier') return router.type === 'ThisExpression' ? [''] : [''];
    const name = router.name;
    const key = `${module.file}#${name}`;
    if (seen.has(key)) return [''];
    seen.add(key);
    // A Fastify plugin: `async function plugin(fastify) { fastify.get(...) }`, registered with a prefix.
    const plugin = pluginOf(parsed, router);
    const mounted = plugin ? plugin.name : name;
    const local = this.mountsIn(parsed, mounted, (outer) => this.prefixesOf(module, parsed, outer, seen));
    if (local === null) return null;
    if (local.length > 0) return local;
    // Mounted in another file that imports this one.
    if (plugin?.exported || exportsName(parsed, name)) {
      const elsewhere: string[] = [];
      for (const other of this.importersOf(module.file)) {
        if (other.file === module.file || !mentionsFile(other.text, module.file)) continue;
        const otherParsed = this.parsed(other);
        if (!otherParsed) continue;
        for (const local of importsOf(otherParsed, other.file, module.file)) {
          const found = this.mountsIn(otherParsed, local, (outer) => this.prefixesOf(other, otherParsed, outer, seen));
          if (found === null) return null;
          elsewhere.push(...found);
        }
      }
      if (elsewhere.length > 0) return elsewhere;
    }
    return [''];
  }

  /** Prefixes of `name` mounted in this file; [] when it is not mounted here, null when a prefix is not a literal. */
  private mountsIn(parsed: Parsed, name: string, outerPrefixes: (outer: t.Node) => string[] | null): string[] | null {
    const prefixes: string[] = [];
    for (const call of parsed.calls) {
      const method = memberName(call.callee);
      if (method !== 'use' && method !== 'route' && method !== 'register' && method !== 'basePath') continue;
      const args = call.arguments;
      const index = args.findIndex((a) => a.type === 'Identifier' && a.name === name);
      if (index === -1) continue;
      const outer = (call.callee as t.MemberExpression).object;
      let prefix: string | null;
      if (method === 'register') {
        const options = args[index + 1];
        const given = options?.type === 'ObjectExpression' ? propertyValue(options, 'prefix') : undefined;
        prefix = given === undefined ? '' : stringOf(given);
      } else {
        prefix = index === 0 ? '' : stringOf(args[0]);
      }
      if (prefix === null) return null;
      const above = outerPrefixes(outer);
      if (above === null) return null;
      prefixes.push(...above.map((p) => joinPath(p, prefix, true)));
    }
    return prefixes;
  }
}

/** The function whose parameter `router` is, when that function is a plugin (its name, and whether it is exported). */
function pluginOf(parsed: Parsed, router: t.Identifier): { name: string; exported: boolean } | null {
  for (let node = parsed.parents.get(router); node; node = parsed.parents.get(node)) {
    if (!isFunctionNode(node)) continue;
    const fn = node as t.FunctionDeclaration | t.ArrowFunctionExpression | t.FunctionExpression;
    if (!fn.params.some((p) => p.type === 'Identifier' && p.name === router.name)) continue;
    const holder = parsed.parents.get(fn);
    const name = fn.type === 'FunctionDeclaration' && fn.id ? fn.id.name : holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name : null;
    const exported = holder?.type === 'ExportDefaultDeclaration' || (holder?.type === 'AssignmentExpression' && memberName(holder.left) === 'exports') || (name !== null && exportsName(parsed, name));
    return name || exported ? { name: name ?? '', exported } : null;
  }
  return null;
}

/** `module.exports = name`, `export default name`, `export { name }`, `export const name`. */
function exportsName(parsed: Parsed, name: string): boolean {
  for (const node of parsed.nodes) {
    if (node.type === 'ExportDefaultDeclaration' && node.declaration.type === 'Identifier' && node.declaration.name === name) return true;
    if (node.type === 'ExportDefaultDeclaration' && 'id' in node.declaration && node.declaration.id?.name === name) return true;
    if (node.type === 'AssignmentExpression' && node.right.type === 'Identifier' && node.right.name === name && memberName(node.left) === 'exports') return true;
    if (node.type === 'ExportNamedDeclaration' && node.specifiers.some((s) => s.type === 'ExportSpecifier' && s.local.name === name)) return true;
    if (node.type === 'ExportNamedDeclaration' && node.declaration?.type === 'VariableDeclaration' && node.declaration.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name)) return true;
  }
  return false;
}

/** `from './x'`, `require('./x')`: the relative specifiers importsOf() can accept. */
const RELATIVE_SPECIFIER = /\bfrom\s*['"](\.[^'"]*)['"]|\brequire\s*\(\s*['"](\.[^'"]*)['"]/g;
const stemOf = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, '');

function mentionsFile(text: string, file: string): boolean {
  const base = path.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  return text.includes(base);
}

/** The local names `file` binds to the module `target`: `const r = require('./r')`, `import r from './r.js'`, `import { router as r }`. */
function importsOf(parsed: Parsed, file: string, target: string): string[] {
  const names: string[] = [];
  const resolves = (specifier: string) => {
    if (!specifier.startsWith('.')) return false;
    const base = path.resolve(path.dirname(file), specifier);
    const stem = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, '');
    return stem(base) === stem(target) || base === path.dirname(target) && path.basename(stem(target)) === 'index';
  };
  for (const node of parsed.nodes) {
    if (node.type === 'ImportDeclaration' && resolves(node.source.value)) {
      for (const s of node.specifiers) names.push(s.local.name);
    }
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'CallExpression') {
      const init = node.init;
      const arg = init.arguments[0];
      if (init.callee.type === 'Identifier' && init.callee.name === 'require' && arg?.type === 'StringLiteral' && resolves(arg.value)) names.push(node.id.name);
    }
  }
  return names;
}

/** The name a function is exported under: `exports.get = fn`, `module.exports = fn` (default), `export function x`, `module.exports = { x }`. */
function exportNameOf(parsed: Parsed, fn: t.Node): string | null {
  const parent = parsed.parents.get(fn);
  if (!parent) return null;
  if (fn.type === 'FunctionDeclaration' && fn.id && parent.type === 'ExportNamedDeclaration') return fn.id.name;
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  if (parent.type === 'AssignmentExpression' && parent.right === fn && (parent.left.type === 'MemberExpression')) {
    const left = parent.left;
    const name = memberName(left);
    const target = left.object;
    if (target.type === 'Identifier' && target.name === 'module' && name === 'exports') return 'default';
    const isExports = (target.type === 'Identifier' && target.name === 'exports') || (target.type === 'MemberExpression' && memberName(target) === 'exports');
    if (isExports && name) return name;
  }
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    const declaration = parsed.parents.get(parent);
    if (declaration && parsed.parents.get(declaration)?.type === 'ExportNamedDeclaration') return parent.id.name;
    if (exportsName(parsed, parent.id.name)) return parent.id.name;
  }
  if (parent.type === 'ObjectProperty' && parent.value === fn && parent.key.type === 'Identifier') {
    const object = parsed.parents.get(parent);
    const holder = object && parsed.parents.get(object);
    if (holder?.type === 'AssignmentExpression' && memberName(holder.left) === 'exports') return parent.key.name;
  }
  return null;
}

/** The member a local name was imported as: `import { logout } from './auth'` gives logout; `const { get } = require(...)` gives get. */
function importedMember(parsed: Parsed, local: string): string | null {
  for (const node of parsed.nodes) {
    if (node.type === 'ImportDeclaration') {
      for (const s of node.specifiers) if (s.type === 'ImportSpecifier' && s.local.name === local) return s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
    }
  }
  return null;
}
