/**
 * The analysis on worker threads gives exactly what the single-thread path gives, in the same
 * order (REDIRECT_CODEMOD_WORKERS=1 forces the workers on a small tree, =off keeps them off);
 * a file that outlives the per-file budget is skipped and listed, never a hang; SIGTERM and
 * SIGINT stop every command mid-analysis with exit 130.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, runCli, tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

/** The fixtures, plus a handler exported by one module and registered by another (the cross-file pass). */
function fixtureTree(): string {
  const dir = tempDir('redirect-codemod-workers-');
  cpSync(FIXTURES, path.join(dir, 'fixtures'), { recursive: true });
  const app = path.join(dir, 'cross');
  mkdirSync(path.join(app, 'controllers'), { recursive: true });
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'cross', dependencies: { express: '^4.21.0' } }));
  writeFileSync(path.join(app, 'controllers', 'auth.js'), "exports.logout = (req, res) => {\n  res.redirect('/');\n};\n");
  writeFileSync(path.join(app, 'routes.js'), "const express = require('express');\nconst auth = require('./controllers/auth');\nconst router = express.Router();\nrouter.post('/logout', auth.logout);\nmodule.exports = router;\n");
  return dir;
}

function report(dir: string, workers: string): { json: unknown; patch: string; stdout: string } {
  const json = path.join(dir, `report-${workers}.json`);
  const patch = path.join(dir, `patch-${workers}.diff`);
  const run = runCli([dir, '--mode', 'adopt-safe', '--dry', '--no-changelog', '--json', json, '--patch', patch], { env: { REDIRECT_CODEMOD_WORKERS: workers } });
  expect(run.status === 0 || run.status === 3, run.stderr).toBe(true);
  const parsed = JSON.parse(readFileSync(json, 'utf8'));
  if (parsed.typeChecker) parsed.typeChecker.milliseconds = 0;
  return { json: parsed, patch: readFileSync(patch, 'utf8'), stdout: run.stdout.replace(/in [\d.]+ s/g, 'in N s') };
}

describe('worker threads', () => {
  it('give the same report, patch and summary as the single thread, in the same order', () => {
    const dir = fixtureTree();
    const single = report(dir, 'off');
    const workers = report(dir, '1');
    expect((single.json as { sites: unknown[] }).sites.length).toBeGreaterThan(100);
    expect((single.json as { sites: Array<{ file: string }> }).sites).toContainEqual(expect.objectContaining({ file: 'cross/controllers/auth.js', action: 'rewritten' }));
    expect(workers.json).toEqual(single.json);
    expect(workers.patch).toBe(single.patch);
    expect(workers.stdout).toBe(single.stdout);
  }, 120_000);

  it('a file that outlives --file-budget is skipped and listed as taking too long; the others are done', () => {
    const dir = fixtureTree();
    const stuck = 'cross/controllers/auth.js';
    for (const workers of ['1', 'off']) {
      // On the single thread only a large file goes to a worker: make the stuck one large.
      if (workers === 'off') writeFileSync(path.join(dir, stuck), `${readFileSync(path.join(dir, stuck), 'utf8')}${'// padding\n'.repeat(30_000)}`);
      const run = runCli([dir, '--mode', 'preserve', '--dry', '--no-changelog', '--file-budget', '1', '--json', '-'], { env: { REDIRECT_CODEMOD_WORKERS: workers, REDIRECT_CODEMOD_INJECT_HANG: stuck } });
      // 3: the fixtures hold files that do not parse, on purpose.
      expect(run.status, run.stderr).toBe(3);
      const json = JSON.parse(run.stdout);
      expect(json.skipped).toContainEqual({ file: stuck, reason: expect.stringMatching(/^took too long: more than 1 s to analyse/) });
      expect(json.sites.filter((site: { action: string }) => site.action === 'rewritten').length).toBeGreaterThan(50);
      expect(run.stderr).toMatch(/took too long/);
      // Every other file was analysed, those queued behind the stuck one in its worker too.
      const normal = JSON.parse(runCli([dir, '--mode', 'preserve', '--dry', '--no-changelog', '--json', '-'], { env: { REDIRECT_CODEMOD_WORKERS: workers } }).stdout);
      expect(json.sites).toEqual(normal.sites.filter((site: { file: string }) => site.file !== stuck));
      expect(json.errors).toEqual(normal.errors);
    }
  }, 120_000);
});

/** A tree that takes many seconds to analyse: 1,500 Express modules of 40 handlers each. */
function bigTree(): string {
  const dir = tempDir('redirect-codemod-signal-');
  const handlers = Array.from({ length: 40 }, (_, i) => `app.post('/r${i}', (req, res) => {\n  if (req.body.a${i}) return res.redirect('/a${i}');\n  res.redirect('/b${i}');\n});`).join('\n');
  for (let i = 0; i < 1500; i++) {
    const sub = path.join(dir, `pkg${i % 30}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `routes${i}.js`), `const express = require('express');\nconst app = express();\n${handlers}\nmodule.exports = app;\n`);
  }
  return dir;
}

function interrupted(args: string[], signal: NodeJS.Signals, workers: string): Promise<{ status: number | null; afterSignalMs: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', REDIRECT_CODEMOD_WORKERS: workers } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.resume();
    let sentAt = 0;
    // Once the analysis is under way (start-up takes a fraction of that).
    setTimeout(() => {
      sentAt = Date.now();
      child.kill(signal);
    }, 1500);
    child.on('close', (status) => resolve({ status, afterSignalMs: Date.now() - sentAt, stderr }));
  });
}

describe('signals', () => {
  const dir = bigTree();
  const commands: Array<[string, string[]]> = [
    ['run --dry', ['run', dir, '--mode', 'preserve', '--dry', '--no-changelog']],
    ['run', ['run', dir, '--mode', 'preserve', '--no-changelog', '--allow-dirty']],
    ['check', ['check', dir]],
  ];
  for (const [name, args] of commands) {
    for (const workers of ['off', '1']) {
      it(`${name} stops on SIGTERM mid-analysis and exits 130 (${workers === 'off' ? 'single thread' : 'workers'})`, async () => {
        const run = await interrupted(args, 'SIGTERM', workers);
        expect(run.status, run.stderr).toBe(130);
        expect(run.stderr).toMatch(/interrupted/);
        // A limit, not a benchmark: the whole analysis takes far longer than this.
        expect(run.afterSignalMs).toBeLessThan(5000);
      }, 60_000);
    }
  }

  it('SIGINT too', async () => {
    const run = await interrupted(['check', dir], 'SIGINT', 'off');
    expect(run.status, run.stderr).toBe(130);
  }, 60_000);

  it('nothing was written by the interrupted run', () => {
    expect(readFileSync(path.join(dir, 'pkg0', 'routes0.js'), 'utf8')).not.toMatch(/redirect\(30\d/);
  });
});
