/**
 * The second prefilter, for files that spell "edirect": whether any rule could match a call
 * in the file at all. A rule's names start at a module's import (its specifier is a string
 * literal in the file), at an undeclared global, or at a handler parameter the nearest
 * package.json vouches for (src/js/handlers.ts); a file that shows none of these cannot hold
 * a site, so it is not parsed. Like the first prefilter, it reads names as spelled, without
 * escapes. The type checker proves names through a project's own modules, so a file it can
 * answer for is always parsed (see src/engine/run.ts).
 */
import { JS_RULES } from '../rules/js/index.js';
import { scanForClues } from './clueScanner.js';
import type { PackageInfo } from './packageInfo.js';
import { escapeRegExp } from '../text/escapeRegExp.js';

const MODULES = [...new Set(JS_RULES.flatMap((rule) => rule.clues.modules))];
const GLOBALS = [...new Set(JS_RULES.flatMap((rule) => rule.clues.globals ?? []))];
const PACKAGES = [...new Set(JS_RULES.flatMap((rule) => rule.handler?.packages ?? []))];

// A specifier between matching quotes (`'express'`, `"@remix-run/node"`), or a global as a whole word.
const CLUE = new RegExp(`(['"])(?:${MODULES.map(escapeRegExp).join('|')})\\1|\\b(?:${GLOBALS.map(escapeRegExp).join('|')})\\b`);
const WORDS = { modules: new Set(MODULES), globals: new Set(GLOBALS) };

/**
 * The text test is cheap and errs towards parsing; the scanner then drops the files whose
 * clues all sit in comments, or in strings that import nothing (`depd('express')`).
 */
export function mayHoldJsSites(text: string, pkg: PackageInfo): boolean {
  if (PACKAGES.some((name) => pkg.dependencies.has(name))) return true;
  return CLUE.test(text) && scanForClues(text, WORDS) !== 'none';
}
