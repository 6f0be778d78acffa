/**
 * A TypeScript project where only type information identifies the call: the Hono app comes
 * from a factory in another module (and the package depends on two frameworks), and React
 * Router's redirect is re-exported by a project module. With the type checker both are
 * rewritten; with --types off the first goes to review and the second is not recognised.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

const FIXTURE = path.join(FIXTURES, 'typescript-project', 'hono-factory');

function project(installed = true): string {
  const dir = tempDir('redirect-codemod-ts-');
  cpSync(FIXTURE, dir, { recursive: true });
  for (const name of ['routes', 'loader']) {
    renameSync(path.join(dir, 'src', `${name}.input.ts`), path.join(dir, 'src', `${name}.ts`));
    rmSync(path.join(dir, 'src', `${name}.preserve.output.ts`));
    rmSync(path.join(dir, 'src', `${name}.adopt.output.ts`));
  }
  if (!installed) return dir;
  mkdirSync(path.join(dir, 'node_modules'));
  for (const name of ['hono', 'react-router']) symlinkSync(path.join(REPO, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  return dir;
}

describe('the type checker decides what syntax cannot', () => {
  for (const mode of ['preserve', 'adopt'] as const) {
    it(`rewrites what ts-morph ties to Hono and React Router (${mode})`, () => {
      const dir = project();
      const run = runCli([dir, '--mode', mode, '--no-changelog', '--json', path.join(dir, 'report.json')]);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      for (const name of ['routes', 'loader']) {
        expect(readFileSync(path.join(dir, 'src', `${name}.ts`), 'utf8')).toBe(readFileSync(path.join(FIXTURE, 'src', `${name}.${mode}.output.ts`), 'utf8'));
      }
      const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      expect(report.sites).toEqual([
        expect.objectContaining({ file: 'src/loader.ts', framework: 'react-router', action: 'rewritten', reason: expect.stringMatching(/proved by type checker \(declared as react-router\.redirect\)/) }),
        expect.objectContaining({ file: 'src/routes.ts', framework: 'hono', action: 'rewritten', reason: expect.stringMatching(/proved by type checker \(the parameter's type is hono\.Context\)/) }),
      ]);
      expect(report.typeChecker).toMatchObject({ decidedSites: 2, projects: 1 });
      expect(run.stdout).toMatch(/type checker: decided 2 site\(s\)/);
    });
  }

  it('--types off leaves the call for review, naming the frameworks the package depends on', () => {
    const dir = project();
    const before = readFileSync(path.join(dir, 'src', 'routes.ts'), 'utf8');
    const run = runCli([dir, '--mode', 'adopt', '--types', 'off', '--no-changelog', '--json', '-']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sites).toEqual([expect.objectContaining({ file: 'src/routes.ts', action: 'review', reason: expect.stringMatching(/depends on several \(express, hono\)/) })]);
    expect(report.typeChecker).toBeNull();
    expect(readFileSync(path.join(dir, 'src', 'routes.ts'), 'utf8')).toBe(before);
  });

  it('without installed types asks nothing, sends the call only types could decide to review, and says so in one line', () => {
    const dir = project(false);
    const run = runCli([dir, '--mode', 'adopt', '--dry', '--no-changelog', '--json', path.join(dir, 'report.json')]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.typeChecker).toMatchObject({ asked: 0, projects: 0, notInstalled: 1, overBudget: {} });
    expect(report.sites).toEqual([
      expect.objectContaining({ file: 'src/loader.ts', framework: 'react-router', api: 'redirect', action: 'review', reason: expect.stringMatching(/types are installed where it would find them/) }),
      expect.objectContaining({ file: 'src/routes.ts', action: 'review', reason: expect.stringMatching(/depends on several \(express, hono\)/) }),
    ]);
    expect(run.stdout.match(/types not installed: 1 call\(s\) left for review/g)).toHaveLength(1);
  });

  it('a project whose time budget is spent declines the rest and reports what it left undecided', () => {
    const dir = project();
    const run = runCli([dir, '--mode', 'adopt', '--dry', '--no-changelog', '--json', '-'], { env: { REDIRECT_CODEMOD_TYPE_BUDGET_MS: '0' } });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.typeChecker).toMatchObject({ asked: 0, notInstalled: 0, overBudget: { 'tsconfig.json': 1 } });
    expect(report.sites).toContainEqual(expect.objectContaining({ file: 'src/loader.ts', action: 'review', reason: expect.stringMatching(/spent its 0 s budget on tsconfig\.json/) }));
    expect(run.stderr).toMatch(/type checker budget spent on tsconfig\.json: 1 call\(s\) left undecided/);
  });

  it('at most two projects are alive at once: three tsconfig projects, each dropped in turn', () => {
    const dir = tempDir('redirect-codemod-ts-many-');
    mkdirSync(path.join(dir, 'node_modules'));
    for (const name of ['hono', 'react-router']) symlinkSync(path.join(REPO, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
    for (const service of ['one', 'two', 'three']) {
      const sub = path.join(dir, service);
      cpSync(FIXTURE, sub, { recursive: true });
      for (const name of ['routes', 'loader']) {
        renameSync(path.join(sub, 'src', `${name}.input.ts`), path.join(sub, 'src', `${name}.ts`));
        rmSync(path.join(sub, 'src', `${name}.preserve.output.ts`));
        rmSync(path.join(sub, 'src', `${name}.adopt.output.ts`));
      }
    }
    const run = runCli([dir, '--mode', 'adopt', '--dry', '--no-changelog', '--json', '-'], { env: { REDIRECT_CODEMOD_WORKERS: 'off' } });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.typeChecker).toMatchObject({ decidedSites: 6, projects: 3, maxAlive: 2 });
  }, 120_000);
});
