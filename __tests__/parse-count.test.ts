/**
 * How often a run parses each JavaScript file, counted by the parser itself (no clock): the
 * first pass parses each candidate once and verifies each rewritten file once; the cross-file
 * pass reads the registrations of the files the first pass parsed from its results and parses
 * only those of the others that import a module whose handlers it looks for; the second look at a file whose handlers are registered elsewhere needs no
 * parse, unless what was found changes more than the sites' methods (a status under
 * adopt-safe, a review reason), and then gives what a full second analysis gives.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCodemod } from '../src/engine/run.js';
import { jsParses } from '../src/js/parser.js';
import type { Mode } from '../src/site.js';
import { tempDir } from './helpers/cli.js';

const AUTH = "exports.logout = (req, res) => {\n  res.redirect('/');\n};\n\nexports.login = (req, res) => res.redirect('/home');\n";
/** `other`'s fourth parameter is tied to no framework: its review reason says where `other` is registered. */
const AUTH_WITH_REASON = `${AUTH}\nexports.other = function other(req, res, c, out) {\n  res.redirect('/a');\n  out.redirect('/o');\n};\n`;

function app(auth: string): string {
  const dir = tempDir('redirect-codemod-parses-');
  mkdirSync(path.join(dir, 'controllers'));
  mkdirSync(path.join(dir, 'routes'));
  writeFileSync(path.join(dir, 'package.json'), '{ "dependencies": { "express": "^4.21.0" } }\n');
  writeFileSync(path.join(dir, 'controllers', 'auth.js'), auth);
  // No "redirect" in it: not a candidate of the first pass, so the cross-file pass parses it.
  writeFileSync(
    path.join(dir, 'routes', 'index.js'),
    "const express = require('express');\nconst auth = require('../controllers/auth');\nconst router = express.Router();\nrouter.delete('/session', auth.logout);\nrouter.get('/other', auth.other);\nmodule.exports = router;\n",
  );
  // Names a handler and a module called auth, but not controllers/auth.js: not parsed.
  writeFileSync(path.join(dir, 'routes', 'session.js'), "const auth = require('../lib/auth');\nconst router = require('express').Router();\nrouter.post('/logout', auth.logout);\n");
  // A candidate of the first pass that also registers a handler of auth.js: parsed once.
  writeFileSync(
    path.join(dir, 'routes', 'admin.js'),
    "const express = require('express');\nconst auth = require('../controllers/auth');\nconst admin = express.Router();\nadmin.get('/admin', (req, res) => res.redirect('/admin/home'));\nadmin.post('/admin/session', auth.login);\nmodule.exports = admin;\n",
  );
  return dir;
}

async function run(dir: string, mode: Mode) {
  const before = jsParses.count;
  const result = await runCodemod({ paths: [dir], cwd: dir, mode, dry: true, allowDirty: true, types: true, changelog: { kind: 'none' } });
  const sites = result.sites.map((s) => [s.file, s.line, s.action, s.status.after ?? null, s.risk?.methods ?? null, s.risk?.why ?? s.reason]);
  return { parses: jsParses.count - before, sites, result };
}

describe('parses per file', () => {
  it('each candidate once, each rewritten file verified once, the cross-file pass only files the first pass did not parse', async () => {
    const { parses, sites } = await run(app(AUTH), 'preserve');
    expect(sites).toEqual([
      ['controllers/auth.js', 2, 'rewritten', 302, ['DELETE'], 'registered in index.js with .delete()'],
      ['controllers/auth.js', 5, 'rewritten', 302, ['POST'], 'registered in admin.js with .post()'],
      ['routes/admin.js', 4, 'rewritten', 302, ['GET'], 'registered with .get()'],
    ]);
    // auth.js and admin.js: parsed and verified (4); index.js in the cross-file pass (1; not session.js,
    // which imports another auth module); auth.js's second look: none.
    expect(parses).toBe(5);
  });

  it('adopt-safe, where the methods found change a status: auth.js is analysed and verified again, with the same result as a first analysis would give', async () => {
    const { parses, sites, result } = await run(app(AUTH), 'adopt-safe');
    expect(sites).toEqual([
      ['controllers/auth.js', 2, 'rewritten', 302, ['DELETE'], 'registered in index.js with .delete()'],
      ['controllers/auth.js', 5, 'rewritten', 303, ['POST'], 'registered in admin.js with .post()'],
      ['routes/admin.js', 4, 'rewritten', 303, ['GET'], 'registered with .get()'],
    ]);
    expect(result.changes.find((c) => c.path === 'controllers/auth.js')?.after).toContain("res.redirect(303, '/home')");
    expect(parses).toBe(7);
  });

  it('a review reason that names a handler registered elsewhere: the file is analysed again, and the reason says where', async () => {
    const { parses, result } = await run(app(AUTH_WITH_REASON), 'preserve');
    const review = result.sites.find((s) => s.file === 'controllers/auth.js' && s.line === 9);
    expect(review?.action).toBe('review');
    expect(review?.reason).toContain('exported as `other` and registered in index.js with .get(), on an object not tied to a framework');
    expect(result.sites.find((s) => s.file === 'controllers/auth.js' && s.line === 8)?.risk?.methods).toEqual(['GET']);
    expect(parses).toBe(7);
  });
});
