/**
 * The second prefilter for Python files that spell "edirect": every name a rule matches
 * (`flask.redirect`, `werkzeug.utils.redirect`, `quart.Quart().redirect`) starts at an
 * import of the framework's package, so a file whose import statements never name one
 * cannot hold a site and is not parsed. Lines are joined at backslash continuations; a
 * docstring that looks like an import only means the file is parsed.
 */
import { PYTHON_RULES } from '../rules/index.js';
import { escapeRegExp } from '../text/escapeRegExp.js';

const PACKAGES = [...new Set(PYTHON_RULES.flatMap((rule) => Object.keys(rule.apis).map((name) => name.slice(0, name.indexOf('.')))))];
const PACKAGE_WORD = new RegExp(`\\b(?:${PACKAGES.map(escapeRegExp).join('|')})\\b`);
const IMPORT_WORD = /\bimport\b/;

export function mayHoldPythonSites(text: string): boolean {
  if (!PACKAGE_WORD.test(text)) return false;
  // Logical lines: `import os, \` + newline + `flask` is one statement.
  for (const line of text.replace(/\\\r?\n/g, ' ').split('\n')) {
    if (IMPORT_WORD.test(line) && PACKAGE_WORD.test(line)) return true;
  }
  return false;
}
