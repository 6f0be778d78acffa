/**
 * Helpers exported from one file and called from handlers in others, with the handler's own
 * object: `redirectToReturn(returnId, view, h)` in lib/redirect-to-return.js, called from a
 * hapi handler in controller.js. What such a parameter is, is decided by its callers: every
 * call of the export in the project must pass, at that position, a value proved to be the
 * same framework object (src/js/handlers.ts decides each value as it would in the caller's file).
 *
 * Callers are found through relative imports (`require('./lib/redirect-to-return')`,
 * `import { redirectToReturn } from '../lib/...'`). A file that reaches the module by another
 * specifier (a path alias) cannot be read as a caller: outside tests, it refuses the proof;
 * tests call helpers with doubles of the framework object and do not decide what it is.
 */
import path from 'node:path';
import type * as t from '@babel/types';
import { isTestFile } from '../testsuite/testFiles.js';
import { HANDLER_SHAPES } from '../rules/js/index.js';
import { resolveModule } from './crossFileRegistrations.js';
import type { PackageInfo } from './packageInfo.js';
import type { CalledWith, MethodsFound } from './routeMethods.js';
import { JsScopes, memberName, type JsScope } from './scopes.js';

const SHAPE_TYPES = new Set(HANDLER_SHAPES.map((shape) => shape.type));
/** Only arguments named as a framework names its object (`h`, `res`, `ctx`, `c`, ...) are asked about: each question may cost. */
const OBJECT_NAMES = new Set(HANDLER_SHAPES.flatMap((shape) => shape.paramNames));

/** A call of a project module's export, as plain data: the module as written, and the framework object each argument is proved to be. */
export interface JsCall {
  module: string;
  member: string;
  types: Array<string | null>;
}

/** Every call in a parsed file of an export of a project module (relative, or by another specifier), in call order. */
export function callsIn(scopes: JsScopes): JsCall[] {
  const found: JsCall[] = [];
  for (const { call, scope } of scopes.calls) {
    const target = calledExport(call.callee, scope, scopes);
    // Relative modules, and specifiers with a path that may be a project alias (`#server/lib/x`, `internal/lib/x`); not `lodash`.
    if (!target || target.module.startsWith('node:') || (!target.module.startsWith('.') && !target.module.includes('/'))) continue;
    const args = call.arguments;
    const spreadAt = args.findIndex((arg) => arg.type === 'SpreadElement');
    const types = args.map((arg, index) => {
      if ((spreadAt !== -1 && index >= spreadAt) || arg.type !== 'Identifier' || !OBJECT_NAMES.has(arg.name)) return null;
      const resolved = scopes.resolveUntyped(arg, scope);
      return resolved && !resolved.ambiguous && SHAPE_TYPES.has(resolved.name) ? resolved.name : null;
    });
    found.push({ ...target, types });
  }
  return found;
}

/**
 * `wanted`: absolute helper file → the export names whose parameters are unproved. `calls`:
 * per candidate file, its calls of project exports (from the first pass, or from the
 * cross-file pass's own parse). Returns, per helper file and export, what its callers pass it
 * (methods stay unknown: a helper's methods are its callers').
 */
export function callersElsewhere(wanted: ReadonlyMap<string, ReadonlySet<string>>, calls: ReadonlyMap<string, readonly JsCall[]>, packageOf: (file: string) => PackageInfo): Map<string, Map<string, MethodsFound>> {
  const found = new Map<string, Map<string, MethodsFound>>();
  const words = new Map([...wanted.keys()].map((file) => [file, moduleWords(file)]));
  /** Per helper file and export: the calls seen, and the type each passes at each position (null: unproved). */
  const seen = new Map<string, Map<string, { calls: number; types: Array<string | null>; files: Set<string>; refused?: string }>>();
  const record = (module: string, member: string) => {
    const perFile = seen.get(module) ?? new Map();
    seen.set(module, perFile);
    const entry = perFile.get(member) ?? { calls: 0, types: [], files: new Set<string>() };
    perFile.set(member, entry);
    return entry;
  };

  for (const [file, fileCalls] of calls) {
    const pkg = packageOf(file);
    const test = isTestFile(path.relative(pkg.file ? path.dirname(pkg.file) : path.dirname(file), file).split(path.sep).join('/'));
    // A test passes doubles of the framework object: it does not decide what the helper is given.
    if (test) continue;
    for (const call of fileCalls) {
      if (!call.module.startsWith('.')) {
        // A path alias (`internal/modules/x/lib/helper`): the helper may be reached here, unread.
        for (const [helper, exports] of wanted) {
          if (exports.has(call.member) && words.get(helper)!.some((word) => stripExtension(call.module).endsWith(`/${word}`))) {
            record(helper, call.member).refused = `${path.basename(file)} imports it as \`${call.module}\`, which the tool does not resolve`;
          }
        }
        continue;
      }
      const module = resolveModule(file, call.module);
      if (!module || module === file || !wanted.get(module)?.has(call.member)) continue;
      const entry = record(module, call.member);
      entry.calls++;
      entry.files.add(path.basename(file));
      for (let index = 0; index < Math.max(call.types.length, entry.types.length); index++) {
        const type = call.types[index] ?? null;
        entry.types[index] = entry.calls === 1 ? type : entry.types[index] === type ? type : null;
      }
    }
  }

  for (const [module, perFile] of seen) {
    // Only the helper's own package is searched for callers: a package nested in a larger tree
    // (a workspace member) may be imported by its siblings, whose calls are not read.
    const own = packageOf(module).file;
    const enclosing = own ? packageOf(path.join(path.dirname(path.dirname(own)), 'index.js')).file : null;
    for (const [member, entry] of perFile) {
      if (entry.calls === 0) continue;
      if (enclosing) entry.refused ??= `its package (${path.basename(path.dirname(own!))}) sits inside another (${path.relative(path.dirname(own!), enclosing)}), whose other packages may call it; only its own package is searched`;
      const files = [...entry.files];
      const calledWith: CalledWith = entry.refused ? { types: [], files, refused: entry.refused } : { types: entry.types, files };
      const methods: MethodsFound = { methods: 'unknown', why: `${member}() is a helper called from ${files.join(', ')}, not a registered handler`, calledWith };
      found.set(module, (found.get(module) ?? new Map()).set(member, methods));
    }
  }
  return found;
}

/**
 * For a file no pass parses: the wanted exports it names beside a quoted specifier that is no
 * relative path and ends in a helper module's name (`require('app/lib/audit')`), as calls the
 * tool cannot read. Found by the text alone, so a mention is enough to refuse.
 */
export function aliasScanner(wanted: ReadonlyMap<string, ReadonlySet<string>>): (text: string) => JsCall[] {
  // The last one or two segments of a specifier (`audit`, `lib/audit`) → the wanted names of the helper modules ending so.
  const byWord = new Map<string, Set<string>>();
  for (const [helper, names] of wanted) {
    for (const word of moduleWords(helper)) {
      const set = byWord.get(word) ?? new Set<string>();
      for (const name of names) if (name !== 'default') set.add(name);
      byWord.set(word, set);
    }
  }
  return (text) => {
    const found: JsCall[] = [];
    for (const [, specifier] of text.matchAll(/['"]([^'".\s][^'"\s]*\/[^'"\s]+)['"]/g)) {
      const parts = stripExtension(specifier!).split('/');
      const names = new Set([...(byWord.get(parts.at(-1)!) ?? []), ...(byWord.get(parts.slice(-2).join('/')) ?? [])]);
      for (const name of names) if (new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\b`).test(text)) found.push({ module: specifier!, member: name, types: [] });
    }
    return found;
  };
}

/** The project module and export a callee names: `helper(...)`, `lib.helper(...)`, through `import` or `require`. */
function calledExport(callee: t.Node, scope: JsScope, scopes: JsScopes): { module: string; member: string } | null {
  if (callee.type === 'Identifier') {
    const binding = scopes.lookup(callee.name, scope);
    if (binding?.kind === 'import' && binding.member) return { module: binding.module, member: binding.member };
    // `const { helper } = require('./lib/helper')`
    if (binding?.kind === 'value' && binding.path.length === 1) {
      const module = requiredModule(binding.init);
      if (module) return { module, member: binding.path[0]! };
    }
    return null;
  }
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
  const member = memberName(callee);
  if (!member || callee.object.type !== 'Identifier') return null;
  const binding = scopes.lookup(callee.object.name, scope);
  if (binding?.kind === 'import' && binding.member === null) return { module: binding.module, member };
  if (binding?.kind === 'value' && binding.path.length === 0) {
    const module = requiredModule(binding.init);
    if (module) return { module, member };
  }
  return null;
}

function requiredModule(init: t.Node): string | null {
  if (init.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return null;
  const [first] = init.arguments;
  return first?.type === 'StringLiteral' ? first.value : null;
}

/** The words a specifier of `file` ends in: `lib/redirect-to-return` for lib/redirect-to-return.js (its directory for an index file). */
function moduleWords(file: string): string[] {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  const dir = path.basename(path.dirname(file));
  return base === 'index' ? [dir, `${dir}/index`] : [`${dir}/${base}`, base];
}

function stripExtension(specifier: string): string {
  return specifier.replace(/\.[cm]?[jt]sx?$/, '');
}
