/**
 * The one kind of replacement the test step makes, and its check: a status literal of an
 * assertion, `302` → `303` or Werkzeug's `302 FOUND` → `303 SEE OTHER`, and nothing else.
 */
import type { LiteralEdit } from './types.js';

/** Every replacement the step may make; the verify step refuses any other. */
export const ALLOWED_REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['302', '303'],
  ['302 FOUND', '303 SEE OTHER'],
]);

export function applyLiteralEdits(text: string, edits: readonly LiteralEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  let out = '';
  let cursor = 0;
  for (const edit of ordered) {
    if (edit.offset < cursor || text.slice(edit.offset, edit.offset + edit.from.length) !== edit.from) {
      throw new Error(`literal edit at offset ${edit.offset} does not match the text`);
    }
    out += text.slice(cursor, edit.offset) + edit.to;
    cursor = edit.offset + edit.from.length;
  }
  return out + text.slice(cursor);
}

/**
 * True when `output` is `input` with exactly `edits` applied, each an allowed replacement of
 * the text that stood there, and every other character where it was.
 */
export function isLiteralReplacementOnly(input: string, output: string, edits: readonly LiteralEdit[]): boolean {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  let shift = 0;
  let cursor = 0;
  for (const edit of ordered) {
    if (ALLOWED_REPLACEMENTS.get(edit.from) !== edit.to) return false;
    if (edit.offset < cursor || input.slice(edit.offset, edit.offset + edit.from.length) !== edit.from) return false;
    if (output.slice(cursor + shift, edit.offset + shift) !== input.slice(cursor, edit.offset)) return false;
    if (output.slice(edit.offset + shift, edit.offset + shift + edit.to.length) !== edit.to) return false;
    shift += edit.to.length - edit.from.length;
    cursor = edit.offset + edit.from.length;
  }
  return output.slice(cursor + shift) === input.slice(cursor) && output.length === input.length + shift;
}

/** Moves offsets of the original text past insertions made before them (a test file that also held a redirect). */
export function shiftPastInsertions(edits: readonly LiteralEdit[], insertions: ReadonlyArray<{ offset: number; insert: string }>): LiteralEdit[] {
  return edits.map((edit) => ({ ...edit, offset: edit.offset + insertions.filter((i) => i.offset <= edit.offset).reduce((n, i) => n + i.insert.length, 0) }));
}
