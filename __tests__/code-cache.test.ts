/**
 * Start-up: the CLI is one CommonJS bundle that bin/loadCli.cjs compiles with the V8 code cache
 * the build made (scripts/codeCache.mjs), and so is the build's copy of @babel/parser when a
 * run parses JavaScript. What is checked here are facts, not times (those are in `npm run
 * bench`): V8 accepts the build's caches; a refused or missing cache still runs the CLI, with
 * the same results; and a start loads from node_modules only what its command needs.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from './helpers/cli.js';

const LOADER = path.join(REPO, 'bin', 'loadCli.cjs');
const BUNDLE = path.join(REPO, 'dist', 'bundle', 'cli.cjs');
const BABEL = path.join(REPO, 'dist', 'bundle', 'babel-parser', 'index.js');
const EXPRESS = path.join(REPO, '__testfixtures__', 'express');
const WORKER = path.join(REPO, 'dist', 'bundle', 'fileWorker.cjs');

/**
 * Loads the CLI in a fresh node, runs one command line with the output captured, and says what
 * happened: the exit code, the output, whether V8 refused the cache, every file required
 * from node_modules (the CommonJS loader's cache: the bundle requires its dependencies), and
 * every file the loader compiled (the CLI, the copy of Babel) with or without its cache.
 */
function start(argv: string[], options: { bundle?: string; cwd?: string; loader?: string; env?: Record<string, string> } = {}) {
  const script = `
    const { loadCli, compiled } = require(${JSON.stringify(options.loader ?? LOADER)});
    const loaded = loadCli(${options.bundle ? `{ bundle: ${JSON.stringify(options.bundle)} }` : ''});
    let out = '';
    const stream = { write: (text) => { out += text; return true; }, isTTY: false, columns: 100 };
    loaded.cli.main(${JSON.stringify(argv)}, { stdout: stream, stderr: stream, cwd: ${JSON.stringify(options.cwd ?? REPO)}, env: { NO_COLOR: '1' } }).then((code) => {
      const required = Object.keys(require.cache).filter((file) => file.includes('node_modules')).map((file) => file.slice(file.lastIndexOf('node_modules') + 13));
      process.stdout.write(JSON.stringify({ code, out, cacheRejected: loaded.cacheRejected, required, compiled: compiled.map(({ file, cached, cacheRejected }) => ({ file, cached, cacheRejected })) }));
    });`;
  // A copy of the bundle elsewhere finds the dependencies through NODE_PATH.
  const env = { ...process.env, ...(options.bundle ? { NODE_PATH: path.join(REPO, 'node_modules') } : {}), ...options.env };
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: REPO, env });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { code: number; out: string; cacheRejected: boolean; required: string[]; compiled: { file: string; cached: boolean; cacheRejected: boolean }[] };
}

describe('the code cache', () => {
  it('is made by the build and accepted by the node that built it', () => {
    expect(statSync(`${BUNDLE}.v8cache`).size).toBeGreaterThan(10_000);
    const version = start(['--version']);
    expect(version).toMatchObject({ code: 0, cacheRejected: false, out: `${JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}\n` });
  });

  it('refused by V8, or missing, leaves the CLI working from its source', () => {
    const dir = path.join(tempDir('redirect-codemod-cache-'), 'bundle');
    mkdirSync(dir);
    const bundle = path.join(dir, 'cli.cjs');
    copyFileSync(BUNDLE, bundle);
    const empty = tempDir();
    const missing = start(['check', empty], { bundle, cwd: empty });
    expect(missing).toMatchObject({ code: 0, cacheRejected: false });
    expect(missing.out).toMatch(/0 implicit redirect\(s\)/);

    const cache = readFileSync(`${BUNDLE}.v8cache`);
    cache.fill(0x5a, 0, 64);
    writeFileSync(`${bundle}.v8cache`, cache);
    const refused = start(['check', '--fromat', 'json', empty], { bundle, cwd: empty });
    expect(refused).toMatchObject({ code: 2, cacheRejected: true });
    expect(refused.out).toContain('Unknown argument: --fromat (did you mean --format?)');
  });

  it('covers the copy of @babel/parser that a run parses with, in place of the package', () => {
    expect(statSync(`${BABEL}.v8cache`).size).toBeGreaterThan(10_000);
    expect(readFileSync(BABEL, 'utf8')).toBe(readFileSync(path.join(REPO, 'node_modules', '@babel', 'parser', 'lib', 'index.js'), 'utf8'));
    const dry = start([EXPRESS, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off'], { cwd: EXPRESS });
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/redirects: [1-9]\d* to rewrite/);
    expect(dry.compiled).toEqual([
      { file: BUNDLE, cached: true, cacheRejected: false },
      { file: BABEL, cached: true, cacheRejected: false },
    ]);
    expect(dry.required.filter((file) => file.startsWith('@babel/'))).toEqual([]);
  });

  it('covers the file worker: started as the pool starts it, it compiles with its cache and analyses', () => {
    expect(statSync(`${WORKER}.v8cache`).size).toBeGreaterThan(10_000);
    const file = path.join(EXPRESS, 'already-explicit.input.js');
    // A worker thread as src/engine/filePool.ts starts one; it says what it compiled once it
    // has analysed one file.
    const inWorker = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(pathToFileURL(path.join(REPO, 'dist', 'bundle', 'fileWorker.js')).href)}).then(() => {
        parentPort.on('message', (message) => {
          if (message.compiled) parentPort.postMessage({ compiled: require(${JSON.stringify(LOADER)}).compiled.map(({ file, cached, cacheRejected }) => ({ file, cached, cacheRejected })) });
        });
        parentPort.postMessage({ ready: true });
      });`;
    const script = `
      const { Worker } = require('node:worker_threads');
      {
        const worker = new Worker(${JSON.stringify(inWorker)}, { eval: true, workerData: { top: ${JSON.stringify(EXPRESS)}, typeBudgetMs: 1000 }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
        const task = { file: ${JSON.stringify(file)}, shown: 'already-explicit.input.js', text: require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'), python: false, mode: 'preserve', types: false, trustPackage: false };
        let outcome;
        worker.on('message', (message) => {
          if (message.ready) worker.postMessage({ id: 0, claim: -1, task });
          else if (message.outcome || message.error) { outcome = message; worker.postMessage({ compiled: true }); }
          else if (message.compiled) { process.stdout.write(JSON.stringify({ compiled: message.compiled, sites: outcome.outcome?.sites?.length ?? -1 })); void worker.terminate(); }
        });
      }`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: REPO });
    expect({ stderr: run.stderr, stdout: run.stdout }).toMatchObject({ stderr: '' });
    const { compiled, sites } = JSON.parse(run.stdout) as { compiled: unknown[]; sites: number };
    expect(compiled).toEqual([
      { file: WORKER, cached: true, cacheRejected: false },
      { file: BABEL, cached: true, cacheRejected: false },
    ]);
    expect(sites).toBeGreaterThan(0);
  });

  it('refused by V8 for Babel and the file worker, leaves the same results, compiled from their sources', () => {
    // The installed layout, in a temporary directory: bin/loadCli.cjs and dist/bundle.
    const root = tempDir('redirect-codemod-cache-');
    cpSync(path.join(REPO, 'bin'), path.join(root, 'bin'), { recursive: true });
    cpSync(path.join(REPO, 'dist', 'bundle'), path.join(root, 'dist', 'bundle'), { recursive: true });
    const babel = path.join(root, 'dist', 'bundle', 'babel-parser', 'index.js');
    for (const [from, to] of [
      [BABEL, babel],
      [WORKER, path.join(root, 'dist', 'bundle', 'fileWorker.cjs')],
    ]) {
      const cache = readFileSync(`${from}.v8cache`);
      cache.fill(0x5a, 0, 64);
      writeFileSync(`${to}.v8cache`, cache);
    }
    const run = (name: string) => [EXPRESS, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off', '--json', path.join(root, `${name}.json`)];
    const refused = start(run('refused'), { cwd: EXPRESS, loader: path.join(root, 'bin', 'loadCli.cjs'), bundle: path.join(root, 'dist', 'bundle', 'cli.cjs') });
    expect(refused.compiled).toEqual([
      { file: path.join(root, 'dist', 'bundle', 'cli.cjs'), cached: true, cacheRejected: false },
      { file: babel, cached: false, cacheRejected: true },
    ]);
    // The same files on a worker thread (REDIRECT_CODEMOD_WORKERS=1), with its cache refused too.
    const inWorker = start(run('worker'), { cwd: EXPRESS, loader: path.join(root, 'bin', 'loadCli.cjs'), bundle: path.join(root, 'dist', 'bundle', 'cli.cjs'), env: { REDIRECT_CODEMOD_WORKERS: '1' } });
    const usual = start(run('usual'), { cwd: EXPRESS });
    expect(usual.compiled.map(({ cached }) => cached)).toEqual([true, true]);
    expect(refused.code).toBe(usual.code);
    expect(refused.out).toBe(usual.out);
    const report = (name: string) => JSON.parse(readFileSync(path.join(root, `${name}.json`), 'utf8')) as { summary: unknown; sites: unknown[] };
    expect(report('refused').summary).toEqual(report('usual').summary);
    expect(report('refused').sites).toEqual(report('usual').sites);
    expect(inWorker.out).toBe(usual.out);
    expect(report('worker').sites).toEqual(report('usual').sites);
    expect(report('usual').sites.length).toBeGreaterThan(10);
    rmSync(root, { recursive: true, force: true }); // a copy of the bundles: ~5 MB
  });
});

describe('the loader', () => {
  it('reads a file that is not ASCII as UTF-8, and an ASCII one the same as UTF-8 would', () => {
    const dir = tempDir('redirect-codemod-loader-');
    const wide = path.join(dir, 'wide.cjs');
    writeFileSync(wide, "module.exports = 'caf\u00e9 \u2192 \u{1F600}';\n");
    const ascii = path.join(dir, 'ascii.cjs');
    writeFileSync(ascii, "module.exports = 'plain \\u00e9';\n");
    const script = `const { loadCached } = require(${JSON.stringify(LOADER)}); process.stdout.write(JSON.stringify([loadCached(${JSON.stringify(wide)}).exports, loadCached(${JSON.stringify(ascii)}).exports]));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['caf\u00e9 \u2192 \u{1F600}', 'plain \u00e9']);
  });
});

describe('a start loads what its command needs', () => {
  it('--version and a usage error load nothing from node_modules', () => {
    expect(start(['--version']).required).toEqual([]);
    expect(start(['check', '--mode', 'adopt', '.']).required).toEqual([]);
  });

  it('check on an empty directory reads no parser and no diff library; a dry run on Python code does', () => {
    const empty = tempDir();
    const check = start(['check', empty], { cwd: empty });
    expect(check.code).toBe(0);
    expect(check.required.filter((file) => /^(web-tree-sitter|diff|@babel|ts-morph|typescript|jscodeshift)\//.test(file))).toEqual([]);
    expect(check.compiled.map(({ file }) => file)).toEqual([BUNDLE]);

    const dry = start([path.join(REPO, 'examples', 'flask-shop'), '--mode', 'adopt', '--dry', '--no-changelog']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/redirects: 8 to rewrite, 1 already explicit, 1 left for review/);
    expect(dry.required).toEqual(expect.arrayContaining(['web-tree-sitter/tree-sitter.cjs', 'diff/libcjs/index.js']));
  });
});
