/**
 * The clue prefilters (src/js/clues.ts, src/python/clues.ts): a JavaScript file is parsed
 * only when it shows a rule's import, global or package, a Python file only when it imports
 * a framework's package. Each story pairs what the file says with what the full parse finds,
 * so a clue the gate missed would show up as a site it threw away.
 */
import { describe, expect, it } from 'vitest';
import { mayHoldJsSites } from '../src/js/clues.js';
import type { PackageInfo } from '../src/js/packageInfo.js';
import { transformJs } from '../src/js/transformJs.js';
import { mayHoldPythonSites } from '../src/python/clues.js';
import { transformPython } from '../src/python/transformPython.js';
import { JS_RULES } from '../src/rules/js/index.js';

const noPackage: PackageInfo = { file: null, name: null, dependencies: new Map(), locked: new Map() };
const dependsOn = (name: string): PackageInfo => ({ ...noPackage, file: '/app/package.json', dependencies: new Map([[name, '^4.0.0']]) });

function sites(text: string, pkg: PackageInfo, file = 'app.js') {
  const result = transformJs(text, file, 'preserve', { pkg });
  if (!result.ok) throw new Error(result.message);
  return result.sites.map((site) => `${site.framework}:${site.action}`);
}

describe('files with a clue are parsed, and hold the sites', () => {
  const stories: Array<[string, string, PackageInfo]> = [
    ['an aliased import', `import { redirect as go } from "react-router";\nexport const loader = () => go('/login');\n`, noPackage],
    ['require of the framework', `const app = require('express')();\napp.get('/', (req, res) => res.redirect('/x'));\n`, noPackage],
    ['a subpath module a rule names', `import { Hono } from 'hono/tiny';\nconst app = new Hono();\napp.get('/', (c) => c.redirect('/x'));\n`, noPackage],
    ['the global through globalThis', `export default () => globalThis.Response.redirect('https://example.com/');\n`, noPackage],
    ['the global through an alias', `const R = Response;\nexport default () => R.redirect('https://example.com/');\n`, noPackage],
    ['only the package.json ties the handler to Express', `export function handler(req, res) {\n  res.redirect('/login');\n}\n`, dependsOn('express')],
  ];
  for (const [name, text, pkg] of stories) {
    it(name, () => {
      expect(mayHoldJsSites(text, pkg)).toBe(true);
      expect(sites(text, pkg)).not.toEqual([]);
    });
  }
});

describe('files without one are not parsed, and hold none', () => {
  const stories: Array<[string, string]> = [
    ['a handler nothing ties to a framework', `export function handler(req, res) {\n  res.redirect('/login');\n}\n`],
    ['an options object', `fetch(url, { redirect: 'follow' });\n`],
    ['a relative module, with no type checker to follow it', `import { redirect } from './utils';\nexport const loader = () => redirect('/login');\n`],
    ['a method of a local object', `const internals = {};\ninternals.redirect = (to) => to;\ninternals.redirect('/x');\n`],
  ];
  for (const [name, text] of stories) {
    it(name, () => {
      expect(mayHoldJsSites(text, noPackage)).toBe(false);
      expect(sites(text, noPackage)).toEqual([]);
    });
  }
});

describe('each rule names the modules its handler shapes come from', () => {
  for (const rule of JS_RULES) {
    const shape = rule.handler;
    if (!shape) continue;
    it(rule.framework, () => {
      const names = [shape.type, ...shape.annotations, ...(shape.functionAnnotations ?? []), ...(shape.wrappers ?? [])];
      for (const name of names) expect(rule.clues.modules, name).toContain(name.slice(0, name.indexOf('.')));
    });
  }
});

describe('Python: files importing a framework are parsed, and hold the sites', () => {
  const stories: Array<[string, string, boolean]> = [
    ['from flask import redirect', 'from flask import redirect\n\ndef go():\n    return redirect("/")\n', true],
    ['an aliased module inside a block', 'try:\n    import werkzeug.utils as wu\nexcept ImportError:\n    wu = None\n\ndef go():\n    return wu.redirect("/")\n', true],
    ['a compound statement', 'import os; from quart import redirect\nasync def go():\n    return redirect("/")\n', true],
    ['a backslash continuation', 'import os, \\\n    flask\n\ndef go():\n    return flask.redirect("/")\n', true],
    ['a wildcard import', 'from flask import *\n\ndef go():\n    return redirect("/")\n', true],
    ['flask named only in a comment', '# like flask.redirect, but ours\ndef redirect(to):\n    return to\n\nredirect("/")\n', false],
    ['a project module re-exporting it', 'from .helpers import redirect\n\ndef go():\n    return redirect("/")\n', false],
  ];
  for (const [name, text, parsed] of stories) {
    it(name, async () => {
      expect(mayHoldPythonSites(text)).toBe(parsed);
      const result = await transformPython(text, 'app.py', 'preserve');
      if (!result.ok) throw new Error(result.message);
      expect(result.sites.length > 0).toBe(parsed);
    });
  }
});
