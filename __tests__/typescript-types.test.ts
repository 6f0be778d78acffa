/**
 * A TypeScript project where only type information identifies the receiver: the Hono app
 * comes from a factory in another module, and the package depends on two frameworks.
 * With the type checker the site is rewritten; with --types off it goes to review.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

const FIXTURE = path.join(FIXTURES, 'typescript-project', 'hono-factory');

function project(): string {
  const dir = tempDir('redirect-codemod-ts-');
  cpSync(FIXTURE, dir, { recursive: true });
  renameSync(path.join(dir, 'src', 'routes.input.ts'), path.join(dir, 'src', 'routes.ts'));
  rmSync(path.join(dir, 'src', 'routes.preserve.output.ts'));
  rmSync(path.join(dir, 'src', 'routes.adopt.output.ts'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(path.join(REPO, 'node_modules', 'hono'), path.join(dir, 'node_modules', 'hono'), 'dir');
  return dir;
}

describe('the type checker decides what syntax cannot', () => {
  for (const mode of ['preserve', 'adopt'] as const) {
    it(`rewrites c.redirect once ts-morph says c is a Hono Context (${mode})`, () => {
      const dir = project();
      const run = runCli([dir, '--mode', mode, '--no-changelog', '--json', path.join(dir, 'report.json')]);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(readFileSync(path.join(dir, 'src', 'routes.ts'), 'utf8')).toBe(readFileSync(path.join(FIXTURE, 'src', `routes.${mode}.output.ts`), 'utf8'));
      const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      expect(report.sites).toEqual([expect.objectContaining({ file: 'src/routes.ts', framework: 'hono', action: 'rewritten', reason: expect.stringMatching(/proved by type checker \(the parameter's type is hono\.Context\)/) })]);
      expect(report.typeChecker).toMatchObject({ decidedSites: 1, projects: 1 });
      expect(run.stdout).toMatch(/type checker: decided 1 site\(s\)/);
    });
  }

  it('--types off leaves the call for review, naming the frameworks the package depends on', () => {
    const dir = project();
    const before = readFileSync(path.join(dir, 'src', 'routes.ts'), 'utf8');
    const run = runCli([dir, '--mode', 'adopt', '--types', 'off', '--no-changelog', '--json', '-']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sites).toEqual([expect.objectContaining({ action: 'review', reason: expect.stringMatching(/depends on several \(express, hono\)/) })]);
    expect(report.typeChecker).toBeNull();
    expect(readFileSync(path.join(dir, 'src', 'routes.ts'), 'utf8')).toBe(before);
  });
});
