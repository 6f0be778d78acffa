/**
 * The test step's route table takes a file's routes from the analysis's parse (its "route
 * facts", src/testsuite/jsRoutes.ts) instead of parsing the file again, where they hold: the
 * file alone decides its routes, or it had to look for the files that import it and none
 * does. The routes must be the ones a parse gives, and the parses are counted (no clock).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCodemod } from '../src/engine/run.js';
import { jsParses, parseJs } from '../src/js/parser.js';
import { JsRouteTable, jsRouteFacts, type JsModule, type JsRouteFacts } from '../src/testsuite/jsRoutes.js';
import { offsetOf, offsetsOf, type Route } from '../src/testsuite/routes.js';
import type { Site } from '../src/site.js';
import { tempDir } from './helpers/cli.js';

const root = path.join(path.sep, 'project');

/** A site at the first `res.redirect(` of each line that holds one (1-based line and column), with the given methods. */
function withSites(name: string, lines: string[], methods: string[][]): JsModule & { sites: Site[] } {
  const sites = lines.flatMap((line, i) => (line.includes('res.redirect(') ? [{ line: i + 1, column: line.indexOf('res.redirect(') + 1 }] : []));
  return { file: path.join(root, name), text: lines.join('\n'), sites: sites.map((s, i) => ({ ...s, risk: { methods: methods[i] } }) as unknown as Site) };
}

/** Mounted in its own file: its facts hold whatever else the project holds. */
const SELF_CONTAINED = withSites(
  'app.js',
  [
    "const express = require('express');",
    'const app = express();',
    'const admin = express.Router();',
    "admin.post('/login', (req, res) => {",
    "  if (!req.body) return res.redirect('/again');",
    "  res.redirect('/home');",
    '});',
    "app.get('/out', (req, res) => res.redirect('/'));",
    "app.use('/admin', admin);",
    'app.listen(3000);',
  ],
  [['POST'], ['POST'], ['GET']],
);

/** An exported router, mounted by main.js: the facts did not see main.js, so the file is parsed. */
const MOUNTED_ELSEWHERE = withSites(
  'routes/account.js',
  ["const router = require('express').Router();", "router.get('/close', (req, res) => res.redirect('/bye'));", 'module.exports = router;'],
  [['GET']],
);

/** An exported handler no file registers: its facts looked for importers and none exists. */
const NEVER_REGISTERED = withSites('lib/helpers.js', ['exports.back = (req, res) => {', "  res.redirect('/back');", '};'], [['unknown']]);

const MAIN: JsModule = {
  file: path.join(root, 'main.js'),
  text: ["const express = require('express');", "const account = require('./routes/account');", 'const app = express();', "app.use('/account', account);"].join('\n'),
};

function factsOf(module: JsModule & { sites: Site[] }): JsRouteFacts {
  const parsed = parseJs(module.text, module.file);
  if (!parsed.ok) throw new Error(`${module.file} does not parse`);
  return jsRouteFacts(parsed.ast, module.file, module.text, module.sites);
}

const shape = (routes: Route[]) => routes.map((r) => ({ paths: r.paths, unknownPath: r.unknownPath, methods: r.methods, sites: r.sites.map((s) => s.line) }));

describe('route facts', () => {
  const modules = [SELF_CONTAINED, MOUNTED_ELSEWHERE, NEVER_REGISTERED];
  const project: JsModule[] = [...modules, MAIN];

  it('give the routes a parse gives, and only the file another module imports is parsed', () => {
    const parsing = new JsRouteTable(project);
    const expected = parsing.routes(modules);
    expect(shape(expected)).toEqual([
      { paths: ['/admin/login'], unknownPath: undefined, methods: ['POST'], sites: [5, 6] },
      { paths: ['/out'], unknownPath: undefined, methods: ['GET'], sites: [8] },
      { paths: ['/account/close'], unknownPath: undefined, methods: ['GET'], sites: [2] },
      { paths: [], unknownPath: 'no route registration for this handler in its file or in the files that import it', methods: ['unknown'], sites: [2] },
    ]);
    expect(parsing.parses).toBe(4);

    const facts = new Map(modules.map((m) => [m.file, factsOf(m)]));
    expect(facts.get(SELF_CONTAINED.file)!.askedImporters).toBe(false);
    expect(facts.get(NEVER_REGISTERED.file)!.askedImporters).toBe(true);
    const reusing = new JsRouteTable(project, undefined, facts);
    expect(shape(reusing.routes(modules))).toEqual(shape(expected));
    // routes/account.js (imported by main.js) and main.js for its mount.
    expect(reusing.parses).toBe(2);
  });

  it('are not used for another text or for a site they do not hold', () => {
    const facts = new Map([[SELF_CONTAINED.file, factsOf(SELF_CONTAINED)]]);
    const edited = { ...SELF_CONTAINED, text: `// moved\n${SELF_CONTAINED.text}`, sites: SELF_CONTAINED.sites.map((s) => ({ ...s, line: s.line + 1 })) };
    const table = new JsRouteTable([edited], undefined, facts);
    expect(shape(table.routes([edited]))).toEqual(shape(new JsRouteTable([edited]).routes([edited])));
    expect(table.parses).toBe(1);

    const moved = { ...SELF_CONTAINED, sites: [{ ...SELF_CONTAINED.sites[0]!, column: 1 }] };
    const other = new JsRouteTable([moved], undefined, facts);
    expect(shape(other.routes([moved]))).toEqual(shape(new JsRouteTable([moved]).routes([moved])));
    expect(other.parses).toBe(1);
  });

  it('in a run: the file with the redirect is parsed by the analysis only, and the test is tied to its route', async () => {
    const dir = tempDir('redirect-codemod-route-facts-');
    mkdirSync(path.join(dir, 'test'));
    writeFileSync(path.join(dir, 'package.json'), '{ "dependencies": { "express": "^4.21.0" } }\n');
    writeFileSync(path.join(dir, 'app.js'), `${SELF_CONTAINED.text}\nmodule.exports = app;\n`);
    // No "redirect" in it: scanned by the test step only.
    writeFileSync(path.join(dir, 'test', 'app.test.js'), "const request = require('supertest');\nconst app = require('../app');\nit('logs in', () => request(app).post('/admin/login').expect(302));\n");
    const before = jsParses.count;
    const result = await runCodemod({ paths: [dir], cwd: dir, mode: 'preserve', dry: true, allowDirty: true, types: true, changelog: { kind: 'none' } });
    // app.js: parsed and verified (2); the test file: scanned (1). Before the facts, app.js was parsed a third time.
    expect(jsParses.count - before).toBe(3);
    expect(result.tests.map((t) => ({ line: t.line, action: t.action, tiedTo: t.tiedTo }))).toEqual([{ line: 3, action: 'unchanged', tiedTo: ['app.js:5', 'app.js:6'] }]);
  });
});

/** A position's offset found line by line, as the route table did before offsetsOf: the reference. */
function offsetLineByLine(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.slice(offset).search(/\r\n|\r|\n/);
    if (next === -1) return text.length;
    offset += next + (text.startsWith('\r\n', offset + next) ? 2 : 1);
  }
  for (let c = 1; c < column && offset < text.length; c++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return offset;
}

describe('offsetsOf and offsetOf', () => {
  it('give the offset found line by line for each position, whatever the line breaks, surrogate pairs and positions past the end', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const pieces = ['a', 'bc', '\n', '\r\n', '\r', '😀', ' ', '\r\r\n', 'é'];
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: random(40) }, () => pieces[random(pieces.length)]).join('');
      const positions = Array.from({ length: 1 + random(6) }, () => ({ line: random(14), column: random(12) }));
      const expected = positions.map((p) => offsetLineByLine(text, p.line, p.column));
      expect(offsetsOf(text, positions)).toEqual(expected);
      expect(positions.map((p) => offsetOf(text, p.line, p.column))).toEqual(expected);
    }
  });
});
