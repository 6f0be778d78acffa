/**
 * The README's "Installing" section, run as written: every `sh` block of it, in order, in one
 * bash, on a fresh clone of this repository (REPO_URL is a file:// URL of a clone of HEAD).
 * Global installs go to a prefix of the test's own (npm_config_prefix), so nothing outside the
 * test's directories changes. The npm registry is reached only for packages (the same as CI).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { copyToTemp, git, initRepo, REPO, tempDir } from './helpers/cli.js';

const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/** The `sh` blocks between a heading and the next heading of the same level or above. */
export function shBlocks(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`no "${heading}" heading`);
  const level = heading.split(' ')[0]!;
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("README's Installing section", () => {
  it('every way it shows installs a working redirect-codemod command', () => {
    const blocks = shBlocks(README, '## Installing');
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const work = tempDir('redirect-codemod-install-');
    // A clone, its build and an npm prefix: ~360 MB, which takes more than the default 10 s to remove on a loaded machine.
    onTestFinished(() => rmSync(work, { recursive: true, force: true }), 120_000);
    const origin = path.join(work, 'origin');
    git(work, 'clone', '-q', REPO, origin);
    const prefix = path.join(work, 'global');
    mkdirSync(prefix);
    const script = ['set -euo pipefail', ...blocks].join('\n');
    const run = spawnSync('bash', ['-c', script], {
      cwd: work,
      encoding: 'utf8',
      env: {
        ...process.env,
        REPO_URL: `file://${origin}`,
        PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}`,
        npm_config_prefix: prefix,
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        npm_config_loglevel: 'error',
      },
    });
    expect(run.status, run.stderr).toBe(0);
    // One version line for each `--version` the section shows.
    const shown = blocks.join('\n').match(/--version/g)!.length;
    expect(run.stdout.split('\n').filter((line) => line === VERSION)).toHaveLength(shown);

    // The last command installed is the one on PATH; it runs on another repository.
    const app = copyToTemp(path.join(REPO, 'examples', 'flask-shop'));
    const check = spawnSync(path.join(prefix, 'bin', 'redirect-codemod'), ['check', app], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toMatch(/8 implicit redirect\(s\)/);

    // The GitHub Actions steps, in the checkout (npx reuses the build it made above).
    const steps = [...yamlRuns(README, 'In GitHub Actions'), ...yamlRuns(README, 'For code scanning')];
    expect(steps).toHaveLength(2);
    const env = { ...process.env, NO_COLOR: '1', REPO_URL: `file://${origin}`, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
    // `check --format github` exits 1 on implicit redirects: the job fails, as it should.
    const annotate = spawnSync('bash', ['-c', steps[0]!], { cwd: app, encoding: 'utf8', env });
    expect(annotate.status, annotate.stderr).toBe(1);
    expect(annotate.stdout).toMatch(/^::warning file=shop\/__init__\.py,line=16,/m);
    const sarif = spawnSync('bash', ['-c', steps[1]!], { cwd: app, encoding: 'utf8', env });
    expect(sarif.status, sarif.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(app, 'redirects.sarif'), 'utf8')).version).toBe('2.1.0');
  }, 1_500_000);

  it("the pre-commit hook, from a clone's path: try-repo as shown, then the config as shown", () => {
    const work = tempDir('redirect-codemod-pre-commit-');
    onTestFinished(() => rmSync(work, { recursive: true, force: true }), 120_000);
    const clone = path.join(work, 'redirect-codemod');
    git(work, 'clone', '-q', REPO, clone);
    const target = path.join(work, 'service');
    mkdirSync(target);
    writeFileSync(path.join(target, 'app.py'), 'from flask import redirect\n\n\ndef a():\n    return redirect("/x")\n');
    initRepo(target);
    const env = { ...process.env, NO_COLOR: '1', PRE_COMMIT_HOME: path.join(work, 'cache'), REPO_URL: clone, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

    const [tryRepo] = shBlocks(README, '## The check gate');
    expect(tryRepo).toContain('pre-commit try-repo');
    const tried = spawnSync('bash', ['-c', tryRepo!], { cwd: target, encoding: 'utf8', env });
    expect(tried.status, tried.stdout + tried.stderr).toBe(1);
    expect(tried.stdout).toMatch(/app\.py:5:\d+ +implicit/);

    // The README's config, with this clone as the repository and its HEAD as the revision.
    const config = /```yaml\n(repos:[\s\S]*?)```/.exec(README.slice(README.indexOf('## The check gate')))![1]!;
    const rev = git(clone, 'rev-parse', 'HEAD').trim();
    writeFileSync(path.join(target, '.pre-commit-config.yaml'), config.replace(/repo: \S+/, `repo: ${clone}`).replace(/rev: \S+/, `rev: ${rev}`));
    git(target, 'add', '-A'); // pre-commit refuses an unstaged config, and checks what is staged
    const failing = spawnSync('pre-commit', ['run', '--all-files'], { cwd: target, encoding: 'utf8', env });
    expect(failing.status, failing.stdout + failing.stderr).toBe(1);
    expect(failing.stdout).toMatch(/redirect-codemod check\.+Failed/);
    // Made explicit, the same hook passes.
    writeFileSync(path.join(target, 'app.py'), 'from flask import redirect\n\n\ndef a():\n    return redirect("/x", code=302)\n');
    git(target, 'add', '-A');
    const passing = spawnSync('pre-commit', ['run', '--all-files'], { cwd: target, encoding: 'utf8', env });
    expect(passing.status, passing.stdout + passing.stderr).toBe(0);
    expect(passing.stdout).toMatch(/redirect-codemod check\.+Passed/);
  }, 1_500_000);
});

/** The `run:` commands of the first YAML block after a sentence of the README. */
function yamlRuns(markdown: string, after: string): string[] {
  const block = /```yaml\n([\s\S]*?)```/.exec(markdown.slice(markdown.indexOf(after)))![1]!;
  return [...block.matchAll(/^ *- run: (.+)$/gm)].map((m) => m[1]!);
}
