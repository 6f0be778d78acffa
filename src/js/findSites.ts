/**
 * Finds the framework redirect calls in one parsed JavaScript / TypeScript file and plans,
 * for each implicit one, the insertion that names the mode's status.
 */
import type * as t from '@babel/types';
import { HANDLER_SHAPES, JS_RULES } from '../rules/js/index.js';
import type { JsRedirectRule } from '../rules/jsRule.js';
import { statusFor, TYPE_CHECKER_PROOF, type Mode, type Site } from '../site.js';
import type { LineIndex } from '../text/lineIndex.js';
import { hasSpread } from './edits.js';
import { HandlerTyper, type TypeOracle } from './handlers.js';
import type { PackageInfo } from './packageInfo.js';
import { methodsReaching, type MethodsFound } from './routeMethods.js';
import { JsScopes, memberName, type JsScope, type Resolved } from './scopes.js';

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
}

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

export function findJsSites({ text, ast, file, lines, mode, pkg, types = null, rules = JS_RULES, registeredElsewhere, unknownHandlers }: JsFindOptions): Site[] {
  const typer = new HandlerTyper(HANDLER_SHAPES, pkg, types);
  const scopes = new JsScopes(ast.program, typer);
  const source = { text, comments: ast.comments ?? [] };
  const sites: Site[] = [];

  for (const { call, scope } of scopes.calls) {
    const callee = call.callee;
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      const method = memberName(callee);
      if (method !== 'redirect' && method !== 'sendRedirect') {
        // `remix.replace(...)` through a namespace import; `text.replace(...)` is never asked about.
        const viaImport = callee.object.type === 'Identifier' && scopes.lookup(callee.object.name, scope)?.kind === 'import';
        if (!viaImport || (method !== 'Redirect' && method !== 'redirectDocument' && method !== 'replace')) continue;
      }
    } else if (callee.type !== 'Identifier') continue;

    const declinedBefore = types?.declined?.().count ?? 0;
    const direct = scopes.resolve(callee, scope);
    // A name from a project module (`./utils.redirect`) is the type checker's to decide.
    const resolved = direct && !direct.name.startsWith('.') ? direct : declaredThroughProject(callee, scopes, scope, types);
    let matched: { rule: JsRedirectRule; api: string; chain: string[] } | null = null;
    if (!resolved) {
      // Only the type checker could have decided, and it declined (types not installed, budget spent): review, never a silent miss.
      const declined = types?.declined?.();
      const guess = declined && declined.count > declinedBefore ? untypedGuess(callee, scopes, scope, rules, pkg) : null;
      if (!guess) continue;
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
    for (const rule of rules) {
      const match = rule.match(resolved.name, pkg);
      if (match) {
        matched = { rule, ...match };
        break;
      }
    }
    if (!matched) continue;

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
