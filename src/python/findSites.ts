/**
 * Finds the Flask / Werkzeug / Quart redirect calls in one parsed Python file and
 * plans, for each implicit one, the insertion that names the mode's status.
 */
import { statusFor, type Mode, type Site } from '../site.js';
import type { PythonRedirectRule } from '../rules/pythonRule.js';
import { PYTHON_RULES } from '../rules/index.js';
import type { LineIndex } from '../text/lineIndex.js';
import { planKeywordInsertion } from './insertKeyword.js';
import type { Node } from './parser.js';
import { methodsReaching, type MethodsFound } from './routeMethods.js';
import { ModuleScopes } from './scopes.js';
import { readStatus } from './statusArgument.js';

interface RuleMatch {
  rule: PythonRedirectRule;
  api: string;
}

export interface FindOptions {
  text: string;
  root: Node;
  file: string;
  lines: LineIndex;
  mode: Mode;
  rules?: readonly PythonRedirectRule[];
  /** Methods of this module's functions, as other modules register them. */
  registeredElsewhere?: ReadonlyMap<string, MethodsFound>;
  /** Filled with the module-level functions whose methods stayed unknown. */
  unknownHandlers?: Set<string>;
}

function sameStatusParameter(a: PythonRedirectRule, b: PythonRedirectRule): boolean {
  return a.status.keyword === b.status.keyword && a.status.position === b.status.position && a.locationKeyword === b.locationKeyword;
}

export function findPythonSites({ text, root, file, lines, mode, rules = PYTHON_RULES, registeredElsewhere, unknownHandlers }: FindOptions): Site[] {
  const byQualifiedName = new Map<string, RuleMatch>();
  for (const rule of rules) {
    for (const [name, api] of Object.entries(rule.apis)) byQualifiedName.set(name, { rule, api });
  }

  const scopes = new ModuleScopes(root, byQualifiedName.keys());
  const sites: Site[] = [];
  const allCalls = scopes.calls.map((scoped) => scoped.call);
  const methodsOf = (call: Node) => {
    const found = methodsReaching(call, allCalls, registeredElsewhere);
    if (found.handler) unknownHandlers?.add(found.handler);
    return found;
  };
  for (const scoped of scopes.calls) {
    const candidates = scopes.resolveCallee(scoped);
    const matches = candidates.map((name) => (name === null ? undefined : byQualifiedName.get(name)));
    const match = matches.find((m) => m !== undefined);
    if (!match) continue;

    const call = scoped.call;
    const risk = methodsOf(call);
    const base = {
      file,
      ...lines.range(call.startIndex, call.endIndex),
      language: 'python' as const,
      framework: match.rule.framework,
      api: match.api,
      risk: { methods: risk.methods, changesBehaviour: false, why: risk.why },
    };

    // `if quart: from quart import redirect / else: from flask import redirect` is still
    // provable when every binding is a redirect whose status goes in the same place.
    let note: string | undefined;
    if (candidates.length > 1) {
      const names = candidates.map((name) => name ?? 'something else').join(', ');
      if (!matches.every((m) => m !== undefined && sameStatusParameter(m.rule, match.rule))) {
        sites.push({
          ...base,
          status: { before: 'implicit' },
          action: 'review',
          reason: `the callee is bound more than once in its scope (${names}); cannot prove which one this call uses`,
        });
        continue;
      }
      note = `the callee may be ${names.replace(/, ([^,]*)$/, ' or $1')}; each takes the status as ${match.rule.status.keyword}=`;
    }

    const args = call.childForFieldName('arguments');
    const reading = readStatus(args, match.rule);
    if (reading.kind === 'explicit') {
      sites.push({ ...base, status: { before: reading.before }, action: 'explicit', ...(note ? { reason: note } : {}) });
      continue;
    }
    if (reading.kind === 'review') {
      sites.push({ ...base, status: { before: reading.before }, action: 'review', reason: reading.reason });
      continue;
    }
    const status = statusFor(mode, risk.methods);
    const edit = args ? planKeywordInsertion(text, args, `${match.rule.status.keyword}=${status}`) : null;
    if (!edit) {
      sites.push({ ...base, status: { before: 'implicit' }, action: 'review', reason: 'no place to insert the status was found' });
      continue;
    }
    sites.push({ ...base, status: { before: 'implicit', after: status }, action: 'rewritten', ...(note ? { reason: note } : {}), edit });
  }
  return sites.sort((a, b) => a.line - b.line || a.column - b.column);
}
