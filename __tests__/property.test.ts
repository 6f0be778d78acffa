/**
 * Generated sources with random redirect call shapes, arguments, comments, whitespace and line
 * endings (a seeded generator, so failures reproduce): the output always parses (CPython for
 * Python, Node's own parser for JavaScript), differs from the input only by the statuses
 * inserted at the sites reported, and a second run changes nothing. Plus a no-harm run over
 * large real code without framework redirects: zero rewrites.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInsertionOnly } from '../src/engine/applyEdits.js';
import { PackageLookup } from '../src/js/packageInfo.js';
import { transformJs } from '../src/js/transformJs.js';
import { transformPython } from '../src/python/transformPython.js';
import { REPO, runCli, tempDir } from './helpers/cli.js';

/** mulberry32: small, seeded, good enough to vary shapes. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

const PY_ARGS = ['"/home"', "url_for('index')", 'request.args.get("next") or "/"', 'f"/u/{uid}"', '(base + "/x")', 'location="/kw"', '"/a", code=301', '"/b", 307', '*args', '**opts'];
const PY_SPACE = ['', ' ', '\n        ', '  # note\n        '];

function pythonSource(r: () => number): string {
  const eol = pick(r, ['\n', '\r\n']);
  const alias = pick(r, ['redirect', 'go']);
  const lines = [`from flask import Flask${alias === 'go' ? ', redirect as go' : ', redirect'}, request, url_for`, 'app = Flask(__name__)', ''];
  const count = 1 + Math.floor(r() * 4);
  for (let i = 0; i < count; i++) {
    const callee = pick(r, [alias, 'app.redirect']);
    const arg = pick(r, PY_ARGS);
    const before = pick(r, PY_SPACE);
    const trailing = pick(r, ['', ',']);
    const after = pick(r, ['', ' ', '\n    ', '  # end\n    ']);
    const call = `${callee}(${before}${arg}${trailing}${after})`;
    lines.push(`@app.${pick(r, ['get', 'post', 'put', 'delete', 'route'])}("/r${i}")`, `def view${i}(*args, **opts):`);
    lines.push(pick(r, [`    return ${call}`, `    x = [${call}]`, `    return (${call}), 200`, `    return ${call}  # why`]));
    lines.push('');
  }
  return pick(r, ['', '\uFEFF']) + lines.join(eol) + pick(r, [eol, '']);
}

const JS_ARGS = ["'/home'", '`/u/${id}`', "(req.query.next || '/')", "/* where */ '/c'", "301, '/moved'", '...args'];

function jsSource(r: () => number): string {
  const eol = pick(r, ['\n', '\r\n']);
  const semi = pick(r, [';', '']);
  const lines = [`const express = require('express')${semi}`, `const app = express()${semi}`, ''];
  const count = 1 + Math.floor(r() * 4);
  for (let i = 0; i < count; i++) {
    const arg = pick(r, JS_ARGS);
    const ws = pick(r, ['', ' ', `${eol}    `]);
    const trailing = arg.startsWith('...') ? '' : pick(r, ['', ',']);
    const call = `res.redirect(${ws}${arg}${trailing}${ws})`;
    const method = pick(r, ['get', 'post', 'put', 'delete', 'all']);
    lines.push(
      pick(r, [
        `app.${method}('/r${i}', (req, res) => ${call})${semi}`,
        `app.${method}('/r${i}', function (req, res) {${eol}  ${call}${semi}${eol}})${semi}`,
        `app.${method}('/r${i}', async (req, res) => { return ${call}${semi} })${semi}`,
      ]),
    );
  }
  return lines.join(eol) + pick(r, [eol, '']);
}

describe('generated sources', () => {
  it('Python: parses with CPython after the rewrite, insertion only, idempotent', async () => {
    const r = random(20261127);
    const dir = tempDir('redirect-codemod-prop-');
    const outputs: string[] = [];
    let rewritten = 0;
    for (let n = 0; n < 150; n++) {
      const source = pythonSource(r);
      const mode = pick(r, ['preserve', 'adopt', 'adopt-safe'] as const);
      const result = await transformPython(source, `gen${n}.py`, mode);
      if (!result.ok) throw new Error(`gen${n}: ${result.message}\n${source}`);
      const edits = result.sites.flatMap((s) => (s.edit ? [s.edit] : []));
      rewritten += edits.length;
      expect(isInsertionOnly(source, result.output, edits)).toBe(true);
      const again = await transformPython(result.output, `gen${n}.py`, mode);
      expect(again.ok && again.output).toBe(result.output);
      const file = path.join(dir, `gen${n}.py`);
      writeFileSync(file, result.output);
      outputs.push(file);
    }
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    expect(rewritten).toBeGreaterThan(150);
    const check = spawnSync(python, ['-c', 'import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, "rb").read(), f)\n', ...outputs], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
  }, 60_000);

  it('JavaScript: Node parses the rewrite, insertion only, idempotent', () => {
    const r = random(42);
    const dir = tempDir('redirect-codemod-prop-');
    const pkg = new PackageLookup(dir).forFile(path.join(dir, 'x.js'));
    const outputs: string[] = [];
    let rewritten = 0;
    for (let n = 0; n < 150; n++) {
      const source = jsSource(r);
      const mode = pick(r, ['preserve', 'adopt', 'adopt-safe'] as const);
      const result = transformJs(source, `gen${n}.js`, mode, { pkg });
      if (!result.ok) throw new Error(`gen${n}: ${result.message}\n${source}`);
      const edits = result.sites.flatMap((s) => (s.edit ? [s.edit] : []));
      rewritten += edits.length;
      expect(isInsertionOnly(source, result.output, edits)).toBe(true);
      const again = transformJs(result.output, `gen${n}.js`, mode, { pkg });
      expect(again.ok && again.output).toBe(result.output);
      const file = path.join(dir, `gen${n}.cjs`);
      writeFileSync(file, result.output);
      outputs.push(file);
    }
    expect(rewritten).toBeGreaterThan(150);
    // Node's own parser, in one process: every output must compile as a CommonJS module body.
    const compile = 'const fs = require("fs"), vm = require("vm");\nfor (const f of process.argv.slice(1)) new vm.Script(require("module").wrap(fs.readFileSync(f, "utf8")), { filename: f });';
    const check = spawnSync(process.execPath, ['-e', compile, ...outputs], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);
});

describe('no harm on real code without framework redirects', () => {
  it('the Python standard library: zero rewrites', () => {
    const stdlib = readdirSync('/usr/lib').find((name) => /^python3\.\d+$/.test(name));
    if (!stdlib) return;
    const run = runCli(['check', path.join('/usr/lib', stdlib), '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.summary.filesScanned).toBeGreaterThan(500);
    expect(report.summary.rewritten).toBe(0);
  }, 60_000);

  it('this project\'s node_modules without the framework packages: no rewrite but the real Response.redirect calls', () => {
    const frameworks = /^(express|fastify|koa|hono|react-router|elysia|h3|astro|@hapi|@hono|@koa|@remix-run|@nestjs)/;
    const dir = tempDir('redirect-codemod-noharm-');
    const target = path.join(dir, 'modules');
    mkdirSync(target);
    for (const name of readdirSync(path.join(REPO, 'node_modules'))) {
      if (name === '.bin' || frameworks.test(name)) continue;
      cpSync(path.join(REPO, 'node_modules', name), path.join(target, name), { recursive: true, verbatimSymlinks: true });
    }
    // Packages ship their code in dist/, skipped by default: this run looks inside.
    const run = runCli(['check', target, '--format', 'json', '--types', 'off', '--include', 'dist']);
    const report = JSON.parse(run.stdout);
    expect(report.summary.filesScanned).toBeGreaterThan(2000);
    expect(report.excludedDirectories).toEqual([]);
    // The only implicit redirects are real ones: @vitest/mocker answers with the WHATWG Response.redirect.
    const rewritten = report.sites.filter((s: { action: string }) => s.action === 'rewritten');
    expect(rewritten.map((s: { file: string; api: string }) => `${s.file} ${s.api}`)).toEqual([
      '@vitest/mocker/dist/browser.js Response.redirect',
      '@vitest/mocker/dist/browser.js Response.redirect',
    ]);
  }, 120_000);
});
