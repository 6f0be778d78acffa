/**
 * A token scanner for JavaScript and TypeScript that knows comments, strings, template
 * literals and regular expressions for what they are. It answers one question for the clue
 * prefilter (src/js/clues.ts): does a framework's name appear *in code*, as an import's
 * specifier or as a global, rather than in a comment or a string that imports nothing?
 *
 * It never decides alone that a file is clean: when the text does something it does not
 * follow (a string or regular expression running into a line end, anything left open at the
 * end, an unbalanced template, JSX, whose text is neither code nor a string), it answers
 * "unsure" and the file is parsed.
 */

export type ScanAnswer = 'clue' | 'none' | 'unsure';

export interface ClueWords {
  /** Module specifiers: a clue when a string holding one follows `from`, `import`, `require(` or `import(`. */
  modules: ReadonlySet<string>;
  /**
   * Global names: a clue as an identifier not read as a property (any identifier when the
   * file names `globalThis`), unless the file declares the name at its top level, where it
   * hides the global everywhere in the file, or the name is only constructed, extended or
   * tested (`new N(`, `extends N`, `instanceof N`, `typeof N`): no callee resolves through those.
   */
  globals: ReadonlySet<string>;
}

/** Punctuators of more than one character, longest first (`<<` is a shift, not two `<`). */
const OPERATORS = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '%=', '&=', '|=', '^=', '**', '<<', '>>'];
/** The characters after an operator's first: only then is a longer operator looked for. */
const OPERATOR_CHARS = new Set([...OPERATORS.join('')].map((char) => char.charCodeAt(0)));
/** After every punctuator but these an expression may start, so a `/` opens a regular expression; after these it divides. */
const ENDS_EXPRESSION = new Set([')', ']', '++', '--', '.', '?.']);
const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** After these, a global is constructed, extended or tested: its value reaches no callee. */
const HARMLESS_BEFORE_GLOBAL = new Set(['new', 'extends', 'instanceof', 'typeof']);

const isIdentifierChar = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 36 || code === 95 || code > 127;
// The runs below are passed with one sticky search each instead of a loop per character.
/** The characters the loop below skips as white space (isLineEnd's included). */
const SPACES = /[ \t\n\r\v\f\u00a0\ufeff\u2028\u2029]+/y;
/** A line comment's rest: up to a line end (isLineEnd). */
const LINE_REST = /[^\n\r\u2028\u2029]*/y;
/** isIdentifierChar, as a character class. */
const IDENTIFIER_REST = /[a-zA-Z0-9$_\u0080-\uffff]*/y;
const isDigit = (code: number) => code >= 48 && code <= 57;
const isLineEnd = (code: number) => code === 10 || code === 13 || code === 0x2028 || code === 0x2029;

type Token = { kind: 'name'; text: string } | { kind: 'punct'; text: string } | { kind: 'string'; text: string } | { kind: 'other' };

/** Tokens are only read, never changed: one object per punctuator (and one for all others) instead of one per token. */
const OTHER: Token = { kind: 'other' };
const PUNCTUATORS = new Map<string, Token>();
function punct(text: string): Token {
  let token = PUNCTUATORS.get(text);
  if (!token) PUNCTUATORS.set(text, (token = { kind: 'punct', text }));
  return token;
}

export function scanForClues(text: string, words: ClueWords): ScanAnswer {
  const namesGlobalThis = /\bglobalThis\b/.test(text);
  const n = text.length;
  let i = text.startsWith('#!') ? text.indexOf('\n') : 0;
  if (i === -1) return 'none';
  const recent: Token[] = []; // the last three significant tokens, newest last
  const templateDepths: number[] = []; // brace depth at each open `${`
  let braces = 0;
  let parens = 0;
  let brackets = 0;
  let clue = false;
  const used = new Set<string>();
  const declared = new Set<string>();

  // A global after `new`, `extends`, `instanceof` or `typeof`: a clue if the next token reads
  // a member, tags a template, or (except after `new`) calls it.
  let constructedOnly: { name: string; after: string } | null = null;
  const push = (token: Token) => {
    if (constructedOnly !== null) {
      const reaches =
        token.kind === 'other' || (token.kind === 'punct' && (token.text === '.' || token.text === '?.' || token.text === '[' || (token.text === '(' && constructedOnly.after !== 'new')));
      if (reaches) used.add(constructedOnly.name);
      constructedOnly = null;
    }
    recent.push(token);
    if (recent.length > 3) recent.shift();
  };
  const last = (back = 1): Token | undefined => recent[recent.length - back];

  /** Reads a template's characters from `i` up to its closing backtick or a `${`; false when unterminated. */
  const templateChars = (): boolean => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 96) {
        i++;
        push(OTHER);
        return true;
      } else if (c === 36 && text.charCodeAt(i + 1) === 123) {
        i += 2;
        templateDepths.push(braces);
        braces++;
        push(punct('{'));
        return true;
      } else i++;
    }
    return false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) {
      SPACES.lastIndex = i;
      SPACES.exec(text);
      i = SPACES.lastIndex;
      continue;
    }
    if (c === 47 /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        LINE_REST.lastIndex = i;
        LINE_REST.exec(text);
        i = LINE_REST.lastIndex;
        continue;
      }
      if (next === 42) {
        const end = text.indexOf('*/', i + 2);
        if (end === -1) return 'unsure';
        i = end + 2;
        continue;
      }
      if (!startsExpression(last())) {
        i++;
        push(punct('/'));
        continue;
      }
      i++;
      let inClass = false;
      for (;;) {
        if (i >= n) return 'unsure';
        const r = text.charCodeAt(i);
        if (isLineEnd(r)) return 'unsure';
        if (r === 92) i += 2;
        else {
          i++;
          if (r === 91) inClass = true;
          else if (r === 93) inClass = false;
          else if (r === 47 && !inClass) break;
        }
      }
      while (i < n && isIdentifierChar(text.charCodeAt(i))) i++; // flags
      push(OTHER);
      continue;
    }
    if (c === 39 || c === 34 /* ' " */) {
      const start = ++i;
      for (;;) {
        if (i >= n) return 'unsure';
        const s = text.charCodeAt(i);
        if (s === 92) {
          i += 2;
          continue;
        }
        if (isLineEnd(s) && s !== 0x2028 && s !== 0x2029) return 'unsure';
        i++;
        if (s === c) break;
      }
      const value = text.slice(start, i - 1);
      // Raw text: a specifier written with escapes is not recognised, as the prefilters assume throughout.
      if (words.modules.has(value) && importsHere(recent)) clue = true;
      push({ kind: 'string', text: value });
      continue;
    }
    if (c === 96 /* ` */) {
      i++;
      push(OTHER); // a template's start (it may tag the name before it)
      if (!templateChars()) return 'unsure';
      continue;
    }
    if (isIdentifierChar(c) || c === 35 /* # */) {
      const start = i++;
      IDENTIFIER_REST.lastIndex = i;
      IDENTIFIER_REST.exec(text);
      i = IDENTIFIER_REST.lastIndex;
      const name = text.slice(start, i);
      let watch: string | null = null;
      if (words.globals.has(name)) {
        const before = last();
        const asProperty = before?.kind === 'punct' && (before.text === '.' || before.text === '?.');
        if (braces === 0 && parens === 0 && brackets === 0 && declaresAtTopLevel(recent)) declared.add(name);
        else if (namesGlobalThis) used.add(name);
        else if (before?.kind === 'name' && HARMLESS_BEFORE_GLOBAL.has(before.text)) watch = before.text;
        else if (!asProperty) used.add(name);
      }
      push({ kind: 'name', text: name });
      if (watch !== null) constructedOnly = { name, after: watch };
      continue;
    }
    // `<` where an expression starts opens JSX (or a TypeScript cast or generic arrow): the parser's to read.
    if (c === 60 && startsExpression(last())) return 'unsure';
    const operator = OPERATOR_CHARS.has(text.charCodeAt(i + 1)) ? OPERATORS.find((op) => text.startsWith(op, i) && !(op === '?.' && isDigit(text.charCodeAt(i + 2)))) : undefined;
    if (operator) {
      i += operator.length;
      push(punct(operator));
      continue;
    }
    i++;
    if (c === 40 /* ( */) parens++;
    else if (c === 41 /* ) */) parens--;
    else if (c === 91 /* [ */) brackets++;
    else if (c === 93 /* ] */) brackets--;
    else if (c === 123 /* { */) braces++;
    else if (c === 125 /* } */) {
      braces--;
      if (braces < 0) return 'unsure';
      if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braces) {
        templateDepths.pop();
        if (!templateChars()) return 'unsure';
        continue;
      }
    }
    push(punct(String.fromCharCode(c)));
  }
  if (braces !== 0 || parens !== 0 || brackets !== 0 || templateDepths.length > 0) return 'unsure';
  if ([...used].some((name) => namesGlobalThis || !declared.has(name))) clue = true;
  return clue ? 'clue' : 'none';
}

/** Whether an expression may start after this token: then `/` opens a regular expression, and `<` JSX. */
function startsExpression(before: Token | undefined): boolean {
  return !before || (before.kind === 'punct' && !ENDS_EXPRESSION.has(before.text)) || (before.kind === 'name' && REGEX_AFTER_KEYWORD.has(before.text));
}

/**
 * Whether the name after these tokens is declared for the whole module: `const|let|var N`, or
 * `class|function N` starting a statement (`export`, `export default` allowed). Anything
 * else (destructuring, `async function`, a declaration after an implicit semicolon) is not
 * recognised, which only means the file is parsed.
 */
function declaresAtTopLevel(recent: readonly Token[]): boolean {
  const keyword = recent[recent.length - 1];
  if (keyword?.kind !== 'name') return false;
  if (keyword.text === 'const' || keyword.text === 'let' || keyword.text === 'var') return true;
  if (keyword.text !== 'class' && keyword.text !== 'function') return false;
  const before = recent[recent.length - 2];
  return !before || (before.kind === 'punct' && (before.text === ';' || before.text === '}')) || (before.kind === 'name' && (before.text === 'export' || before.text === 'default'));
}

/** Whether a string right after these tokens is an import's specifier: `from '…'`, `import '…'`, `require('…'`, `import('…'`. */
function importsHere(recent: readonly Token[]): boolean {
  const last = recent[recent.length - 1];
  if (last?.kind === 'name') return last.text === 'from' || last.text === 'import';
  const callee = recent[recent.length - 2];
  return last?.kind === 'punct' && last.text === '(' && callee?.kind === 'name' && (callee.text === 'require' || callee.text === 'import');
}
