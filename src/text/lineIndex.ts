/**
 * Maps offsets in decoded text to the 1-based line and column an editor shows
 * (columns count code points, so a non-ASCII character is one column).
 * Lines end at \n, \r\n or a lone \r, as Python's tokenizer sees them.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo]!;
    let column = 1;
    for (let i = start; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      // A surrogate pair is one code point: count its high half only.
      if (c < 0xdc00 || c > 0xdfff) column++;
    }
    return { line: lo + 1, column };
  }

  /** The 1-based line and column where a range starts and ends, as a site reports them. */
  range(start: number, end: number): { line: number; column: number; endLine: number; endColumn: number } {
    const from = this.position(start);
    const to = this.position(end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

}

/** The end of the line holding `offset`: the index of its line terminator (or text end). */
export function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The terminator of the line holding `offset` ('' on the last line without one). */
export function lineTerminatorAt(text: string, offset: number): string {
  const end = lineEndAt(text, offset);
  if (text[end] === '\r') return text[end + 1] === '\n' ? '\r\n' : '\r';
  return text[end] === '\n' ? '\n' : '';
}

/** The file's dominant line ending, for text the tool writes on new lines. */
export function dominantLineEnding(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}
