/**
 * Finds the framework redirect calls in one parsed JavaScript / TypeScript file and plans,
 * for each implicit one, the insertion that names the mode's status.
 */
import type * as t from '@babel/types';
import { HANDLER_SHAPES, JS_RULES } from '../rules/js/index.js';
import type { JsRedirectRule } from '../rules/jsRule.js';
import { statusFor, TYPE_CHECKER_PROOF, type LookAlike, type Mode, type Site, type SiteRisk } from '../site.js';
import type { LineIndex } from '../text/lineIndex.js';
import { hasSpread } from './edits.js';
import { exportedNameOf, HandlerTyper, type TypeOracle } from './handlers.js';
import type { PackageInfo } from './packageInfo.js';
import { methodsReaching, type MethodsFound } from './routeMethods.js';
import { JsScopes, memberName, type JsScope, type Resolved } from './scopes.js';
import { mayHoldJsSites } from './clues.js';
import { accountFor, calleeAsWritten, receiverRoot, REDIRECT_NAMES } from './unmatchedCalls.js';

export interface JsFindOptions {
  text: string;
  ast: t.File;
  file: string;
  lines: LineIndex;
  mode: Mode;
  pkg: PackageInfo;
  types?: TypeOracle | null;
  rules?: readonly JsRedirectRule[];
  /** Methods of this file's exported handlers, as other files register them. */
  registeredElsewhere?: ReadonlyMap<string, MethodsFound>;
  /** Filled with the exported handlers whose methods stayed unknown. */
  unknownHandlers?: Set<string>;
  /** Filled with the redirect-shaped calls proved not to be framework redirects. */
  lookAlikes?: LookAlike[];
  /** Rewrite handlers the package alone vouches for (one framework, the framework's parameter name and position). */
  trustPackage?: boolean;
  /** Filled with the risk of each site whose methods wait on another file's registration, and the handler's export name. */
  pending?: Map<SiteRisk, string>;
  /** Given the file's scopes, for what other passes read from the same parse (src/js/crossFileRegistrations.ts). */
  onScopes?: (scopes: JsScopes) => void;
}

/** Modules whose `replace` is a router's navigation (a redirect-shaped call). */
const ROUTER_MODULE = /router|remix|^next(\/|$)/;

const PROOF_WORDS: Record<Resolved['proof'], string> = {
  import: 'import',
  global: 'global',
  registration: 'handler registration',
  annotation: 'type annotation',
  package: 'package.json',
  types: TYPE_CHECKER_PROOF.replace('proved by ', ''),
};

/**
 * A callee imported from a project module (`import { redirect } from './utils'`, which
 * re-exports React Router's) is asked of the type checker, when there is one.
 */
function declaredThroughProject(callee: t.Node, scopes: JsScopes, scope: JsScope, types: TypeOracle | null): Resolved | null {
  const binding = callee.type === 'Identifier' ? scopes.lookup(callee.name, scope) : undefined;
  if (!types || callee.type !== 'Identifier' || binding?.kind !== 'import' || !binding.module.startsWith('.')) return null;
  const name = types.declarationOf(callee.start!);
  return name ? { name, proof: 'types', note: `declared as ${name}` } : null;
}

/**
 * The framework a call the type checker could not decide most likely belongs to, for the
 * review list: a handler parameter by its position and name (`res` → Express), a function
 * from a project module by a rule that knows the name (`redirect` → React Router).
 */
function untypedGuess(callee: t.Node, scopes: JsScopes, scope: JsScope, rules: readonly JsRedirectRule[], pkg: PackageInfo): { rule: JsRedirectRule; api: string } | null {
  if (callee.type === 'Identifier') {
    const rule = rules.find((r) => r.clues.modules.some((module) => r.match(`${module}.${callee.name}`, pkg)));
    return rule ? { rule, api: callee.name } : null;
  }
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
  let root: t.Node = callee.object;
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression' || root.type === 'CallExpression' || root.type === 'OptionalCallExpression') {
    root = root.type === 'CallExpression' || root.type === 'OptionalCallExpression' ? root.callee : root.object;
  }
  const binding = root.type === 'Identifier' ? scopes.lookup(root.name, scope) : undefined;
  if (root.type !== 'Identifier' || binding?.kind !== 'param') return null;
  const name = root.name;
  const handlers = rules.filter((r) => r.handler?.param === binding.index);
  const rule = handlers.find((r) => r.handler!.paramNames.includes(name)) ?? handlers[0];
  return rule ? { rule, api: `${name}.${memberName(callee) ?? 'redirect'}` } : null;
}

export function findJsSites({ text, ast, file, lines, mode, pkg, types = null, rules = JS_RULES, registeredElsewhere, unknownHandlers, lookAlikes, trustPackage = false, pending, onScopes }: JsFindOptions): Site[] {
  const typer = new HandlerTyper(HANDLER_SHAPES, pkg, types, trustPackage, registeredElsewhere);
  const scopes = new JsScopes(ast.program, typer);
  onScopes?.(scopes);
  const source = { text, comments: ast.comments ?? [] };
  const sites: Site[] = [];
  let clue: boolean | undefined;
  const hasClue = () => (clue ??= mayHoldJsSites(text, pkg));

  for (const { call, scope } of scopes.calls) {
    const callee = call.callee;
    // Shaped like a redirect: such a call is always accounted for, matched or not.
    let shaped: boolean;
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      const method = memberName(callee);
      shaped = method === 'redirect' || method === 'sendRedirect' || method === 'redirectDocument';
      if (!shaped) {
        // `remix.replace(...)` through a namespace import; `text.replace(...)` is never asked about.
        // (The method first: most calls are neither, and need no lookup.)
        if (method !== 'Redirect' && method !== 'replace') continue;
        const binding = callee.object.type === 'Identifier' ? scopes.lookup(callee.object.name, scope) : undefined;
        if (binding?.kind !== 'import') continue;
        shaped = method === 'Redirect' || ROUTER_MODULE.test(binding.module);
      }
    } else if (callee.type === 'Identifier') {
      // `redirect(...)`, or an import renamed (`import { redirect as go }`), or a router's `replace`.
      const binding = scopes.lookup(callee.name, scope);
      const imported = binding?.kind === 'import' ? binding.member : null;
      shaped =
        REDIRECT_NAMES.has(callee.name) ||
        (imported !== null && REDIRECT_NAMES.has(imported)) ||
        (binding?.kind === 'import' && (callee.name === 'replace' || imported === 'replace') && ROUTER_MODULE.test(binding.module));
    } else continue;

    const declinedBefore = types?.declined?.().count ?? 0;
    const direct = scopes.resolve(callee, scope);
    // A name from a project module (`./utils.redirect`) is the type checker's to decide.
    const resolved = direct && !direct.name.startsWith('.') ? direct : declaredThroughProject(callee, scopes, scope, types);
    let matched: { rule: JsRedirectRule; api: string; chain: string[] } | null = null;
    for (const rule of resolved ? rules : []) {
      const match = rule.match(resolved!.name, pkg);
      if (match) {
        matched = { rule, ...match };
        break;
      }
    }
    if (!matched || !resolved) {
      // Only the type checker could have decided, and it declined (types not installed, budget spent): review, never a silent miss.
      const declined = !resolved ? types?.declined?.() : undefined;
      const guess = declined && declined.count > declinedBefore ? untypedGuess(callee, scopes, scope, rules, pkg) : null;
      if (guess) {
        types!.leftForReview?.(declined!.why);
        sites.push({
          file,
          ...lines.range(call.start!, call.end!),
          language: 'js',
          framework: guess.rule.framework,
          api: guess.api,
          status: { before: 'implicit' },
          action: 'review',
          reason: `nothing in the file ties this call to a framework, and ${declined!.why}; check it by hand`,
        });
        continue;
      }
      if (!shaped) continue;
      // An exported handler nothing here proves: a registration in another file (another package too) may.
      if (!resolved && !direct) {
        const reach = methodsReaching(call, file, scopes, typer, registeredElsewhere);
        if (reach.handler) unknownHandlers?.add(reach.handler);
      }
      const where = lines.range(call.start!, call.end!);
      const api = calleeAsWritten(callee, text);
      const accounted = accountFor({ call, scope, scopes, typer, resolved: resolved ?? direct, pkg, text, hasClue, registeredElsewhere });
      if (accounted.kind === 'not-framework') lookAlikes?.push({ file, line: where.line, column: where.column, api, reason: accounted.reason, parsed: true });
      else {
        // A helper's parameter: its callers in other files may decide it (src/js/crossFileCallers.ts).
        const helper = exportedHelperOf(callee, scopes, scope);
        if (helper !== null) unknownHandlers?.add(helper);
        const before = call.arguments.length === 1 && !hasSpread(call.arguments) ? 'implicit' : 'dynamic';
        sites.push({ file, ...where, language: 'js', framework: 'unknown', api, status: { before }, action: 'review', reason: accounted.reason });
      }
      continue;
    }
    // The call as written (`ctx.redirect`, `reply.redirect`), for member calls; a bare name keeps the rule's API.
    const written = apiAsWritten(callee, text);
    if (written) matched.api = written;

    const reach = methodsReaching(call, file, scopes, typer, registeredElsewhere);
    if (reach.handler) unknownHandlers?.add(reach.handler);
    const status = statusFor(mode, reach.methods);
    const base = {
      file,
      ...lines.range(call.start!, call.end!),
      language: 'js' as const,
      framework: matched.rule.framework,
      api: matched.api,
      risk: { methods: reach.methods, changesBehaviour: false, why: reach.why },
    };
    if (reach.handler) pending?.set(base.risk, reach.handler);
    if (resolved.ambiguous) {
      const reason = resolved.note
        ? `nothing in the file ties this call to a framework, and ${resolved.note}; check it by hand`
        : `nothing in the file ties this call to a framework, and the nearest package.json depends on several (${resolved.ambiguous.join(', ')})`;
      sites.push({ ...base, status: { before: 'implicit' }, action: 'review', reason });
      continue;
    }
    if (hasSpread(call.arguments)) {
      sites.push({ ...base, status: { before: 'dynamic' }, action: 'review', reason: 'the call spreads its arguments, which may carry the status; cannot prove it is implicit' });
      continue;
    }
    const plan = matched.rule.plan({ call, scope, scopes, source, pkg, status }, matched);
    const proof = resolved.proof === 'import' || resolved.proof === 'global' ? undefined : `proved by ${PROOF_WORDS[resolved.proof]}${resolved.note ? ` (${resolved.note})` : ''}`;
    const reason = [plan.reason, proof].filter(Boolean).join('; ');
    const withReason = reason ? { reason } : {};
    if (plan.kind === 'explicit') sites.push({ ...base, status: { before: plan.before }, action: 'explicit', ...withReason });
    else if (plan.kind === 'review') sites.push({ ...base, status: { before: plan.before ?? 'implicit' }, action: 'review', ...withReason });
    else sites.push({ ...base, status: { before: 'implicit', after: status }, action: 'rewritten', ...withReason, edit: plan.edit });
  }
  return sites.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The exported name of the function whose parameter a callee hangs from (`h` in `h.redirect`), or null. */
function exportedHelperOf(callee: t.Node, scopes: JsScopes, scope: JsScope): string | null {
  const root = receiverRoot(callee);
  const binding = root.type === 'Identifier' ? scopes.lookup(root.name, scope) : undefined;
  if (binding?.kind !== 'param') return null;
  const name = exportedNameOf(binding.fn, scopes);
  return name === 'default' ? null : name;
}

/** `ctx.redirect`, `this.reply.redirect`: the receiver as written when it is a plain reference; null for a chain of calls. */
function apiAsWritten(callee: t.Node, text: string): string | null {
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
  const method = memberName(callee);
  let object: t.Node = callee.object;
  while (object.type === 'MemberExpression' && !object.computed) object = object.object;
  if (!method || (object.type !== 'Identifier' && object.type !== 'ThisExpression')) return null;
  return `${text.slice(callee.object.start!, callee.object.end!)}.${method}`;
}
