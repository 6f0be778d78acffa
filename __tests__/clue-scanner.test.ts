/**
 * The clue scanner (src/js/clueScanner.ts) reads comments, strings, templates and regular
 * expressions for what they are. Its one promise: it never answers "none" for a file whose
 * code holds a clue. Checked on small stories, then against Babel on real files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { scanForClues, type ClueWords } from '../src/js/clueScanner.js';
import { parseJs } from '../src/js/parser.js';
import { JsScopes } from '../src/js/scopes.js';
import { VISITOR_KEYS } from '../src/js/visitorKeys.js';
import { REPO } from './helpers/cli.js';
import { JS_SOURCE, sourceFiles } from './helpers/sourceFiles.js';

const words: ClueWords = { modules: new Set(['express', '@remix-run/node']), globals: new Set(['Response']) };

describe('stories', () => {
  const stories: Array<[string, string, ReturnType<typeof scanForClues>]> = [
    ['an import', `import express from "express";\n`, 'clue'],
    ['a require', `const app = require ( 'express' )();\n`, 'clue'],
    ['a re-export', `export { redirect } from '@remix-run/node';\n`, 'clue'],
    ['a dynamic import', `const m = await import('express');\n`, 'clue'],
    ['the name in a string that imports nothing', `const deprecate = require('depd')('express');\n`, 'none'],
    ['the name in comments', `// import express from 'express'\n/* require('express') and Response */\nmodule.exports = 1;\n`, 'none'],
    ['the global as a value', `export const go = (to) => Response.redirect(to);\n`, 'clue'],
    ['the global as a property', `internals.Response = class {};\nconst r = a?.Response;\n`, 'none'],
    ['the name declared at the top level', `class Response {}\nexport const go = (to) => Response.redirect(to);\n`, 'none'],
    ['the name declared as a value at the top level', `const Response = make();\nexport default () => Response.redirect('/');\n`, 'none'],
    ['the name declared only inside a function', `function f() { class Response {} }\nexport const go = (to) => Response.redirect(to);\n`, 'clue'],
    ['the name declared only in a loop head', `for (let Response of list) use(Response);\nResponse.redirect('/');\n`, 'clue'],
    ['a named class expression', `const C = class Response {};\nResponse.redirect('/');\n`, 'clue'],
    ['a named function expression', `const f = function Response() {};\nResponse.redirect('/');\n`, 'clue'],
    ['the global only constructed, extended and tested', `class Sync extends Response {}\nconst r = new Response('x');\nif (r instanceof Response || typeof Response === 'function') go();\n`, 'none'],
    ['a member of the global after new', `const r = new Response.redirect('/');\n`, 'clue'],
    ['the global tagging a template after typeof', "if (typeof Response`${x}`) go();\n", 'clue'],
    ['the global called after typeof', `if (typeof Response() === 'object') go();\n`, 'clue'],
    ['a member of the global after typeof', `if (typeof Response?.redirect === 'function') go();\n`, 'clue'],
    ['a declaration, but globalThis too', `class Response {}\nglobalThis.Response.redirect('/');\n`, 'clue'],
    ['a property of globalThis', `export const go = (to) => globalThis.Response.redirect(to);\n`, 'clue'],
    ['a template hiding the name in its text', "const s = `Response ${'express'} ${`nested ${x}`}`;\n", 'none'],
    ['code inside a template', "const s = `${Response.redirect('/')}`;\n", 'clue'],
    ['a regular expression with quotes and slashes', `const re = /['"\\/]express[/]/g;\nconst app = require('express');\n`, 'clue'],
    ['division, not a regular expression', `const half = total / 2; const app = require('express') / 1;\n`, 'clue'],
    ['shifts and comparisons, not JSX', `const x = (a << 2) <= b >> 1;\nconst app = require('express');\n`, 'clue'],
    ['a conditional before a decimal, not optional chaining', `const y = ok?.5:1;\nconst app = require('express');\n`, 'clue'],
    ['a hashbang line', `#!/usr/bin/env node\nrequire('express');\n`, 'clue'],
    ['JSX, left to the parser', `const p = <p>Don't 'express'</p>;\n`, 'unsure'],
    ['an unterminated string', `const s = 'express;\nrequire("x");\n`, 'unsure'],
    ['an unterminated comment', `/* Response\n`, 'unsure'],
    ['a template left open', "const s = `${x\n", 'unsure'],
  ];
  for (const [name, text, answer] of stories) it(name, () => expect(scanForClues(text, words)).toBe(answer));
});

/** What Babel and the engine's scopes say: the file's import specifiers, and whether a global name is used unbound. */
function truth(ast: t.File, globals: ReadonlySet<string>): { specifiers: Set<string>; globalUsed: boolean; globalNamed: boolean } {
  const scopes = new JsScopes(ast.program, { parameterType: () => null });
  const specifiers = new Set<string>();
  let globalUsed = false;
  let globalNamed = false;
  const visit = (node: t.Node, parent: t.Node | null) => {
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) specifiers.add(node.source.value);
    if (node.type === 'TSExternalModuleReference') specifiers.add(node.expression.value);
    if (node.type === 'CallExpression' && (node.callee.type === 'Import' || (node.callee.type === 'Identifier' && node.callee.name === 'require')) && node.arguments[0]?.type === 'StringLiteral') {
      specifiers.add(node.arguments[0].value);
    }
    if (node.type === 'Identifier' && globals.has(node.name)) {
      const asProperty =
        ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) ||
        (parent?.type === 'TSQualifiedName' && parent.right === node) ||
        parent?.type === 'PrivateName';
      // Constructed, extended or tested: no callee resolves through the name there.
      const harmless =
        (parent?.type === 'NewExpression' && parent.callee === node) ||
        ((parent?.type === 'ClassDeclaration' || parent?.type === 'ClassExpression') && parent.superClass === node) ||
        (parent?.type === 'BinaryExpression' && parent.operator === 'instanceof' && parent.right === node) ||
        (parent?.type === 'UnaryExpression' && parent.operator === 'typeof');
      if (!asProperty) globalNamed = true;
      if (!asProperty && !harmless && !scopes.lookup(node.name, scopes.scopeOf(node))) globalUsed = true;
    }
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as t.Node).type === 'string') visit(child as t.Node, node);
      }
    }
  };
  visit(ast.program, null);
  return { specifiers, globalUsed, globalNamed };
}


describe('against Babel, on real files from node_modules', () => {
  // Every 3rd of the first 4,500 source files: libraries, tests, bundles, TypeScript.
  const files = sourceFiles(path.join(REPO, 'node_modules'), 4_500, JS_SOURCE, 300_000).filter((_, i) => i % 3 === 0);
  const globals = new Set(['Response', 'Promise', 'Buffer', 'Symbol', 'process']);

  it(`never answers "none" when the code holds a clue (${files.length} files)`, () => {
    const count = { importing: 0, usingGlobals: 0, none: 0, unsure: 0, hidden: 0 };
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const parsed = parseJs(text, file);
      if (!parsed.ok) continue;
      const { specifiers, globalUsed, globalNamed } = truth(parsed.ast, globals);
      // The file's own specifiers as the modules: every import in it is a clue to find.
      const byImports = scanForClues(text, { modules: specifiers, globals: new Set() });
      if (specifiers.size > 0) {
        count.importing++;
        expect(byImports, file).not.toBe('none');
      }
      const byGlobals = scanForClues(text, { modules: new Set(), globals });
      if (globalUsed) {
        count.usingGlobals++;
        expect(byGlobals, file).not.toBe('none');
      }
      if (byGlobals === 'none' && globalNamed) count.hidden++;
      if (byGlobals === 'none') count.none++;
      if (byGlobals === 'unsure') count.unsure++;
      // And with no clue words at all, it finds none (or is unsure).
      expect(scanForClues(text, { modules: new Set(), globals: new Set() }), file).not.toBe('clue');
    }
    expect(count.importing).toBeGreaterThan(500);
    expect(count.usingGlobals).toBeGreaterThan(100);
    expect(count.none).toBeGreaterThan(100);
    // Top-level declarations and constructed-only uses do hide globals in real code (Babel and the scopes agree, or the loop above fails).
    expect(count.hidden).toBeGreaterThan(0);
    // Useful, not merely safe: most files are read to the end.
    expect(count.unsure / files.length).toBeLessThan(0.2);
  }, 120_000);
});
