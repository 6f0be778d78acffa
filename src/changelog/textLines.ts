/**
 * Line-level view of a changelog that edits by insertion only, so the rest of the
 * file (its line endings, its trailing newline or lack of one) stays as it was.
 */
import { dominantLineEnding } from '../text/lineIndex.js';

export interface Line {
  text: string;
  start: number;
  /** Offset just past the line's terminator (equal to the end of text on a last line without one). */
  next: number;
  hasTerminator: boolean;
}

export function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    lines.push({ text: source.slice(start, match.index), start, next: match.index + match[0].length, hasTerminator: true });
    start = match.index + match[0].length;
  }
  if (start < source.length) lines.push({ text: source.slice(start), start, next: source.length, hasTerminator: false });
  // A byte-order mark is kept in the file (insertions go by offsets) but is no part of the first line's text.
  if (lines[0]?.text.startsWith('\uFEFF')) lines[0].text = lines[0].text.slice(1);
  return lines;
}

/** Inserts whole lines after `line` (or at the top when `line` is undefined). */
export function insertLinesAfter(source: string, line: Line | undefined, newLines: string[]): string {
  const eol = dominantLineEnding(source);
  if (!line) return newLines.map((l) => l + eol).join('') + source;
  if (line.hasTerminator) return source.slice(0, line.next) + newLines.map((l) => l + eol).join('') + source.slice(line.next);
  return source.slice(0, line.next) + newLines.map((l) => eol + l).join('') + source.slice(line.next);
}

/** Inserts whole lines before `line`. */
export function insertLinesBefore(source: string, line: Line, newLines: string[]): string {
  const eol = dominantLineEnding(source);
  return source.slice(0, line.start) + newLines.map((l) => l + eol).join('') + source.slice(line.start);
}

export function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim() === '';
}

/** The last non-blank line in lines[from, to), or undefined. */
export function lastNonBlank(lines: Line[], from: number, to: number): Line | undefined {
  for (let i = to - 1; i >= from; i--) if (!isBlank(lines[i])) return lines[i];
  return undefined;
}
