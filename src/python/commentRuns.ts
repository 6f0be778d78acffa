/**
 * Long runs of comment lines, which tree-sitter-python parses in quadratic time: at each line
 * of a run, its indent scanner reads ahead over every following comment line to find the
 * indentation of the next statement (upstream tree-sitter-python#245, never merged), so 8,000
 * lines of `# old code` after a function cost minutes. The tool hands the parser the file
 * without those runs, as tree-sitter's included ranges: every other byte keeps its offset,
 * row and column, and node text is read from the file as it is. Dropping full-line comments
 * changes no token of Python; only the comments' own nodes are missing, and a block no longer
 * ends after the comments that trail it.
 */
import type { Range } from 'web-tree-sitter';

/** A run of whole comment lines: from the start of its first line to the start of the line after it. */
export interface CommentRun {
  start: number;
  end: number;
  startRow: number;
  endRow: number;
}

/**
 * Runs shorter than this are left to the parser: a run of n lines costs it about n/2 times its
 * length, so the scanner never reads more than 8 times the file.
 */
export const MIN_RUN_LINES = 16;

/**
 * Every run of at least `minLines` lines whose first non-blank character is `#`. A line after a
 * backslash continuation is not a line of its own, so it never starts a run. A run may still
 * sit inside a string (a docstring's example): the parse tells, and such a run is given back.
 */
export function longCommentRuns(text: string, minLines = MIN_RUN_LINES): CommentRun[] {
  const runs: CommentRun[] = [];
  let row = 0;
  let run: { start: number; row: number; lines: number } | null = null;
  let continued = false;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    const isComment = !continued && startsWithComment(text, start);
    if (isComment) {
      run ??= { start, row, lines: 0 };
      run.lines++;
    } else {
      if (run && run.lines >= minLines) runs.push({ start: run.start, end: start, startRow: run.row, endRow: row });
      run = null;
    }
    continued = newline !== -1 && (text[newline - 1] === '\\' || (text[newline - 1] === '\r' && text[newline - 2] === '\\'));
    start = end;
    if (newline !== -1) row++;
  }
  if (run && run.lines >= minLines) runs.push({ start: run.start, end: text.length, startRow: run.row, endRow: row });
  return runs;
}

/** The ranges the parser reads: the whole text less the runs. Boundaries fall at line starts (column 0). */
export function rangesAround(text: string, runs: readonly CommentRun[]): Range[] {
  const ranges: Range[] = [];
  let index = 0;
  let row = 0;
  for (const run of runs) {
    if (run.start > index) ranges.push({ startIndex: index, endIndex: run.start, startPosition: { row, column: 0 }, endPosition: { row: run.startRow, column: 0 } });
    index = run.end;
    row = run.endRow;
  }
  if (index < text.length || ranges.length === 0) {
    const lastNewline = text.lastIndexOf('\n');
    const end = { row: rowsOf(text), column: text.length - (lastNewline + 1) };
    ranges.push({ startIndex: index, endIndex: text.length, startPosition: { row, column: 0 }, endPosition: end });
  }
  return ranges;
}

function startsWithComment(text: string, start: number): boolean {
  let i = start;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\f') i++;
  return text[i] === '#';
}

function rowsOf(text: string): number {
  let rows = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
  return rows;
}
