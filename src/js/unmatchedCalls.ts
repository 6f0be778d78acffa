/**
 * Nothing silent: a call shaped like a redirect that no rule matched ends either as a proved
 * look-alike (a project function, Next.js, SvelteKit, Cypress, a browser API, a framework's
 * own source, a file that imports no framework in a package that depends on none) or in
 * review, with a reason that says what the receiver is, why it is not proved, and what
 * would decide it.
 */
import type * as t from '@babel/types';
import { HANDLER_SHAPES, JS_RULES } from '../rules/js/index.js';
import { FRAMEWORK_PACKAGES } from '../versions/manifests.js';
import type { HandlerTyper } from './handlers.js';
import { exportedNameOf } from './handlers.js';
import type { PackageInfo } from './packageInfo.js';
import type { MethodsFound } from './routeMethods.js';
import { isFunctionNode, type FunctionNode, type JsScope, type JsScopes, type Resolved } from './scopes.js';

export type Accounting = { kind: 'not-framework'; reason: string } | { kind: 'review'; reason: string };

/** Callee names that look like a redirect whatever they resolve to. */
export const REDIRECT_NAMES: ReadonlySet<string> = new Set(['redirect', 'redirectDocument', 'sendRedirect', 'Redirect']);

const FRAMEWORK_MODULES = new Set(JS_RULES.flatMap((rule) => rule.clues.modules));
const SERVER_PACKAGES = [...new Set(HANDLER_SHAPES.flatMap((shape) => shape.packages))];
const BROWSER_GLOBALS = new Set(['window', 'location', 'document', 'history', 'navigation', 'self', 'top', 'parent']);
const CYPRESS_GLOBALS = new Set(['cy', 'Cypress']);
/**
 * Callbacks whose owner proves them look-alikes: Cypress's `cy.intercept(..., (req) => ...)`,
 * Next.js and SvelteKit hooks. A callback given to anything else may be a wrapped handler
 * (`co.wrap(function* (req, res) {...})`), so it is never a look-alike on its owner's word.
 */
const CALLBACK_OWNERS = /^(#global\.(cy|Cypress)\.|next(\/|\.|$)|@sveltejs\/kit[./])/;

export interface UnmatchedCall {
  call: t.CallExpression | t.OptionalCallExpression;
  scope: JsScope;
  scopes: JsScopes;
  typer: HandlerTyper;
  resolved: Resolved | null;
  pkg: PackageInfo;
  text: string;
  /** Whether the file shows a framework clue (src/js/clues.ts); files without one are never parsed by a normal run. */
  hasClue: () => boolean;
  registeredElsewhere?: ReadonlyMap<string, MethodsFound> | undefined;
}

/** The server frameworks a package depends on, by their package names. */
export function serverFrameworksOf(pkg: PackageInfo): string[] {
  const listed = SERVER_PACKAGES.filter((name) => pkg.dependencies.has(name));
  const main = listed.filter((name) => !pkg.devOnly?.has(name));
  return main.length > 0 ? main : listed;
}

/** The same words a run uses for candidates it never parses (src/engine/run.ts). */
export function noFrameworkReason(pkg: PackageInfo): string {
  if (isFrameworkPackage(pkg)) return ownSource(pkg);
  return `not tied to a framework: the file imports none, and ${pkg.file ? 'its package.json' : 'no package.json'} depends on no server framework`;
}

export function isFrameworkPackage(pkg: PackageInfo): boolean {
  return pkg.name !== null && (FRAMEWORK_PACKAGES[pkg.name] !== undefined || SERVER_PACKAGES.includes(pkg.name));
}

function ownSource(pkg: PackageInfo): string {
  return `the framework's own source (package ${pkg.name}), not an application's call`;
}

export function accountFor(unmatched: UnmatchedCall): Accounting {
  const { pkg, resolved } = unmatched;
  if (isFrameworkPackage(pkg)) return { kind: 'not-framework', reason: ownSource(pkg) };
  const byName = resolved ? fromResolvedName(resolved.name) : null;
  if (byName) return byName;
  if (!unmatched.hasClue() && serverFrameworksOf(pkg).length === 0 && !registeredInAnotherFile(unmatched)) return { kind: 'not-framework', reason: noFrameworkReason(pkg) };
  return fromReceiver(unmatched);
}

/** The receiver is a parameter of an exported function that another file registers (a library's handler an app registers). */
function registeredInAnotherFile({ call, scopes, scope, registeredElsewhere }: UnmatchedCall): boolean {
  if (!registeredElsewhere) return false;
  const root = receiverRoot(call.callee);
  const binding = root.type === 'Identifier' ? scopes.lookup(root.name, scope) : undefined;
  if (binding?.kind !== 'param') return false;
  const exported = exportedNameOf(binding.fn, scopes);
  return exported !== null && registeredElsewhere.has(exported);
}

/** What a resolved name says of the call, or null when it says nothing (the value of an undeclared function's call). */
function fromResolvedName(name: string): Accounting | null {
  if (name.startsWith('#global.')) {
    const global = name.split('.')[1]!;
    if (global.endsWith('()')) return null;
    if (CYPRESS_GLOBALS.has(global)) return { kind: 'not-framework', reason: 'a Cypress test command (`cy`), not a server redirect' };
    if (BROWSER_GLOBALS.has(global)) return { kind: 'not-framework', reason: `a browser API (\`${global}\`), not a server redirect` };
    return { kind: 'not-framework', reason: `\`${global}\` is a global that no server framework provides (nothing in the file declares or imports it)` };
  }
  const module = moduleOf(name);
  if (module.startsWith('.') || module.startsWith('/')) {
    return { kind: 'not-framework', reason: `a project function from \`${module}\`; the redirects inside it are checked where it is defined` };
  }
  if (module === 'next' || module.startsWith('next/')) return { kind: 'not-framework', reason: `Next.js (\`${module}\`): its redirects have no implicit 302 to make explicit` };
  if (module === '@sveltejs/kit') return { kind: 'not-framework', reason: 'SvelteKit: its redirect() requires the status' };
  if (FRAMEWORK_MODULES.has(module)) {
    return { kind: 'review', reason: `\`${name}\` comes from ${module}, but is not a redirect form the tool knows (an unusual chain or a renamed API); check it by hand` };
  }
  return { kind: 'not-framework', reason: `imported from \`${module}\`, which is not a server framework whose redirect this tool rewrites` };
}

/** `@scope/pkg/sub.a.b` → `@scope/pkg/sub`; `express.Response.redirect` → `express`. */
function moduleOf(name: string): string {
  const clean = name.replace(/\(\)/g, '');
  if (clean.startsWith('.')) {
    // `./utils.redirect`, `../lib/auth.helpers.redirect`: the module is the path before its first member.
    const match = /^((?:\.\.?\/)*[^.]*(?:\.[cm]?[jt]sx?)?)(?:\.|$)/.exec(clean);
    return match?.[1] || clean;
  }
  return clean.split('.')[0]!;
}

function fromReceiver(unmatched: UnmatchedCall): Accounting {
  const { call, scopes, scope, pkg } = unmatched;
  const frameworks = serverFrameworksOf(pkg);
  const inPackage =
    frameworks.length === 0
      ? 'in a package that depends on no server framework'
      : frameworks.length === 1
        ? `in a package that depends on ${frameworks[0]}`
        : `in a package that depends on several server frameworks (${frameworks.join(', ')})`;
  const decide = 'register the handler on a framework app or router in the repository, or annotate the parameter with the framework\'s type';
  const root = receiverRoot(call.callee);
  if (root.type === 'ThisExpression') {
    return { kind: 'review', reason: `the receiver is \`this\`, which nothing ties to a framework, ${inPackage}; check it by hand` };
  }
  if (root.type !== 'Identifier') {
    return { kind: 'review', reason: `the receiver is an expression the tool cannot follow (\`${clip(unmatched.text.slice(root.start!, root.end!))}\`), ${inPackage}; check it by hand` };
  }
  const binding = scopes.lookup(root.name, scope);
  const what = call.callee === root ? `\`${root.name}\`` : `receiver \`${root.name}\``;
  switch (binding?.kind) {
    case 'function':
      return { kind: 'not-framework', reason: `${what} is a function this file defines` };
    case 'param': {
      const fn = binding.fn;
      const position = ordinal(binding.index + 1);
      // A callback given to a look-alike's registration (`cy.intercept('/x', (req) => ...)`) is that look-alike's.
      const outer = scopes.parentOf(fn);
      if (outer && (outer.type === 'CallExpression' || outer.type === 'OptionalCallExpression') && outer.arguments.includes(fn as t.Expression)) {
        const owner = scopes.resolve(outer.callee, scopes.scopeOf(outer));
        const ownerAccount = owner && CALLBACK_OWNERS.test(owner.name) ? fromResolvedName(owner.name) : null;
        if (ownerAccount?.kind === 'not-framework') {
          return { kind: 'not-framework', reason: `${what} is a parameter of a callback given to \`${clip(unmatched.text.slice(outer.callee.start!, outer.callee.end!))}()\`: ${ownerAccount.reason}` };
        }
      }
      const where = registrationWords(fn, unmatched);
      const shape = HANDLER_SHAPES.find((s) => s.packages.includes(frameworks[0] ?? ''));
      const trusted = frameworks.length === 1 && shape?.param === binding.index && binding.path.length === 0 && shape.paramNames.includes(root.name);
      const trust = trusted ? `, or pass --trust-package` : '';
      return { kind: 'review', reason: `${what} is the ${position} parameter of ${functionName(fn, scopes)}, ${where}, ${inPackage}; to decide: ${decide}${trust}` };
    }
    case 'value':
      return { kind: 'review', reason: `${what} holds a value the tool cannot follow (\`${clip(unmatched.text.slice(binding.init.start!, binding.init.end!))}\`), ${inPackage}; check it by hand` };
    default:
      return { kind: 'review', reason: `${what} is declared in a form the tool does not follow (a class, a catch clause, a destructured rest), ${inPackage}; check it by hand` };
  }
}

/** What the repository says about where a function is registered. */
function registrationWords(fn: FunctionNode, { scopes, typer, text, registeredElsewhere }: UnmatchedCall): string {
  const registration = typer.registrationOf(fn, scopes);
  if (registration) {
    const object = clip(text.slice(registration.object.start!, registration.object.end!));
    return `registered with \`${object}.${registration.method}()\`, where \`${object}\` is not tied to a framework app or router`;
  }
  const exported = exportedNameOf(fn, scopes);
  if (exported !== null) {
    const elsewhere = registeredElsewhere?.get(exported);
    const called = elsewhere?.calledWith;
    if (called) {
      const files = called.files.join(', ');
      return called.refused ? `exported as \`${exported}\` and called from ${files}, but ${called.refused}` : `exported as \`${exported}\` and called from ${files}, where not every call passes the same framework object at this position`;
    }
    return elsewhere ? `exported as \`${exported}\` and ${elsewhere.why}, on an object not tied to a framework` : `exported as \`${exported}\`, and no file in the repository registers it on a framework router`;
  }
  return 'which nothing in the repository registers';
}

function functionName(fn: FunctionNode, scopes: JsScopes): string {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return `\`${fn.id.name}\``;
  if ((fn.type === 'ObjectMethod' || fn.type === 'ClassMethod') && fn.key.type === 'Identifier') return `\`${fn.key.name}\``;
  const parent = scopes.parentOf(fn);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `\`${parent.id.name}\``;
  if (parent?.type === 'ObjectProperty' && parent.key.type === 'Identifier') return `\`${parent.key.name}\``;
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression' && parent.left.property.type === 'Identifier') return `\`${parent.left.property.name}\``;
  if (parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression')) {
    const callee = parent.callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : null;
    return name ? `a function passed to \`${name}()\`` : 'a function passed to a call';
  }
  return isFunctionNode(fn) ? 'an anonymous function' : 'a function';
}

/** The innermost object a callee hangs from: `res` in `res.status(303).redirect`. */
export function receiverRoot(node: t.Node): t.Node {
  let current = node;
  for (;;) {
    if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
    else if ((current.type === 'CallExpression' || current.type === 'OptionalCallExpression') && (current.callee.type === 'MemberExpression' || current.callee.type === 'OptionalMemberExpression')) current = current.callee;
    else if (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'ParenthesizedExpression' || current.type === 'AwaitExpression') {
      current = (current as t.TSAsExpression).expression ?? (current as t.AwaitExpression).argument;
    } else return current;
  }
}

function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth'][n - 1] ?? `${n}th`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 50 ? `${flat.slice(0, 47)}...` : flat;
}

/** The callee as written, for a site's `api`: `ctx.redirect`, `reply.redirect`, `go`. */
export function calleeAsWritten(callee: t.Node, text: string): string {
  return clip(text.slice(callee.start!, callee.end!));
}
