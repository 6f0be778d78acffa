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
import { decodeUtf8 } from '../text/decode.js';
import { handlerReferences, HandlerTyper } from './handlers.js';
import type { PackageInfo } from './packageInfo.js';
import { parseJs } from './parser.js';
import { callsIn, type JsCall } from './crossFileCallers.js';
import { methodsOfRegistration, routeObjectMethods, type MethodsFound } from './routeMethods.js';
import { JsScopes, memberName } from './scopes.js';

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
}

/** What a file the first pass parsed gives the cross-file pass: its text (for the same filters) and its registrations. */
export interface ParsedSummary {
  text: string;
  registrations: readonly JsRegistration[];
  /** Its calls of project modules' exports (src/js/crossFileCallers.ts). */
  calls?: readonly JsCall[] | undefined;
}

/** For the callers of exported helpers (src/js/crossFileCallers.ts): each file parsed here also gives its calls, read with its own package. */
export interface CallsToo {
  packageOf: (file: string) => PackageInfo;
  calls: Map<string, JsCall[]>;
  /** Given the text of each candidate the first pass did not parse (for what only a text scan can see). */
  read?: (file: string, text: string) => void;
}

/** Every registration in a parsed file whose handler names a project module's export, in call order. */
export function registrationsIn(scopes: JsScopes): JsRegistration[] {
  const found: JsRegistration[] = [];
  for (const { call, scope } of scopes.calls) {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') continue;
    const method = memberName(callee);
    if (method === null) continue;
    for (const [handler, methods] of handlersOf(call, method)) {
      const target = scopes.projectExport(handler, scope);
      if (target) found.push({ module: target.module, member: target.member, method, methods });
    }
  }
  return found;
}

/**
 * `summaries`: the files the first pass parsed (absolute path → text and registrations); the
 * other candidates are read and parsed here.
 */
export async function registrationsElsewhere(
  wanted: ReadonlyMap<string, ReadonlySet<string>>,
  candidates: readonly string[],
  summaries: ReadonlyMap<string, ParsedSummary> = new Map(),
  callsToo?: CallsToo,
): Promise<Map<string, Map<string, MethodsFound>>> {
  const found = new Map<string, Map<string, MethodsFound>>();
  const names = new Set([...wanted.values()].flatMap((set) => [...set]));
  if (names.size === 0) return found;
  // A registering file imports the handler's module by a relative path ending in its name (its
  // directory's for an index file, or '.' / '..'): a file spelling none cannot register one.
  // Checked first: a name like `default` or `get` is in most files, and each match is a parse.
  const words = [...new Set([...wanted.keys()].map(moduleWord))];
  const spellsAModule = (text: string) => words.some((word) => text.includes(word)) || /['"]\.\.?\/?['"]/.test(text);
  const mentions = new RegExp(`\\b(${[...names].map((n) => n.replace(/[$]/g, '\\$')).join('|')})\\b`);
  const importsAWantedModule = importsOneOf(wanted.keys());

  for (const file of candidates) {
    const summary = summaries.get(file);
    let text: string;
    if (summary) text = summary.text;
    else {
      try {
        const decoded = decodeUtf8(readFileSync(file));
        if (!decoded.ok) continue;
        text = decoded.text;
      } catch {
        continue;
      }
    }
    if (!summary) callsToo?.read?.(file, text);
    if (!spellsAModule(text) || !mentions.test(text)) continue;
    let registrations = summary?.registrations;
    if (!registrations) {
      if (!importsAWantedModule(file, text)) continue;
      const parsed = parseJs(text, file);
      if (!parsed.ok) continue;
      const scopes = new JsScopes(parsed.ast.program, new HandlerTyper(HANDLER_SHAPES, callsToo ? callsToo.packageOf(file) : NO_PACKAGE));
      registrations = registrationsIn(scopes);
      callsToo?.calls.set(file, callsIn(scopes));
    }
    for (const { module: specifier, member, method, methods } of registrations) {
      const module = resolveModule(file, specifier);
      if (!module || !wanted.get(module)?.has(member)) continue;
      const perFile = found.get(module) ?? new Map<string, MethodsFound>();
      const earlier = perFile.get(member);
      const shown = path.basename(file);
      perFile.set(member, merge(earlier, { methods, why: `registered in ${shown} with .${method}()` }));
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
  if (!a || a.methods === 'unknown' || b.methods === 'unknown') return a && a.methods === 'unknown' ? a : b;
  return { methods: [...new Set([...a.methods, ...b.methods])], why: a.why === b.why ? a.why : `${a.why}; ${b.why}` };
}

