/**
 * Dependencies (node_modules) and build output (dist) are not searched unless named with
 * --include: their redirects belong to other projects or are regenerated from sources the
 * run rewrites. The same with git listing the files and with a plain directory walk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRepo, runCli, tempDir } from './helpers/cli.js';

const EXPRESS = "const app = require('express')();\napp.get('/', (req, res) => res.redirect('/home'));\n";

function project(): string {
  const dir = tempDir();
  const files: Record<string, string> = {
    'package.json': '{ "name": "web", "dependencies": { "express": "^4.21.0" } }\n',
    'src/server.js': EXPRESS,
    'dist/server.js': EXPRESS,
    'packages/api/dist/index.js': EXPRESS,
    'packages/api/src/index.js': EXPRESS,
    'node_modules/some-lib/index.js': EXPRESS,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function check(dir: string, ...extra: string[]): { files: string[]; excluded: string[] } {
  const run = runCli(['check', '.', '--format', 'json', ...extra], { cwd: dir });
  const report = JSON.parse(run.stdout) as { sites: Array<{ file: string }>; excludedDirectories: string[] };
  return { files: [...new Set(report.sites.map((site) => site.file))].sort(), excluded: report.excludedDirectories };
}

describe.each([
  ['a plain directory (walked)', (dir: string) => dir],
  ['a git work tree with dist and node_modules committed', (dir: string) => (initRepo(dir), dir)],
])('%s', (_, setUp) => {
  it('skips dist and node_modules, and lists the dist directories', () => {
    const dir = setUp(project());
    expect(check(dir)).toEqual({ files: ['packages/api/src/index.js', 'src/server.js'], excluded: ['dist', 'packages/api/dist'] });
  });

  it('--include dist searches build output; --include node_modules dependencies', () => {
    const dir = setUp(project());
    expect(check(dir, '--include', 'dist').files).toEqual(['dist/server.js', 'packages/api/dist/index.js', 'packages/api/src/index.js', 'src/server.js']);
    expect(check(dir, '--include', 'dist', 'node_modules').files).toContain('node_modules/some-lib/index.js');
  });

  it('a dist directory given on the command line is searched', () => {
    const dir = setUp(project());
    const run = runCli(['check', 'packages/api/dist', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(run.stdout).sites.map((site: { file: string }) => site.file)).toEqual(['index.js']);
  });
});

it('the summary names what was not searched', () => {
  const dir = project();
  const run = runCli(['.', '--mode', 'preserve', '--dry'], { cwd: dir });
  expect(run.stdout).toContain('Not searched: 2 build-output directories (dist/, packages/api/dist/); --include dist to search them');
});
