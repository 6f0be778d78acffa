/** Splices insertions into the original text: every other character stays where it was. */
import type { SiteEdit } from '../site.js';

export function applyEdits(text: string, edits: readonly SiteEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  let out = '';
  let cursor = 0;
  for (const edit of ordered) {
    if (edit.offset < cursor || edit.offset > text.length) throw new Error(`edit at offset ${edit.offset} is out of order or out of range`);
    out += text.slice(cursor, edit.offset) + edit.insert;
    cursor = edit.offset;
  }
  return out + text.slice(cursor);
}

/** True when `output` is `input` with exactly `edits` inserted and nothing else changed. */
export function isInsertionOnly(input: string, output: string, edits: readonly SiteEdit[]): boolean {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  let shift = 0;
  let cursor = 0;
  for (const edit of ordered) {
    if (output.slice(cursor + shift, edit.offset + shift) !== input.slice(cursor, edit.offset)) return false;
    if (output.slice(edit.offset + shift, edit.offset + shift + edit.insert.length) !== edit.insert) return false;
    shift += edit.insert.length;
    cursor = edit.offset;
  }
  return output.slice(cursor + shift) === input.slice(cursor) && output.length === input.length + shift;
}
