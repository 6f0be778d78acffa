/**
 * adopt-safe under real clients: after the rewrite, fetch (which keeps PUT/DELETE across a 302
 * and turns everything into GET after a 303) lands on the same final method and URL as before,
 * on every route, for each route's own method and for DELETE — under real Flask (Debian's) and
 * real Express. Plain adopt, for contrast, changes where DELETE and PUT land.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';
import { listeningPort } from './helpers/servers.js';

const PYTHON = process.env.REDIRECT_CODEMOD_FLASK_PYTHON || '/usr/bin/python3';
const hasFlask = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import flask'], { encoding: 'utf8' }).status === 0;
const REQUIRE = process.env.REDIRECT_CODEMOD_REQUIRE_FLASK === '1';

const ROUTES: Array<[string, string]> = [
  ['GET', '/read'],
  ['POST', '/form'],
  ['PUT', '/replace'],
  ['DELETE', '/remove'],
  ['GET', '/either'],
];

interface Landing {
  request: string;
  status: number;
  url: string;
  body: string;
}

/** Where fetch lands, following redirects, for each route's own method and for DELETE. */
async function landings(child: ChildProcess): Promise<Landing[]> {
  try {
    const port = await listeningPort(child);
    const result: Landing[] = [];
    for (const [own, route] of ROUTES) {
      for (const method of new Set([own, 'DELETE'])) {
        const response = await fetch(`http://127.0.0.1:${port}${route}`, { method, redirect: 'follow', signal: AbortSignal.timeout(10_000) });
        const body = await response.text();
        result.push({ request: `${method} ${route}`, status: response.status, url: new URL(response.url).pathname, body: response.ok ? body : '' });
      }
    }
    return result;
  } finally {
    child.kill();
  }
}

function flaskProject(): string {
  const dir = tempDir('redirect-codemod-risk-');
  copyFileSync(path.join(FIXTURES, 'oracle', 'flask_risk_app.py'), path.join(dir, 'risk_app.py'));
  return dir;
}

function expressProject(): string {
  const dir = tempDir('redirect-codemod-risk-');
  copyFileSync(path.join(FIXTURES, 'oracle', 'express-risk.app.mjs'), path.join(dir, 'app.mjs'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(path.join(REPO, 'node_modules', 'express5'), path.join(dir, 'node_modules', 'express'), 'dir');
  return dir;
}

const serveFlask = (dir: string) => spawn(PYTHON, ['-B', path.join(REPO, '__tests__', 'oracle', 'serve_flask.py'), dir, 'risk_app'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
const serveExpress = (dir: string) => spawn(process.execPath, ['app.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

const SERVERS: Array<[string, () => string, (dir: string) => ChildProcess, boolean]> = [
  ['Flask', flaskProject, serveFlask, hasFlask || REQUIRE],
  ['Express 5', expressProject, serveExpress, true],
];

describe('adopt-safe: clients land on the same method and URL', () => {
  for (const [name, project, serve, enabled] of SERVERS) {
    it.runIf(enabled)(`${name}: the same landings after adopt-safe, different ones after adopt`, async () => {
      const before = await landings(serve(project()));
      expect(before.find((l) => l.request === 'DELETE /remove')).toMatchObject({ status: 200, url: '/echo', body: 'DELETE' });
      expect(before.find((l) => l.request === 'PUT /replace')).toMatchObject({ url: '/echo', body: 'PUT' });
      expect(before.find((l) => l.request === 'POST /form')).toMatchObject({ url: '/echo', body: 'GET' });

      const safe = project();
      const run = runCli([safe, '--mode', 'adopt-safe', '--no-changelog']);
      expect(run.status, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/Kept at 302 by adopt-safe \(3\)/);
      expect(await landings(serve(safe))).toEqual(before);

      const adopted = project();
      expect(runCli([adopted, '--mode', 'adopt', '--no-changelog']).status).toBe(0);
      const after = await landings(serve(adopted));
      expect(after.find((l) => l.request === 'DELETE /remove')).toMatchObject({ url: '/echo', body: 'GET' });
      expect(after.find((l) => l.request === 'PUT /replace')).toMatchObject({ url: '/echo', body: 'GET' });
    }, 60_000);
  }
});
