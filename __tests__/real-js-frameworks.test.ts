/**
 * Real frameworks as the oracle: each app in __testfixtures__/oracle runs on 127.0.0.1
 * (an ephemeral port) under the real framework version, before and after the rewrite,
 * and answers GET, POST, PUT and DELETE requests (fetch with redirect: 'manual').
 * preserve: every route answers the same status and Location; adopt: 303 where the tool
 * rewrote the call, the explicit route unchanged.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from './helpers/cli.js';
import { listeningPort } from './helpers/servers.js';
import { FIXTURES } from './helpers/fixtures.js';

interface Variant {
  name: string;
  app: string;
  /** node_modules name → the devDependency (an npm alias) that provides that version. */
  modules: Record<string, string>;
  packageJson: Record<string, string>;
  lockedVersions?: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { name: 'Express 4', app: 'express', modules: { express: 'express4' }, packageJson: { express: '^4.21.0' } },
  { name: 'Express 5', app: 'express', modules: { express: 'express5' }, packageJson: { express: '^5.0.0' } },
  { name: 'Fastify 4.27 (code first)', app: 'fastify', modules: { fastify: 'fastify427' }, packageJson: { fastify: '^4.20.0' }, lockedVersions: { fastify: '4.27.0' } },
  { name: 'Fastify 4.29 (url first)', app: 'fastify', modules: { fastify: 'fastify4' }, packageJson: { fastify: '^4.28.0' }, lockedVersions: { fastify: '4.29.1' } },
  { name: 'Fastify 4, version unknown (reply.code)', app: 'fastify', modules: { fastify: 'fastify4' }, packageJson: { fastify: '^4.0.0' } },
  { name: 'Fastify 5', app: 'fastify', modules: { fastify: 'fastify5' }, packageJson: { fastify: '^5.0.0' } },
  { name: 'Fastify 5, version unknown (reply.code)', app: 'fastify', modules: { fastify: 'fastify5' }, packageJson: { fastify: '>=4' } },
  { name: 'Hono', app: 'hono', modules: { hono: 'hono', '@hono/node-server': '@hono/node-server' }, packageJson: { hono: '^4.0.0' } },
  { name: 'Koa', app: 'koa', modules: { koa: 'koa' }, packageJson: { koa: '^2.15.0' } },
  { name: 'hapi', app: 'hapi', modules: { '@hapi/hapi': '@hapi/hapi' }, packageJson: { '@hapi/hapi': '^21.0.0' } },
];

const ROUTES: Array<[method: string, path: string]> = [
  ['GET', '/get'],
  ['POST', '/post'],
  ['PUT', '/put'],
  ['DELETE', '/delete'],
  ['GET', '/explicit'],
];

interface Answer {
  route: string;
  status: number;
  location: string | null;
}

/** A project directory with the app, its package.json (and lockfile) and the framework linked in. */
function project(variant: Variant, appFile: string): string {
  const dir = tempDir('redirect-codemod-oracle-');
  copyFileSync(path.join(FIXTURES, 'oracle', appFile), path.join(dir, 'app.mjs'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'oracle', private: true, type: 'module', dependencies: variant.packageJson }, null, 2));
  if (variant.lockedVersions) {
    const packages = Object.fromEntries(Object.entries(variant.lockedVersions).map(([name, version]) => [`node_modules/${name}`, { version }]));
    writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'oracle', lockfileVersion: 3, packages }, null, 2));
  }
  for (const [name, provider] of Object.entries(variant.modules)) {
    const link = path.join(dir, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules', provider), link, 'dir');
  }
  return dir;
}

/** A copy of a fixture tree with the node_modules links npm install would make (name → target; the copy's directory given). */
function linkedCopy(fixture: string, links: (dir: string) => Record<string, string>): string {
  const dir = tempDir(`redirect-codemod-oracle-${fixture}-`);
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  for (const [name, target] of Object.entries(links(dir))) {
    const link = path.join(dir, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  return dir;
}

/** What one request got: its status and Location. */
type ServerAnswer = { status: number; location: string | null };

/** The status and Location each request gets from `node <entry>` run in `cwd` (started, asked, stopped). */
async function serverAnswers(cwd: string, requests: ReadonlyArray<{ method: string; path: string; headers?: Record<string, string> }>, entry = 'src/server.js'): Promise<ServerAnswer[]> {
  const child = spawn(process.execPath, [entry], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await listeningPort(child);
    const found = [];
    for (const request of requests) {
      const response = await fetch(`http://127.0.0.1:${port}${request.path}`, { method: request.method, headers: request.headers ?? {}, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      found.push({ status: response.status, location: response.headers.get('location') });
    }
    return found;
  } finally {
    child.kill();
  }
}

/** Starts the app, asks every route, stops the app. */
/**
 * The app's answers after preserve are the ones before; after adopt every 302 is a 303; a second
 * adopt run changes nothing. `counts`: the preserve run's summary; `explicit`: the second run's.
 */
async function expectPreserveThenAdopt(copy: () => string, answers: (dir: string) => Promise<ServerAnswer[]>, before: ServerAnswer[], counts: RegExp, explicit: RegExp): Promise<void> {
  const preserved = copy();
  const preserveRun = runCli([preserved, '--mode', 'preserve', '--no-changelog', '--types', 'off']);
  expect(preserveRun.status, preserveRun.stdout + preserveRun.stderr).toBe(0);
  expect(preserveRun.stdout).toMatch(counts);
  expect(await answers(preserved)).toEqual(before);

  const adopted = copy();
  expect(runCli([adopted, '--mode', 'adopt', '--no-changelog', '--types', 'off']).status).toBe(0);
  expect(await answers(adopted)).toEqual(before.map((answer) => (answer.status === 302 ? { ...answer, status: 303 } : answer)));
  // The second run changes nothing.
  const again = runCli([adopted, '--mode', 'adopt', '--no-changelog', '--types', 'off', '--allow-dirty']);
  expect(again.stdout).toMatch(explicit);
}

async function ask(dir: string): Promise<Answer[]> {
  const answers = await serverAnswers(dir, ROUTES.map(([method, route]) => ({ method, path: route })), 'app.mjs');
  return answers.map((answer, i) => ({ route: ROUTES[i]!.join(' '), ...answer }));
}

describe('real frameworks answer before and after the rewrite', () => {
  for (const variant of VARIANTS) {
    it(`${variant.name}: 302 before, the same after preserve, 303 after adopt`, async () => {
      const before = await ask(project(variant, `${variant.app}.app.mjs`));
      expect(before.map((a) => a.status)).toEqual([302, 302, 302, 302, 301]);
      expect(before.every((a) => a.location?.endsWith(`/target/${a.route.split('/')[1] === 'explicit' ? 'explicit' : a.route.split(' /')[1]}`))).toBe(true);

      const preserved = project(variant, `${variant.app}.app.mjs`);
      const preserveRun = runCli([preserved, '--mode', 'preserve', '--no-changelog']);
      expect(preserveRun.status, preserveRun.stdout + preserveRun.stderr).toBe(0);
      expect(preserveRun.stdout).toMatch(/4 rewritten, 1 already explicit, 0 left for review/);
      expect(await ask(preserved)).toEqual(before);

      const adopted = project(variant, `${variant.app}.app.mjs`);
      expect(runCli([adopted, '--mode', 'adopt', '--no-changelog']).status).toBe(0);
      const after = await ask(adopted);
      expect(after.map((a) => a.status)).toEqual([303, 303, 303, 303, 301]);
      expect(after.map((a) => a.location)).toEqual(before.map((a) => a.location));
    }, 60_000);
  }

  it('React Router redirect() and Response.redirect(): the Response carries 302, the same after preserve, 303 after adopt', () => {
    const variant: Variant = { name: 'React Router', app: 'react-router', modules: { 'react-router': 'react-router' }, packageJson: { 'react-router': '^7.0.0' } };
    const run = (dir: string) => {
      const result = spawnSync(process.execPath, ['app.mjs'], { cwd: dir, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return JSON.parse(result.stdout) as Record<string, { status: number; location: string; from: string | null }>;
    };
    const before = run(project(variant, 'react-router.app.mjs'));
    expect(Object.values(before).map((r) => r.status)).toEqual([302, 302, 302, 302, 302, 301]);

    const preserved = project(variant, 'react-router.app.mjs');
    expect(runCli([preserved, '--mode', 'preserve', '--no-changelog']).stdout).toMatch(/5 rewritten, 1 already explicit/);
    expect(run(preserved)).toEqual(before);

    const adopted = project(variant, 'react-router.app.mjs');
    expect(runCli([adopted, '--mode', 'adopt', '--no-changelog']).status).toBe(0);
    const after = run(adopted);
    expect(Object.values(after).map((r) => r.status)).toEqual([303, 303, 303, 303, 303, 301]);
    expect(after.withHeaders!.from).toBe('loader');
  });
});

/**
 * An Express app written the way real ones are (issue 13's shapes 1-4), in a workspace whose
 * member lists no framework (shape 6): controllers declared then exported, a class instance
 * with bound methods, a project wrapper, middleware in a framework-free file, arrays of
 * middleware. Run under the real Express 5 before and after each mode.
 */
describe('an app made of controllers, wrappers and middleware in their own modules (workspace member, no node_modules of its own)', () => {
  const REQUESTS: Array<{ method: string; path: string; headers: Record<string, string> }> = [
    { method: 'POST', path: '/newsletter', headers: {} }, // requireLogin redirects
    { method: 'POST', path: '/newsletter', headers: { 'x-user': 'ann' } }, // subscribe redirects
    { method: 'GET', path: '/account', headers: { 'x-user': 'ann', 'x-guest': '1' } }, // show redirects
    { method: 'GET', path: '/account', headers: { 'x-user': 'ann' } }, // show answers 200
    { method: 'DELETE', path: '/account', headers: { 'x-user': 'ann' } }, // remove redirects
  ];

  const workspace = () => linkedCopy('multi-file', () => ({ express: path.join(REPO, 'node_modules', 'express5') }));
  const answers = (dir: string) => serverAnswers(path.join(dir, 'packages', 'web'), REQUESTS);

  it('302 before, the same after preserve, 303 after adopt; every call proved, none for review', async () => {
    const before = await answers(workspace());
    expect(before).toEqual([
      { status: 302, location: '/login' },
      { status: 302, location: '/newsletter/thanks' },
      { status: 302, location: '/login' },
      { status: 200, location: null },
      { status: 302, location: '/goodbye' },
    ]);

    await expectPreserveThenAdopt(workspace, answers, before, /4 rewritten, 0 already explicit, 0 left for review/, /0 rewritten, 4 already explicit/);
  }, 60_000);
});

/**
 * A hapi service in the shapes real ones use (__testfixtures__/hapi-app): controllers picking an
 * action from a dispatch table, a helper in another module given the handler's `h`, a plugin
 * decorating the toolkit (`this.redirect`), and `h.response().code(301).redirect()` (which hapi
 * answers with 302). Every redirect-shaped call is labelled by hand (`// expect: ...`); the app
 * runs under the real hapi 21 before and after each mode.
 */
describe('a hapi service with dispatch tables, helpers given h in other modules and a toolkit decoration', () => {
  const TREE = path.join(FIXTURES, 'hapi-app');
  const REQUESTS: Array<{ method: string; path: string }> = [
    { method: 'GET', path: '/permits/7' }, // sendToPermit in lib/
    { method: 'GET', path: '/permits/7?view=list' },
    { method: 'POST', path: '/decision?action=approve' }, // through the table
    { method: 'POST', path: '/decision?action=reject' },
    { method: 'POST', path: '/decision?action=other' }, // 400, no redirect
    { method: 'POST', path: '/form' }, // h.backToForm(): the decoration's this.redirect
    { method: 'GET', path: '/old-permits' }, // .code(301).redirect(): 302
    { method: 'GET', path: '/explicit' }, // .permanent(): 301
  ];

  const service = () => linkedCopy('hapi-app', () => ({ '@hapi/hapi': path.join(REPO, 'node_modules', '@hapi', 'hapi') }));
  const answers = (dir: string) => serverAnswers(dir, REQUESTS);

  /** `file:line` → the outcome written beside the call. */
  function labels(): Map<string, string> {
    const found = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.js')) {
          readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
            const label = /\/\/ expect: ([\w-]+)/.exec(line);
            if (label) found.set(`${path.relative(TREE, file).split(path.sep).join('/')}:${i + 1}`, label[1]!);
          });
        }
      }
    };
    walk(TREE);
    return found;
  }

  it('reports every call as labelled by hand', () => {
    const run = runCli(['check', service(), '--format', 'json', '--types', 'off']);
    const report = JSON.parse(run.stdout) as { sites: Array<{ file: string; line: number; action: string }>; notFramework: Array<{ file: string; line: number }> };
    const seen = Object.fromEntries([...report.sites.map((s) => [`${s.file}:${s.line}`, s.action]), ...report.notFramework.map((c) => [`${c.file}:${c.line}`, 'not-framework'])]);
    expect(seen).toEqual(Object.fromEntries(labels()));
  });

  it('302 before, the same after preserve, 303 after adopt; the 400 and the 301 unchanged', async () => {
    const before = await answers(service());
    expect(before).toEqual([
      { status: 302, location: '/permits/7' },
      { status: 302, location: '/permits' },
      { status: 302, location: '/approved' },
      { status: 302, location: '/rejected' },
      { status: 400, location: null },
      { status: 302, location: '/form?error=1' },
      { status: 302, location: '/permits' },
      { status: 301, location: '/permits' },
    ]);

    await expectPreserveThenAdopt(service, answers, before, /6 rewritten, 1 already explicit, 2 left for review/, /0 rewritten, 7 already explicit/);
  }, 60_000);
});

/**
 * The same shapes on Koa (__testfixtures__/koa-modules): controllers declared then exported, a
 * class instance's bound method, the project's wrapper, a middleware in a framework-free file
 * and a library package's middleware registered by the site, all on `new Router()` from
 * @koa/router. Run under the real Koa and @koa/router before and after each mode.
 */
describe('a Koa app made of controllers, a wrapper and middleware in their own modules (npm workspace, no node_modules)', () => {
  const REQUESTS: Array<{ method: string; path: string; headers: Record<string, string>; reaches: 'GET/POST' | 'DELETE' | 'none' }> = [
    { method: 'GET', path: '/account', headers: {}, reaches: 'GET/POST' }, // requireLogin (GET, POST)
    { method: 'GET', path: '/account', headers: { 'x-user': 'ann', 'x-unverified': '1' }, reaches: 'GET/POST' }, // show (GET)
    { method: 'GET', path: '/account', headers: { 'x-user': 'ann' }, reaches: 'none' }, // show answers 200
    { method: 'POST', path: '/account', headers: { 'x-user': 'ann' }, reaches: 'GET/POST' }, // update through wrap (POST)
    { method: 'DELETE', path: '/session', headers: {}, reaches: 'DELETE' }, // destroy (DELETE)
    { method: 'GET', path: '/admin', headers: {}, reaches: 'DELETE' }, // requireAdmin (GET and DELETE)
    { method: 'GET', path: '/admin', headers: { 'x-role': 'admin' }, reaches: 'none' }, // 200
  ];

  // What npm install would link: the frameworks, and the workspace's own library.
  const workspace = () =>
    linkedCopy('koa-modules', (dir) => ({ koa: path.join(REPO, 'node_modules', 'koa'), '@koa/router': path.join(REPO, 'node_modules', '@koa', 'router'), '@shop/guards': path.join(dir, 'packages', 'guards') }));
  const answers = (dir: string) => serverAnswers(path.join(dir, 'packages', 'site'), REQUESTS);

  it('302 before; the same after preserve; 303 after adopt; 303 after adopt-safe where only GET/POST reach the call', async () => {
    const before = await answers(workspace());
    expect(before).toEqual([
      { status: 302, location: '/login' },
      { status: 302, location: '/verify' },
      { status: 200, location: null },
      { status: 302, location: '/account' },
      { status: 302, location: '/goodbye' },
      { status: 302, location: '/denied' },
      { status: 200, location: null },
    ]);

    await expectPreserveThenAdopt(workspace, answers, before, /5 rewritten, 0 already explicit, 0 left for review/, /0 rewritten, 5 already explicit/);

    const safe = workspace();
    expect(runCli([safe, '--mode', 'adopt-safe', '--no-changelog', '--types', 'off']).status).toBe(0);
    expect(await answers(safe)).toEqual(before.map((answer, i) => (answer.status === 302 && REQUESTS[i]!.reaches === 'GET/POST' ? { ...answer, status: 303 } : answer)));
  }, 90_000);
});
