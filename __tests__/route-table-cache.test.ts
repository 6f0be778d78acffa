/**
 * The test step's route table keeps only the last few parses (src/testsuite/jsRoutes.ts): a
 * file evicted and parsed again must give the same routes as one kept. Several routers, each
 * mounted by two apps in other files, so every router's prefixes need the apps' parses again
 * after other files pushed them out.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsRouteTable, type JsModule } from '../src/testsuite/jsRoutes.js';
import type { Site } from '../src/site.js';

const ROUTERS = 6;
const root = path.join(path.sep, 'project');
const file = (name: string) => path.join(root, name);

function router(i: number): JsModule & { sites: Site[] } {
  const text = [
    "const express = require('express');",
    'const router = express.Router();',
    `router.post('/go${i}', (req, res) => {`,
    `  res.redirect('/done${i}');`,
    '});',
    `router.get('/plain${i}', (req, res) => res.send('x'));`,
    'module.exports = router;',
    '',
  ].join('\n');
  // The redirect call: line 4, column 3 (1-based, as sites are reported).
  const site = { line: 4, column: 3, risk: { methods: ['POST'] } } as unknown as Site;
  return { file: file(`routes/r${i}.js`), text, sites: [site] };
}

function app(name: string, prefix: string): JsModule {
  const lines = ["const express = require('express');", 'const app = express();'];
  for (let i = 0; i < ROUTERS; i++) lines.push(`const r${i} = require('./routes/r${i}');`, `app.use('${prefix}/m${i}', r${i});`);
  lines.push('module.exports = app;', '');
  return { file: file(name), text: lines.join('\n') };
}

describe('route table cache', () => {
  const routers = Array.from({ length: ROUTERS }, (_, i) => router(i));
  const project: JsModule[] = [...routers, app('app.js', ''), app('admin.js', '/admin')];

  it('gives the same routes with one parse kept as with all of them', () => {
    const all = new JsRouteTable(project, 1000).routes(routers);
    const one = new JsRouteTable(project, 1).routes(routers);
    expect(all.map((r) => r.paths)).toEqual(routers.map((_, i) => [`/m${i}/go${i}`, `/admin/m${i}/go${i}`]));
    expect(one.map((r) => ({ paths: r.paths, sites: r.sites.length, unknown: r.unknownPath }))).toEqual(all.map((r) => ({ paths: r.paths, sites: r.sites.length, unknown: r.unknownPath })));
  });
});
