/**
 * A cheap count of the redirect-shaped calls in a file the run does not parse (no framework
 * clue, see src/js/clues.ts), so that they are listed rather than missed in silence. Comments
 * and strings are blanked first; definitions (`function redirect(`, `redirect(url) {`) are
 * not calls. It is a report, never an edit: an odd file may be miscounted, never changed.
 */

export interface ShapedCall {
  offset: number;
  line: number;
  column: number;
  /** The call as written: `helpers.redirect`, `redirect`, `@Redirect`. */
  api: string;
}

const CALL = /(@?)\b(redirect|redirectDocument|sendRedirect|Redirect)\s*\(/g;

const ANY = /(?:redirect|redirectDocument|sendRedirect|Redirect)\s*\(/;

export function redirectShapedCalls(text: string): ShapedCall[] {
  if (!ANY.test(text)) return [];
  const lexer = new CodeLexer(text);
  const found: ShapedCall[] = [];
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  CALL.lastIndex = 0;
  for (let match = CALL.exec(text); match; match = CALL.exec(text)) {
    const [whole, at, name] = match;
    if (/[\w$]/.test(text[match.index - 1] ?? '')) continue; // `$redirect(`
    const receiver = at ? '' : receiverBefore(text, match.index);
    if (name === 'Redirect' && !at && !receiver) continue; // only the decorator form of `Redirect`
    if (!lexer.isCode(match.index)) continue;
    const open = match.index + whole.length - 1;
    if (!receiver && !at && isDefinition(text, match.index, open)) continue;
    // Lines counted incrementally: one pass over the text, however many calls.
    for (; counted < match.index; counted++) {
      if (text.charCodeAt(counted) === 10) {
        line++;
        lineStart = counted + 1;
      }
    }
    const api = `${at}${receiver ? `${receiver.replace(/\s+/g, '')}.` : ''}${name}`;
    found.push({ offset: match.index, line, column: match.index - lineStart + 1, api });
  }
  return found;
}

/** The dotted receiver written before `.name(`: `res`, `this.ctx`, `a?.b`; empty for a bare call. */
function receiverBefore(text: string, at: number): string {
  let i = at;
  const parts: string[] = [];
  for (;;) {
    let j = i;
    while (j > 0 && /\s/.test(text[j - 1]!)) j--;
    if (text[j - 1] !== '.') break;
    j--;
    if (text[j - 1] === '?') j--;
    while (j > 0 && /\s/.test(text[j - 1]!)) j--;
    const end = j;
    while (j > 0 && /[\w$]/.test(text[j - 1]!)) j--;
    if (j === end) {
      // `foo().redirect(`, `a[0].redirect(`: a receiver expression; named by its last character.
      parts.unshift(text[end - 1] === ')' ? '(…)' : text[end - 1] === ']' ? '[…]' : '…');
      break;
    }
    parts.unshift(text.slice(j, end));
    i = j;
  }
  return parts.join('.');
}

/** `function redirect(`, a method `redirect(url) {` or `redirect(url): void {`. */
function isDefinition(code: string, start: number, open: number): boolean {
  if (/\bfunction\s*\*?\s*$/.test(code.slice(Math.max(0, start - 12), start))) return true;
  let depth = 0;
  let i = open;
  for (; i < code.length && i < open + 2000; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) break;
  }
  const after = /^\s*(\S)/.exec(code.slice(i + 1, i + 40));
  return after?.[1] === '{' || after?.[1] === ':';
}

/**
 * Knows comments, strings and template text for what they are, lexing forward only as far as
 * it is asked (offsets come in increasing order), so a file costs one pass at most.
 */
class CodeLexer {
  private i = 0;
  private braces = 0;
  private readonly templates: number[] = []; // brace depth at each open `${`
  /** The offset of the last character of the last token (-1 at the start). */
  private last = -1;
  /** The last comment, string or template text passed over. */
  private skipped: [number, number] = [0, 0];
  /** The next offset at or after `i` holding a character that is not plain code (PLAIN), once searched. */
  private interesting = -1;

  constructor(private readonly text: string) {}

  /** After an operator, a bracket or a keyword such as `return`, a `/` opens a regular expression; after a value it divides. */
  private regexMayStart(at: number): boolean {
    if (this.last < 0) return true;
    const before = this.text[this.last]!;
    if (/[\w$]/.test(before)) {
      const word = /[\w$]+$/.exec(this.text.slice(Math.max(0, this.last - 12), this.last + 1))?.[0] ?? '';
      return /^(return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/.test(word);
    }
    // A closing bracket or a string ends a value; any other punctuator expects one.
    return !/[)\]}'"`]/.test(before) || at === 0;
  }

  /** Whether `offset` lies in code, not in a comment, a string or a template's text. */
  isCode(offset: number): boolean {
    const text = this.text;
    const n = text.length;
    if (offset >= this.skipped[0] && offset < this.skipped[1]) return false;
    while (this.i <= offset && this.i < n) {
      const i = this.i;
      if (this.interesting < i) {
        PLAIN_RUN.lastIndex = i;
        PLAIN_RUN.exec(text);
        this.interesting = PLAIN_RUN.lastIndex;
      }
      if (this.interesting > i) {
        // A run of characters that only the last branch below handles, one by one: passed at once.
        const stop = Math.min(this.interesting, offset + 1);
        for (let k = stop - 1; k >= i; k--) {
          if (!isSpace(text[k]!)) {
            this.last = k;
            break;
          }
        }
        this.i = stop;
        continue;
      }
      const c = text[i]!;
      const next = text[i + 1];
      let end: number;
      if (c === '/' && next === '/') {
        const stop = text.indexOf('\n', i);
        end = stop === -1 ? n : stop;
      } else if (c === '/' && next === '*') {
        const stop = text.indexOf('*/', i + 2);
        end = stop === -1 ? n : stop + 2;
      } else if (c === '/' && this.regexMayStart(i)) {
        // A regular expression literal: to its closing `/`, classes (`[/]`) and escapes kept.
        let j = i + 1;
        let inClass = false;
        while (j < n && text[j] !== '\n' && (inClass || text[j] !== '/')) {
          if (text[j] === '\\') j++;
          else if (text[j] === '[') inClass = true;
          else if (text[j] === ']') inClass = false;
          j++;
        }
        end = j + 1;
      } else if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
        end = j + 1;
      } else if (c === '`' || (c === '}' && this.templates.length > 0 && this.templates[this.templates.length - 1] === this.braces)) {
        if (c === '}') this.templates.pop();
        let j = i + 1;
        while (j < n && text[j] !== '`' && !(text[j] === '$' && text[j + 1] === '{')) j += text[j] === '\\' ? 2 : 1;
        if (text[j] === '$') {
          this.templates.push(this.braces);
          end = j + 2;
        } else end = j + 1;
      } else {
        if (c === '{') this.braces++;
        else if (c === '}') this.braces--;
        if (!isSpace(c)) this.last = i;
        this.i = i + 1;
        continue;
      }
      this.i = end;
      this.last = end - 1;
      this.skipped = [i, end];
      if (offset >= i && offset < end) return false;
    }
    return true;
  }
}

/** Characters that open nothing and change no depth: neither `/`, a quote, a backtick nor a brace. */
const PLAIN_RUN = /[^/'"`{}]*/y;

/** `/\s/.test(c)` for one character, without a regular expression call for the ASCII ones (run on every character lexed). */
function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(c);
}
