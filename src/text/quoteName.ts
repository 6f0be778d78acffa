/**
 * File names as they may be printed. A name can hold any byte but `/` and NUL: a newline
 * would split a diff header (git apply: "diff header lacks filename information"), an ESC
 * sequence would retitle or clear the terminal.
 */

const C_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/**
 * git's C-style quoting (core.quotePath, the default): a name holding a control character,
 * a double quote, a backslash or a non-ASCII byte is written in double quotes, with C escapes
 * and each other such byte in octal. `prefix` (a/, b/) goes inside the quotes, as git does.
 */
export function quoteForGit(name: string, prefix = ''): string {
  const whole = prefix + name;
  if (!/[\x00-\x1f\x7f"\\\u0080-\uffff]/.test(whole)) return whole;
  let out = '"';
  for (const byte of Buffer.from(whole, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (C_ESCAPES[char]) out += C_ESCAPES[char];
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/**
 * For a terminal, a summary or a commit message: a name with control characters (C0, DEL,
 * C1) is quoted with C escapes; any other name, non-ASCII letters included, is shown as is.
 */
export function printableName(name: string): string {
  if (!/[\x00-\x1f\x7f-\x9f]/.test(name)) return name;
  let out = '"';
  for (const char of name) {
    const code = char.codePointAt(0)!;
    if (C_ESCAPES[char]) out += C_ESCAPES[char];
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}
