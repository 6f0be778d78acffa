/**
 * Insertion points in JavaScript source, computed from Babel's node offsets and the
 * comment list, so that a parenthesised argument `(url)` or a trailing comment never
 * turns an insertion into a comma expression or moves a comment.
 */
import type * as t from '@babel/types';
import type { SiteEdit } from '../site.js';

export interface SourceText {
  text: string;
  comments: readonly t.Comment[];
}

/** The range of a node including any parentheses wrapped around it. */
export function outerRange(node: t.Node, source: SourceText): { start: number; end: number } {
  const extra = node.extra as { parenthesized?: boolean; parenStart?: number } | undefined;
  if (!extra?.parenthesized || extra.parenStart === undefined) return { start: node.start!, end: node.end! };
  const start = extra.parenStart;
  let opened = 0;
  for (let i = start; i < node.start!; i++) {
    const comment = commentAt(source, i);
    if (comment) i = comment.end - 1;
    else if (source.text[i] === '(') opened++;
  }
  let end = node.end!;
  for (let k = 0; k < opened; k++) {
    end = skipSpaceAndComments(source, end);
    if (source.text[end] === ')') end++;
  }
  return { start, end };
}

export function skipSpaceAndComments(source: SourceText, from: number): number {
  let i = from;
  for (;;) {
    while (i < source.text.length && /\s/.test(source.text[i]!)) i++;
    const comment = commentAt(source, i);
    if (!comment || comment.start !== i) return i;
    i = comment.end;
  }
}

function commentAt(source: SourceText, offset: number): { start: number; end: number } | undefined {
  for (const c of source.comments) {
    const start = c.start ?? -1;
    const end = c.end ?? -1;
    if (start <= offset && offset < end) return { start, end };
  }
  return undefined;
}

type Argument = t.CallExpression['arguments'][number];

export function hasSpread(args: readonly Argument[]): boolean {
  return args.some((arg) => arg.type === 'SpreadElement');
}

/** `f(a)` → `f(a, text)`: right after the last argument, before any trailing comma or comment. */
export function afterLastArgument(args: readonly Argument[], source: SourceText, text: string): SiteEdit | null {
  const last = args[args.length - 1];
  if (!last) return null;
  return { offset: outerRange(last, source).end, insert: `, ${text}` };
}

/** `f(a)` → `f(text, a)`. */
export function beforeFirstArgument(args: readonly Argument[], source: SourceText, text: string): SiteEdit | null {
  const first = args[0];
  if (!first) return null;
  return { offset: outerRange(first, source).start, insert: `${text}, ` };
}

/** `f()` → `f(text)`: after the opening parenthesis of a call with no arguments. */
export function intoEmptyCall(call: t.CallExpression | t.OptionalCallExpression, source: SourceText, text: string): SiteEdit | null {
  const calleeEnd = outerRange(call.typeParameters ?? call.typeArguments ?? call.callee, source).end;
  const open = skipSpaceAndComments(source, calleeEnd);
  const at = source.text[open] === '?' ? skipSpaceAndComments(source, open + 2) : open; // `f?.()`
  return source.text[at] === '(' ? { offset: at + 1, insert: text } : null;
}

/** A literal status (`302`) as a number; anything else is 'dynamic'. */
export function statusValue(node: t.Node | undefined): number | 'dynamic' {
  return node?.type === 'NumericLiteral' && Number.isInteger(node.value) ? node.value : 'dynamic';
}

/** The quote the file mostly uses, for the one string the tool may write (`''`). */
export function preferredQuote(source: SourceText): string {
  const single = (source.text.match(/(^|[(\s,=:])'/g) ?? []).length;
  const double = (source.text.match(/(^|[(\s,=:])"/g) ?? []).length;
  return double > single ? '"' : "'";
}
