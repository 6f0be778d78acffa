/**
 * Handlers defined in one file and registered in another: `router.post('/logout', auth.logout)`
 * with `auth = require('./controllers/auth')`, or `import { logout } from './auth'`. Given the
 * exported handlers whose methods are unknown, reads only the files that mention one of their
 * names and finds the registrations that name them. A file the first pass already parsed is
 * not parsed again: its registrations come with its analysis, as plain data (`registrationsIn`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as t from '@babel/types';
import { HANDLER_SHAPES } from '../rules/js/index.js';
import type { HandlerShape } from '../rules/jsRule.js';
import { decodeUtf8 } from '../text/decode.js';
import { handlerReferences, HandlerTyper } from './handlers.js';
import type { PackageInfo } from './packageInfo.js';
import { parseJs } from './parser.js';
import { methodsOfRegistration, routeObjectMethods, type FrameworkFound, type MethodsFound } from './routeMethods.js';
import { JsScopes, memberName } from './scopes.js';
import { callsIn, type JsCall } from './crossFileCallers.js';
import type { ModuleResolver } from './workspaceModules.js';

const RESOLVE_EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts', '/index.js', '/index.ts', '/index.mjs'];
const NO_PACKAGE: PackageInfo = { file: null, name: null, dependencies: new Map(), locked: new Map() };

/**
 * `wanted`: absolute handler file → the export names whose methods are unknown.
 * Returns, per handler file, the methods each export is registered with elsewhere.
 */
/** A registering call's handler that names a project module's export: `router.post('/logout', auth.logout)`. */
export interface JsRegistration {
  /** The module as the file imports it (`./controllers/auth`). */
  module: string;
  member: string;
  /** The registering method (`post`) and the HTTP methods it stands for. */
  method: string;
  methods: string[];
  /** The framework of the object it registers on (`express.Router()`), when the file ties it to one. */
  router?: { type: string; framework: string; object: string };
}

/** What a file the first pass parsed gives the cross-file pass: its text (for the same filters) and its registrations. */
export interface ParsedSummary {
  text: string;
  registrations: readonly JsRegistration[];
  /** Its calls of project modules' exports (src/js/crossFileCallers.ts). */
  calls?: readonly JsCall[] | undefined;
}

/** Every registration in a parsed file whose handler names a project module's export, in call order. */
export function registrationsIn(scopes: JsScopes): JsRegistration[] {
  const found: JsRegistration[] = [];
  for (const { call, scope } of scopes.calls) {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') continue;
    const method = memberName(callee);
    if (method === null) continue;
    let router: JsRegistration['router'] | null | undefined;
    for (const [handler, methods] of handlersOf(call, method)) {
      // Bare specifiers too: a workspace package or a tsconfig alias may lead into the repository.
      const target = scopes.projectExport(handler, scope, (module) => !module.startsWith('node:'));
      if (!target) continue;
      router ??= routerOf(callee.object, method, scopes, scope);
      found.push({ module: target.module, member: target.member, method, methods, ...(router ? { router } : {}) });
    }
  }
  return found;
}

/** The framework a registration's object belongs to (`express.Router()`, `@koa/router()`, `fastify()`), or null. */
function routerOf(object: t.Node, method: string, scopes: JsScopes, scope: Parameters<JsScopes['resolve']>[1]): JsRegistration['router'] | null {
  const resolved = scopes.resolve(object, scope);
  if (!resolved || resolved.ambiguous) return null;
  const shape = HANDLER_SHAPES.find((s) => s.instances.some((pattern) => pattern.test(resolved.name)) && registers(s, method));
  return shape ? { type: shape.type, framework: shape.packages[0]!, object: resolved.name } : null;
}

function registers(shape: HandlerShape, method: string): boolean {
  return method === 'route' ? shape.routeObjects === true : shape.methods.includes(method);
}

export interface CrossFileContext {
  /**
   * The package a registering file belongs to: when its router is not tied to a framework, a
   * package that depends on one framework decides; a file parsed here is read with it.
   */
  packageOf?: (file: string) => PackageInfo;
  /** Bare specifiers that lead into the repository: workspace members, tsconfig `paths` (src/js/workspaceModules.ts). */
  resolver?: ModuleResolver;
  /** For the callers of exported helpers (src/js/crossFileCallers.ts): each file parsed here also gives its calls. */
  calls?: Map<string, JsCall[]>;
  /** Given the text of each candidate the first pass did not parse (for what only a text scan can see). */
  read?: (file: string, text: string) => void;
}

/**
 * The framework a registration ties its handlers to: the object it is made on, or, when the
 * file cannot tie that object to a framework (a router passed in as a parameter), the
 * registering file's package when it depends on exactly one server framework that registers
 * with this method.
 */
function frameworkOf(registration: JsRegistration, shown: string, pkg: PackageInfo | undefined): FrameworkFound | null {
  const { method, router } = registration;
  if (router) return { type: router.type, framework: router.framework, proof: 'registration', why: `registered in ${shown} with .${method}() on ${router.object}` };
  if (!pkg?.file) return null;
  const listed = HANDLER_SHAPES.filter((s) => s.packages.some((name) => pkg.dependencies.has(name)));
  const main = listed.filter((s) => s.packages.some((name) => pkg.dependencies.has(name) && !pkg.devOnly?.has(name)));
  const present = main.length > 0 ? main : listed;
  const frameworks = new Set(present.map((s) => s.packages[0]!));
  const shape = present.find((s) => registers(s, method));
  if (frameworks.size !== 1 || !shape) return null;
  const where = pkg.name ? `${pkg.name}'s package.json` : 'whose package.json';
  return { type: shape.type, framework: shape.packages[0]!, proof: 'package', why: `registered in ${shown} with .${method}(), and ${where} depends on ${shape.packages[0]} and no other server framework` };
}

/**
 * `summaries`: the files the first pass parsed (absolute path → text and registrations); the
 * other candidates are read and parsed here.
 */
export async function registrationsElsewhere(
  wanted: ReadonlyMap<string, ReadonlySet<string>>,
  candidates: readonly string[],
  summaries: ReadonlyMap<string, ParsedSummary> = new Map(),
  context: CrossFileContext = {},
): Promise<Map<string, Map<string, MethodsFound>>> {
  const found = new Map<string, Map<string, MethodsFound>>();
  const names = new Set([...wanted.values()].flatMap((set) => [...set]));
  if (names.size === 0) return found;
  const { resolver, packageOf } = context;
  // A registering file imports the handler's module by a path ending in its name (its
  // directory's for an index file, or '.' / '..'), or by its package's name in a workspace:
  // a file spelling none cannot register one.
  // Checked first: a name like `default` or `get` is in most files, and each match is a parse.
  const packageNames = [...wanted.keys()].map((file) => (packageOf ? packageOf(file).name : null)).filter((name): name is string => name !== null);
  const words = [...new Set([...[...wanted.keys()].map(moduleWord), ...packageNames])];
  const spellsAModule = (text: string) => words.some((word) => text.includes(word)) || /['"]\.\.?\/?['"]/.test(text);
  const mentions = new RegExp(`\\b(${[...names].map((n) => n.replace(/[$]/g, '\\$')).join('|')})\\b`);
  const importsAWantedModule = importsOneOf(wanted.keys());
  const reexports = new Map<string, Reexport[]>();
  // Many files import the same modules: each (directory, specifier) is resolved once.
  const resolved = new Map<string, string | null>();
  const resolve = async (from: string, specifier: string) => {
    const key = `${path.dirname(from)}\0${specifier}`;
    let module = resolved.get(key);
    if (module === undefined) {
      module = specifier.startsWith('.') ? resolveModule(from, specifier) : ((await resolver?.resolve(from, specifier)) ?? null);
      resolved.set(key, module);
    }
    return module;
  };
  // The entry files of the wanted modules' packages: a bare import of a package's own name may
  // reach a wanted module through it (its index file's re-exports, followed below).
  const entries = new Set(
    resolver
      ? [...new Set([...wanted.keys()].flatMap((file) => (packageOf?.(file).file ? [path.dirname(packageOf(file).file!)] : [])))].flatMap((dir) => resolver.packageEntry(dir) ?? [])
      : [],
  );
  /** A bare specifier in the file (`'@acme/auth'`, `'@lib/billing'`) that leads to a wanted module or to its package's entry. */
  const importsThroughResolver = async (file: string, text: string) => {
    if (!resolver) return false;
    for (const [, , specifier] of text.matchAll(BARE_SPECIFIER)) {
      const module = await resolve(file, specifier!);
      if (module && (wanted.has(module) || entries.has(module))) return true;
    }
    return false;
  };

  for (const file of candidates) {
    const summary = summaries.get(file);
    let registrations = summary?.registrations;
    // A parsed file's registrations are at hand: one naming no wanted handler is the whole check.
    if (registrations && !registrations.some((r) => names.has(r.member))) continue;
    if (!registrations) {
      let text: string;
      try {
        const decoded = decodeUtf8(readFileSync(file));
        if (!decoded.ok) continue;
        text = decoded.text;
      } catch {
        continue;
      }
      context.read?.(file, text);
      if (!spellsAModule(text) || !mentions.test(text)) continue;
      if (!importsAWantedModule(file, text) && !(await importsThroughResolver(file, text))) continue;
      const parsed = parseJs(text, file);
      if (!parsed.ok) continue;
      const scopes = new JsScopes(parsed.ast.program, new HandlerTyper(HANDLER_SHAPES, packageOf ? packageOf(file) : NO_PACKAGE));
      registrations = registrationsIn(scopes);
      context.calls?.set(file, callsIn(scopes));
    }
    for (const registration of registrations) {
      const { module: specifier, method, methods } = registration;
      // A name no wanted handler has registers none of them (a re-export that renames one is not followed).
      if (!names.has(registration.member) || (!specifier.startsWith('.') && !resolver)) continue;
      const first = await resolve(file, specifier);
      // Through re-exports (`export { save } from './save'` in a package's index file).
      const reached = first ? (await throughReexports(first, registration.member, resolve, reexports)).find((t) => wanted.get(t.file)?.has(t.member)) : undefined;
      if (!reached) continue;
      const { file: module, member } = reached;
      const perFile = found.get(module) ?? new Map<string, MethodsFound>();
      const earlier = perFile.get(member);
      const shown = path.basename(file);
      const framework = frameworkOf(registration, shown, packageOf?.(file));
      perFile.set(member, merge(earlier, { methods, why: `registered in ${shown} with .${method}()`, ...(framework ? { frameworks: [framework] } : {}) }));
      found.set(module, perFile);
    }
  }
  return found;
}

/** The handler arguments of a registering call, each with the methods it is registered for. */
function handlersOf(call: t.CallExpression | t.OptionalCallExpression, method: string): Array<[t.Node, string[]]> {
  const methods = methodsOfRegistration(method);
  if (methods) return handlerReferences(call.arguments).map((arg) => [arg, methods] as [t.Node, string[]]);
  if (method !== 'route') return [];
  // `fastify.route({ method, handler })` / `server.route({ method, handler })`
  const result: Array<[t.Node, string[]]> = [];
  for (const arg of call.arguments) {
    for (const route of arg.type === 'ArrayExpression' ? arg.elements : [arg]) {
      if (route?.type !== 'ObjectExpression') continue;
      const declared = routeObjectMethods(route);
      const handler = route.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'handler');
      if (handler && declared && declared.methods !== 'unknown') result.push([handler.value, declared.methods]);
    }
  }
  return result;
}

/** The word a relative import of `file` ends in: `auth` for auth.ts, `controllers` for controllers/index.js. */
function moduleWord(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  return base === 'index' ? path.basename(path.dirname(file)) : base;
}

/** Quoted relative specifiers (`'./auth'`, `"../controllers"`, `'.'`): every import and require of a project module is one. */
const RELATIVE_LITERAL = /(['"])(\.\.?(?:\/[^'"\n]*)?)\1/g;

/**
 * Whether a file may import one of `modules`: one of its quoted relative specifiers resolves,
 * as resolveModule does, to a path one of them is reached from. A file that passes none needs
 * no parse: no registration in it can name a wanted handler. A specifier with an escape in it
 * is not read, and the file is parsed.
 */
function importsOneOf(modules: Iterable<string>): (file: string, text: string) => boolean {
  const bases = new Set<string>();
  for (const module of modules) {
    for (const ext of RESOLVE_EXTENSIONS) if (ext !== '' && module.endsWith(ext)) bases.add(module.slice(0, -ext.length));
    bases.add(module);
    if (module.endsWith('.ts')) bases.add(`${module.slice(0, -3)}.js`);
  }
  return (file, text) => {
    const dir = path.dirname(file);
    for (const [, , specifier] of text.matchAll(RELATIVE_LITERAL)) {
      if (specifier!.includes('\\') || bases.has(path.resolve(dir, specifier!))) return true;
    }
    return false;
  };
}

export function resolveModule(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const ext of RESOLVE_EXTENSIONS) {
    const candidate = base + ext;
    // A bare directory is not a module; its index file is.
    if (existsSync(candidate) && (ext !== '' || path.extname(candidate) !== '')) return candidate;
  }
  // `./auth.js` written for a TypeScript file `./auth.ts`
  const swapped = base.replace(/\.js$/, '.ts');
  return existsSync(swapped) ? swapped : null;
}

function merge(a: MethodsFound | undefined, b: MethodsFound): MethodsFound {
  if (!a) return b;
  const frameworks = [...(a.frameworks ?? []), ...(b.frameworks ?? [])].filter((f, i, all) => all.findIndex((g) => g.type === f.type && g.why === f.why) === i);
  const withFrameworks = frameworks.length > 0 ? { frameworks } : {};
  if (a.methods === 'unknown') return { ...a, ...withFrameworks };
  if (b.methods === 'unknown') return { ...b, ...withFrameworks };
  return { methods: [...new Set([...a.methods, ...b.methods])], why: a.why === b.why ? a.why : `${a.why}; ${b.why}`, ...withFrameworks };
}

/** Quoted bare specifiers after `from`, `require(`, `import(`: `'@acme/auth'`, `'@lib/billing'` (not `node:` builtins). */
const BARE_SPECIFIER = /(?:\bfrom|\brequire\(|\bimport\()\s*(['"])((?!node:)[^'".\/\s][^'"\n]*)\1/g;

interface Reexport {
  /** The name exported (null for `export *`). */
  exported: string | null;
  local: string | null;
  source: string;
}

/**
 * The modules and exports a name imported from `file` really is: itself, then through the
 * file's re-exports (`export { a as b } from './x'`, `export * from './x'`), a few levels deep.
 */
async function throughReexports(
  file: string,
  member: string,
  resolve: (from: string, specifier: string) => Promise<string | null>,
  cache: Map<string, Reexport[]>,
  depth = 0,
): Promise<Array<{ file: string; member: string }>> {
  const found = [{ file, member }];
  if (depth >= 4) return found;
  for (const reexport of reexportsOf(file, cache)) {
    if (reexport.exported !== null && reexport.exported !== member) continue;
    const next = await resolve(file, reexport.source);
    if (next) found.push(...(await throughReexports(next, reexport.local ?? member, resolve, cache, depth + 1)));
  }
  return found;
}

/** A module's re-export statements; parsed once per pass, only when a registration leads to the module. */
function reexportsOf(file: string, cache: Map<string, Reexport[]>): Reexport[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const found: Reexport[] = [];
  cache.set(file, found);
  let text: string;
  try {
    const decoded = decodeUtf8(readFileSync(file));
    if (!decoded.ok) return found;
    text = decoded.text;
  } catch {
    return found;
  }
  if (!/\bexport\b[^;]*\bfrom\b/.test(text)) return found;
  const parsed = parseJs(text, file);
  if (!parsed.ok) return found;
  for (const statement of parsed.ast.program.body) {
    if (statement.type === 'ExportAllDeclaration') found.push({ exported: null, local: null, source: statement.source.value });
    if (statement.type !== 'ExportNamedDeclaration' || !statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ExportSpecifier') continue;
      const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
      found.push({ exported, local: specifier.local.name, source: statement.source.value });
    }
  }
  return found;
}

