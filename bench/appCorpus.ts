/**
 * Benchmark corpus (e): application code. A seeded generator writes a monorepo of N
 * packages, each with a package.json naming its framework, a tsconfig.json, route files,
 * controllers in their own modules (registered by the routes, across files), middleware, a
 * wrapper, services and models without redirects, and tests — about one file in three holds
 * a redirect. No node_modules: what a fresh clone looks like.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small, fast, seeded generator; the same seed writes the same corpus. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Framework = 'express' | 'koa' | 'fastify' | 'hono' | 'nest';
const FRAMEWORKS: Framework[] = ['express', 'express', 'koa', 'fastify', 'hono', 'nest'];
const DEPENDENCY: Record<Framework, Record<string, string>> = {
  express: { express: '^4.21.2', 'express-session': '^1.18.1' },
  koa: { koa: '^2.15.3', '@koa/router': '^13.1.0' },
  fastify: { fastify: '^5.2.0' },
  hono: { hono: '^4.6.0', '@hono/node-server': '^1.13.0' },
  nest: { '@nestjs/common': '^10.4.0', '@nestjs/core': '^10.4.0', '@nestjs/platform-express': '^10.4.0' },
};
const NOUNS = ['user', 'order', 'invoice', 'product', 'cart', 'session', 'report', 'team', 'project', 'ticket', 'comment', 'upload', 'billing', 'profile', 'search'];

/** Ten or so lines of ordinary logic, different every time: what surrounds the calls in real handlers. */
function logic(rnd: () => number, name: string, depth = 2): string {
  const lines: string[] = [];
  const n = 3 + Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) {
    const v = `${name}${i}`;
    const pick = Math.floor(rnd() * 5);
    if (pick === 0) lines.push(`const ${v} = items.filter((item) => item.id !== ${Math.floor(rnd() * 1000)}).map((item) => ({ ...item, seen: true }));`);
    else if (pick === 1) lines.push(`const ${v} = await store.find({ where: { owner: input.owner, state: '${NOUNS[i % NOUNS.length]}' }, limit: ${10 + i} });`);
    else if (pick === 2) lines.push(`const ${v} = input.values.reduce((sum, value) => sum + value * ${i + 1}, 0);`);
    else if (pick === 3) lines.push(`if (input.flags.includes('${v}')) {\n    log.info('${name} flag ${i}', { at: Date.now() });\n  }`);
    else lines.push(`const ${v} = JSON.stringify({ id: input.id, kind: '${name}', n: ${i} });`);
  }
  if (depth > 0 && rnd() < 0.5) lines.push(`for (const entry of items) {\n    ${logic(rnd, `${name}x`, depth - 1).split('\n').join('\n    ')}\n  }`);
  return lines.join('\n  ');
}

function controller(fw: Framework, noun: string, rnd: () => number, redirects: boolean): string {
  const header = `// ${noun} controller\nimport { store, log } from '../lib/store';\nconst items: Array<{ id: number; seen?: boolean }> = [];\n`;
  const actions = ['list', 'show', 'create', 'update', 'remove'];
  const body = (action: string, i: number) => {
    const go = redirects && i % 2 === 0;
    const input = fw === 'koa' ? 'ctx.request.body as any' : fw === 'hono' ? 'await c.req.json()' : 'req.body';
    const done =
      fw === 'express' || fw === 'nest'
        ? go ? `res.redirect('/${noun}s/' + input.id);` : `res.json({ ok: true });`
        : fw === 'koa'
          ? go ? `ctx.redirect('/${noun}s');` : `ctx.body = { ok: true };`
          : fw === 'fastify'
            ? go ? `return reply.redirect('/${noun}s');` : `return reply.send({ ok: true });`
            : go ? `return c.redirect('/${noun}s');` : `return c.json({ ok: true });`;
    return `  const input = ${input};\n  ${logic(rnd, action)}\n  ${done}`;
  };
  const params = { express: 'req, res', nest: 'req, res', koa: 'ctx', fastify: 'req, reply', hono: 'c' }[fw];
  if (fw === 'nest') {
    return `import { Controller, Get, Post, Req, Res${redirects ? ', Redirect' : ''} } from '@nestjs/common';\nimport type { Request, Response } from 'express';\n${header.split('\n').slice(1).join('\n')}\n@Controller('${noun}s')\nexport class ${cap(noun)}Controller {\n${actions
      .map((a, i) => `  @${i % 2 ? 'Get' : 'Post'}('${a}')\n${redirects && i === 4 ? `  @Redirect('/${noun}s')\n` : ''}  async ${a}(@Req() req: Request, @Res() res: Response) {\n  ${body(a, i).split('\n').join('\n  ')}\n  }`)
      .join('\n\n')}\n}\n`;
  }
  return `${header}\n${actions.map((a, i) => `export async function ${a}${cap(noun)}(${params}: any) {\n${body(a, i)}\n}`).join('\n\n')}\n`;
}

function routes(fw: Framework, nouns: string[]): string {
  const imports = nouns.map((n) => `import * as ${n} from '../controllers/${n}';`).join('\n');
  const lines = nouns.flatMap((n) => ['list', 'show', 'create', 'update', 'remove'].map((a, i) => `router.${['get', 'get', 'post', 'put', 'delete'][i]}('/${n}s/${a}', ${n}.${a}${cap(n)});`));
  const home = `/${nouns[0]}s/list`;
  if (fw === 'express') return `import { Router } from 'express';\nimport { requireLogin } from '../middleware/auth';\n${imports}\n\nexport const router = Router();\nrouter.use(requireLogin);\nrouter.get('/', (req, res) => res.redirect('${home}'));\n${lines.join('\n')}\n`;
  if (fw === 'koa') return `import Router from '@koa/router';\n${imports}\n\nexport const router = new Router();\nrouter.get('/', (ctx) => ctx.redirect('${home}'));\n${lines.join('\n')}\n`;
  if (fw === 'fastify') return `import type { FastifyInstance } from 'fastify';\n${imports}\n\nexport async function register(router: FastifyInstance) {\n  router.get('/', (req, reply) => reply.redirect('${home}'));\n  ${lines.join('\n  ')}\n}\n`;
  return `import { Hono } from 'hono';\n${imports}\n\nexport const router = new Hono();\nrouter.get('/', (c) => c.redirect('${home}'));\n${lines.join('\n')}\n`;
}

function middleware(fw: Framework): string {
  if (fw === 'koa') return `import type { Context, Next } from 'koa';\n\nexport async function requireLogin(ctx: Context, next: Next) {\n  if (!ctx.session?.user) {\n    ctx.redirect('/login?next=' + encodeURIComponent(ctx.path));\n    return;\n  }\n  await next();\n}\n`;
  if (fw === 'fastify') return `import type { FastifyReply, FastifyRequest } from 'fastify';\n\nexport async function requireLogin(req: FastifyRequest, reply: FastifyReply) {\n  if (!(req as any).user) return reply.redirect('/login');\n}\n`;
  if (fw === 'hono') return `import type { Context, Next } from 'hono';\n\nexport async function requireLogin(c: Context, next: Next) {\n  if (!c.get('user')) return c.redirect('/login');\n  await next();\n}\n`;
  return `import type { NextFunction, Request, Response } from 'express';\n\nexport function requireLogin(req: Request, res: Response, next: NextFunction) {\n  if (!(req as any).session?.user) return res.redirect('/login?next=' + encodeURIComponent(req.originalUrl));\n  next();\n}\n`;
}

/** A helper module that redirects for its callers: its parameter is typed, or only the package.json tells. */
function back(fw: Framework): string {
  if (fw === 'koa') return `import type { Context } from 'koa';\n\nexport function back(ctx: Context, fallback = '/') {\n  ctx.redirect(ctx.get('Referrer') || fallback);\n}\n`;
  if (fw === 'fastify') return `export function back(reply: any, fallback = '/') {\n  return reply.redirect(fallback);\n}\n`;
  if (fw === 'hono') return `import type { Context } from 'hono';\n\nexport const back = (c: Context, fallback = '/') => c.redirect(c.req.header('Referer') ?? fallback);\n`;
  return `import type { Response } from 'express';\n\nexport function back(res: Response, fallback = '/') {\n  return res.redirect(fallback);\n}\n`;
}

const WRAPPER = `// Turns a rejected promise into next(error).\nexport const asyncHandler = (fn: (...args: any[]) => Promise<unknown>) => (...args: any[]) => {\n  const next = args[args.length - 1];\n  return fn(...args).catch(next);\n};\n`;

function plain(kind: 'service' | 'model' | 'util', noun: string, rnd: () => number): string {
  const fns = 3 + Math.floor(rnd() * 4);
  return `// ${noun} ${kind}\nimport { store, log } from '../lib/store';\nconst items: Array<{ id: number; seen?: boolean }> = [];\n\n${Array.from(
    { length: fns },
    (_, i) => `export async function ${kind}${cap(noun)}${i}(input: any) {\n  ${logic(rnd, `${kind}${i}`)}\n  return { input, total: items.length };\n}`,
  ).join('\n\n')}\n`;
}

function test(fw: Framework, noun: string): string {
  return `import { describe, it, expect, vi } from 'vitest';\nimport * as ${noun} from '../src/controllers/${noun}';\n\ndescribe('${noun}', () => {\n  it('exports its actions', () => {\n    expect(Object.keys(${noun})).not.toHaveLength(0);\n  });\n  it('redirects after create (${fw})', async () => {\n    const res = { redirect: vi.fn(), json: vi.fn() };\n    expect(typeof ${noun}).toBe('object');\n    expect(res.redirect).not.toHaveBeenCalled();\n  });\n});\n`;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Writes `packages` packages under `dir`; returns the number of source files written. */
export function writeAppCorpus(dir: string, packages: number, seed = 14): number {
  const rnd = random(seed);
  let files = 0;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (/\.[jt]sx?$/.test(file)) files++;
  };
  write(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }, null, 2)}\n`);
  write(path.join(dir, 'tsconfig.base.json'), `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, esModuleInterop: true, experimentalDecorators: true } }, null, 2)}\n`);
  for (let p = 0; p < packages; p++) {
    const fw = FRAMEWORKS[Math.floor(rnd() * FRAMEWORKS.length)]!;
    const root = path.join(dir, 'packages', `service-${p}`);
    write(path.join(root, 'package.json'), `${JSON.stringify({ name: `@corp/service-${p}`, version: '1.0.0', dependencies: DEPENDENCY[fw], devDependencies: { typescript: '^5.6.0', vitest: '^2.1.0' } }, null, 2)}\n`);
    write(path.join(root, 'tsconfig.json'), `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test'] }, null, 2)}\n`);
    const nouns = NOUNS.filter(() => rnd() < 0.45).slice(0, 6);
    if (nouns.length === 0) nouns.push('user');
    // Controllers redirect (after a create or an update); one in six only answers JSON.
    for (const [i, noun] of nouns.entries()) write(path.join(root, 'src', 'controllers', `${noun}.ts`), controller(fw, noun, rnd, i % 6 !== 5));
    if (fw !== 'nest') {
      write(path.join(root, 'src', 'routes', 'index.ts'), routes(fw, nouns));
      write(path.join(root, 'src', 'middleware', 'auth.ts'), middleware(fw));
    } else {
      write(path.join(root, 'src', 'app.module.ts'), `import { Module } from '@nestjs/common';\n${nouns.map((n) => `import { ${cap(n)}Controller } from './controllers/${n}';`).join('\n')}\n\n@Module({ controllers: [${nouns.map((n) => `${cap(n)}Controller`).join(', ')}] })\nexport class AppModule {}\n`);
    }
    write(path.join(root, 'src', 'lib', 'wrap.ts'), WRAPPER);
    write(path.join(root, 'src', 'lib', 'back.ts'), back(fw));
    write(path.join(root, 'src', 'lib', 'store.ts'), `export const store = { async find(query: unknown) { return [query]; } };\nexport const log = { info(...args: unknown[]) { void args; } };\n`);
    for (const [i, noun] of nouns.entries()) {
      write(path.join(root, 'src', 'services', `${noun}.ts`), plain('service', noun, rnd));
      if (i % 2 === 0) write(path.join(root, 'src', 'models', `${noun}.ts`), plain('model', noun, rnd));
      write(path.join(root, 'test', `${noun}.test.ts`), test(fw, noun));
    }
    write(path.join(root, 'src', 'utils', 'format.ts'), plain('util', 'format', rnd));
  }
  return files;
}

export interface AppCorpus {
  name: string;
  dir: string;
  files: number;
  bytes: number;
  js: boolean;
}

/** Packages at 1x; 2x and 4x double and quadruple them. */
const PACKAGES_1X = 60;

/** Corpus (e) at 1x, 2x and 4x under `work`. */
export function appCorpora(work: string, sourceStats: (dir: string, python: boolean) => { files: number; bytes: number }): AppCorpus[] {
  return [1, 2, 4].map((scale) => {
    const dir = path.join(work, `e-apps-${scale}x`);
    writeAppCorpus(dir, PACKAGES_1X * scale);
    return { name: `(e) apps ${scale}x`, dir, js: true, ...sourceStats(dir, false) };
  });
}

/**
 * The rows of corpus (e): ours with the default options (types on), ours with --types off,
 * ast-grep's one-pattern search with its default threads, jscodeshift (at 1x: minutes
 * otherwise), and `git grep -l` as the floor.
 */
export function appTools(corpus: AppCorpus, bin: string, repo: string, quick: boolean): Array<[string, string, string[]]> {
  const json = path.join(path.dirname(corpus.dir), 'e-report.json');
  const rows: Array<[string, string, string[]]> = [
    ['redirect-codemod run (default)', process.execPath, [bin, 'run', corpus.dir, '--mode', 'preserve', '--dry', '--no-changelog', '--json', json]],
    ['redirect-codemod run --types off', process.execPath, [bin, 'run', corpus.dir, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off', '--json', json]],
    ['ast-grep run -p $R.redirect($A)', path.join(repo, 'node_modules', '.bin', 'ast-grep'), ['run', '-p', '$R.redirect($A)', corpus.dir]],
    ['git grep -l redirect', 'git', ['-C', corpus.dir, 'grep', '--no-index', '-l', '-e', 'redirect', '--', '.']],
  ];
  if (!quick && corpus.name.startsWith('(e) apps 1x')) {
    rows.splice(3, 0, [
      'jscodeshift (this transform)',
      process.execPath,
      [path.join(repo, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js'), '-t', path.join(repo, 'transforms', 'redirect.cjs'), '--extensions=js,jsx,mjs,cjs,ts,tsx', '--parser=tsx', '--mode=preserve', '--dry', '--silent', corpus.dir],
    ]);
  }
  return rows;
}

interface Row {
  corpus: string;
  tool: string;
  wall: number;
  rss: number;
}

/** The issue's targets on (e) 4x and corpus (a), each with its measured value and whether it holds. */
export function targetLines(results: readonly Row[]): string[] {
  const find = (corpus: string, tool: string) => results.find((r) => r.corpus.startsWith(corpus) && r.tool.startsWith(tool));
  const lines: string[] = [];
  const check = (what: string, value: number | undefined, holds: (v: number) => boolean, shown: (v: number) => string) => {
    if (value !== undefined && Number.isFinite(value)) lines.push(`  ${holds(value) ? 'met ' : 'MISS'}  ${what}: ${shown(value)}`);
  };
  const ours1 = find('(e) apps 1x', 'redirect-codemod run (default)');
  const ours4 = find('(e) apps 4x', 'redirect-codemod run (default)');
  const grep4 = find('(e) apps 4x', 'ast-grep');
  check('(e) 4x: faster than ast-grep (>= 2x)', ours4 && grep4 && grep4.wall / ours4.wall, (v) => v >= 2, (v) => `${v.toFixed(2)}x`);
  check('(e) 4x: peak RSS (<= 300 MB)', ours4?.rss, (v) => v <= 300, (v) => `${Math.round(v)} MB`);
  check('(e) 1x → 4x: time (<= 4.4x)', ours1 && ours4 && ours4.wall / ours1.wall, (v) => v <= 4.4, (v) => `${v.toFixed(2)}x`);
  const oursA = find('(a)', 'redirect-codemod run --dry');
  check('(a): faster than jscodeshift (>= 50x)', oursA && find('(a)', 'jscodeshift') && find('(a)', 'jscodeshift')!.wall / oursA.wall, (v) => v >= 50, (v) => `${v.toFixed(1)}x`);
  check('(a): faster than ast-grep (>= 2x)', oursA && find('(a)', 'ast-grep') && find('(a)', 'ast-grep')!.wall / oursA.wall, (v) => v >= 2, (v) => `${v.toFixed(1)}x`);
  check('(a): within 4x of git grep -l', oursA && find('(a)', 'git grep') && oursA.wall / find('(a)', 'git grep')!.wall, (v) => v <= 4, (v) => `${v.toFixed(1)}x`);
  return lines;
}
