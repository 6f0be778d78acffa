/**
 * Reads a redirect call's arguments: does it already name a status, is it implicit,
 * or can the tool not tell (`*args`, `**kwargs`, no location)?
 */
import type { SiteStatus } from '../site.js';
import type { PythonRedirectRule } from '../rules/pythonRule.js';
import type { Node } from './parser.js';

export type StatusReading =
  | { kind: 'implicit' }
  | { kind: 'explicit'; before: SiteStatus['before'] }
  | { kind: 'review'; reason: string; before: SiteStatus['before'] };

export function readStatus(args: Node | null, rule: PythonRedirectRule): StatusReading {
  if (!args || args.type !== 'argument_list') {
    return { kind: 'review', reason: 'the call has a generator as its only argument, not a location', before: 'implicit' };
  }
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let splat: string | null = null;
  for (const arg of args.namedChildren) {
    if (!arg || arg.isExtra) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      splat ??= arg.text;
    } else {
      positional.push(arg);
    }
  }
  const statusNode = keywords.get(rule.status.keyword) ?? positional[rule.status.position];
  if (statusNode) return { kind: 'explicit', before: statusValue(statusNode) };
  if (splat) {
    return {
      kind: 'review',
      reason: `the call passes ${splat}, which may carry the status; cannot prove it is implicit`,
      before: 'dynamic',
    };
  }
  if (positional.length === 0 && !keywords.has(rule.locationKeyword)) {
    return { kind: 'review', reason: 'the call names no location; it would fail as written', before: 'implicit' };
  }
  return { kind: 'implicit' };
}

function statusValue(node: Node): number | 'dynamic' {
  return node.type === 'integer' && /^\d+$/.test(node.text) ? Number(node.text) : 'dynamic';
}
