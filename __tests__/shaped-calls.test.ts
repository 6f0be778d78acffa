/**
 * The token scan that lists redirect-shaped calls in files the run never parses
 * (src/js/redirectShapedCalls.ts). Its lexer passes runs of plain characters at once; these
 * cases pin what it must still tell apart: comments, strings, template text and
 * substitutions, regular expressions against division (which depends on the last character
 * before the `/`, across a run of spaces), and a string left open at a line end.
 */
import { describe, expect, it } from 'vitest';
import { redirectShapedCalls } from '../src/js/redirectShapedCalls.js';

const found = (text: string) => redirectShapedCalls(text).map((call) => [call.api, call.line, call.column]);

describe('redirect-shaped calls in files that are not parsed', () => {
  it('finds a call in code, with its line and column', () => {
    expect(found("app.get('/', (req, res) => res.redirect('/a'));\n")).toEqual([['res.redirect', 1, 32]]);
  });

  it('skips comments, strings and template text, but not a substitution', () => {
    expect(found("// res.redirect('/a')\n/* res.redirect('/b') */\nres.redirect('/c');\n")).toEqual([['res.redirect', 3, 5]]);
    expect(found("const a = 'res.redirect(1)', b = \"redirect(2)\", c = `redirect(3) ${res.redirect('/d')} redirect(4)`;\n")).toEqual([['res.redirect', 1, 72]]);
  });

  it('skips a regular expression, and reads a slash after a value as division', () => {
    expect(found("if (/redirect(x)/.test(s)) return /y/.test(t) && redirect('/e');\n")).toEqual([['redirect', 1, 50]]);
    // After `total` and four spaces the slash divides: the call after it is code.
    expect(found('const half = total    / redirect(2) / 3;\n')).toEqual([['redirect', 1, 25]]);
  });

  it('after a string left open at the line end, a slash opens a regular expression', () => {
    expect(found("const s = 'abc\n / redirect(1) /; redirect(2);\n")).toEqual([['redirect', 2, 19]]);
  });

  it('finds every call of a long line, and skips definitions', () => {
    expect(found("a(); res.redirect(1); b(); ctx.redirect(2); @Redirect('/x') class A {}")).toEqual([
      ['res.redirect', 1, 10],
      ['ctx.redirect', 1, 32],
      ['@Redirect', 1, 45],
    ]);
    expect(found("function redirect(url) { return url }\nclass B { redirect(url) { return url } }\nredirect('/f');\n")).toEqual([['redirect', 3, 1]]);
  });
});
