/**
 * The recipes of docs/fleet.md, run the way each fleet engine runs them: clone every
 * repository from its bare origin, run the documented command inside (split into words, or
 * through bash where the engine uses a shell), read the exit code and `git status`, commit
 * and push like the engine. Offline, on local repositories; this build stands in for the
 * installed command (`redirect-codemod`, `npx --yes "git+$REPO_URL"`): installing it from the
 * repository's URL is __tests__/install.test.ts's part.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, git, REPO, tempDir } from './helpers/cli.js';
import { fixture, makeFleetRepo, refTip, type FleetRepo } from './helpers/fleet.js';

const DOC = readFileSync(path.join(REPO, 'docs', 'fleet.md'), 'utf8').replace(/\\\n\s*/g, '');
const NPX = 'npx --yes "git+$REPO_URL"';
const TOOL = [process.execPath, BIN];

function match(pattern: RegExp): string {
  const found = pattern.exec(DOC);
  if (!found) throw new Error(`docs/fleet.md has no ${pattern}`);
  return found[1]!;
}

/** Splits a command into words as multi-gitter does: quotes and backslashes, no shell. */
function words(command: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\') word = (word ?? '') + command[++i];
    else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (word !== null) out.push(word);
  return out;
}

/** The documented words with the installed tool in place of `redirect-codemod`. */
function withTool(argv: string[]): string[] {
  return argv[0] === 'redirect-codemod' ? [...TOOL, ...argv.slice(1)] : argv;
}

/** A command for bash, `npx --yes "git+$REPO_URL"` or `redirect-codemod` pointing at this build. */
function forBash(command: string): string {
  const tool = TOOL.map((w) => `'${w}'`).join(' ');
  if (command.startsWith('redirect-codemod ')) return `${tool}${command.slice('redirect-codemod'.length)}`;
  expect(command).toContain(NPX);
  return command.replace(NPX, tool);
}

interface Ran {
  code: number | null;
  stdout: string;
}

function exec(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Ran {
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DRY_RUN: '', XARGS_DRY_RUN: '', ...env } });
  return { code: result.status, stdout: result.stdout };
}

const bash = (command: string, cwd: string, env: NodeJS.ProcessEnv = {}) => exec(['bash', '-c', command], cwd, env);

const SERVICES = ['flask-tiny', 'express-api', 'already-explicit'];

describe('docs/fleet.md recipes, run as the engines run them', () => {
  let root: string;
  /** Each recipe gets its own origins, so their branches never meet. */
  let origins: Record<string, FleetRepo> = {};
  beforeEach(() => {
    root = tempDir('redirect-codemod-recipes-');
    origins = Object.fromEntries(SERVICES.map((name) => [name, makeFleetRepo(root, name, fixture(name))]));
  });

  /**
   * What every engine does per repository: clone, run, and when the command succeeded and the
   * tree changed, commit everything and push the branch. Returns the exit codes by service.
   */
  function engine(
    name: string,
    branch: string,
    message: string,
    run: (clone: string) => Ran,
    place = (service: string) => path.join(root, 'engine', name, service),
  ): Record<string, number | null> {
    const codes: Record<string, number | null> = {};
    for (const service of SERVICES) {
      const clone = place(service);
      mkdirSync(path.dirname(clone), { recursive: true });
      git(root, 'clone', '-q', origins[service]!.origin, clone);
      const ran = run(clone);
      codes[service] = ran.code;
      if (ran.code !== 0 || git(clone, 'status', '--porcelain') === '') continue;
      git(clone, 'add', '--all');
      git(clone, 'commit', '-q', '--no-verify', '-m', message);
      git(clone, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`);
    }
    return codes;
  }

  /** Both changed services got the branch with the status written; the explicit one got none. */
  function expectMigrated(branch: string, status: '302' | '303' = '302'): void {
    const ref = `refs/heads/${branch}`;
    expect(git(origins['flask-tiny']!.origin, 'show', `${ref}:app.py`)).toContain(`redirect("/", code=${status})`);
    expect(git(origins['express-api']!.origin, 'show', `${ref}:server.js`)).toContain(`res.redirect(${status}, '/new')`);
    expect(refTip(origins['already-explicit']!.origin, ref)).toBeNull();
    // A second run on the pushed branch changes nothing.
    for (const service of ['flask-tiny', 'express-api']) {
      const again = path.join(root, 'again', service);
      git(root, 'clone', '-q', '--branch', branch, origins[service]!.origin, again);
      expect(exec(withTool(['redirect-codemod', '.', '--mode', 'preserve']), again).code).toBe(0);
      expect(git(again, 'status', '--porcelain')).toBe('');
    }
  }

  it('multi-gitter: the quoted command, split without a shell; DRY_RUN=true writes nothing', () => {
    const command = words(match(/^multi-gitter run "([^"]+)"/m));
    const message = match(/^multi-gitter run .*-m "([^"]+)"/m);
    const branch = match(/^multi-gitter run .*-B (\S+)/m);
    expect(message).toBe('Make redirect statuses explicit (302)');

    const dry = engine('multi-gitter-dry', branch, message, (clone) => {
      const ran = exec(withTool(command), clone, { DRY_RUN: 'true', REPOSITORY: path.basename(clone) });
      expect(git(clone, 'status', '--porcelain')).toBe('');
      return ran;
    });
    expect(dry).toEqual({ 'flask-tiny': 0, 'express-api': 0, 'already-explicit': 0 });
    expect(refTip(origins['flask-tiny']!.origin, `refs/heads/${branch}`)).toBeNull();

    const codes = engine('multi-gitter', branch, message, (clone) => exec(withTool(command), clone, { REPOSITORY: path.basename(clone) }));
    expect(codes).toEqual({ 'flask-tiny': 0, 'express-api': 0, 'already-explicit': 0 });
    expectMigrated(branch);
  });

  it('git-xargs: the words after --repos; XARGS_DRY_RUN=true writes nothing', () => {
    const line = match(/^(git-xargs --.+)$/m);
    const command = words(/--repos \S+ (.+)$/.exec(line)![1]!);
    const branch = /--branch-name (\S+)/.exec(line)![1]!;
    const message = /--commit-message "([^"]+)"/.exec(line)![1]!;
    expect(line).toContain('--repos repos.txt');

    const dry = engine('git-xargs-dry', branch, message, (clone) => {
      const ran = exec(withTool(command), clone, { XARGS_DRY_RUN: 'true', XARGS_REPO_NAME: path.basename(clone), XARGS_REPO_OWNER: 'my-org' });
      expect(git(clone, 'status', '--porcelain')).toBe('');
      return ran;
    });
    expect(Object.values(dry)).toEqual([0, 0, 0]);

    const codes = engine('git-xargs', branch, message, (clone) =>
      exec(withTool(command), clone, { XARGS_DRY_RUN: 'false', XARGS_REPO_NAME: path.basename(clone), XARGS_REPO_OWNER: 'my-org' }),
    );
    expect(Object.values(codes)).toEqual([0, 0, 0]);
    expectMigrated(branch);
  });

  it('turbolift: every foreach command in order, then commit --all', () => {
    const foreach = [...DOC.matchAll(/^turbolift foreach -- (.+)$/gm)].map((m) => words(m[1]!));
    expect(foreach.map((argv) => argv[0])).toEqual(['redirect-codemod', 'git']);
    const message = match(/turbolift commit --message "([^"]+)"/);
    const branch = match(/turbolift init --name (\S+)/);
    const codes = engine('work/my-org', branch, message, (clone) => {
      let last: Ran = { code: 0, stdout: '' };
      for (const argv of foreach) if (last.code === 0) last = exec(withTool(argv), clone);
      return last;
    });
    expect(Object.values(codes)).toEqual([0, 0, 0]);
    expectMigrated(branch);
  });

  it('Sourcegraph Batch Changes: the step through bash; its stdout is the changeset body', () => {
    const step = match(/^ {2}- run: (.+)$/m);
    const branch = match(/changesetTemplate:[\s\S]*?branch: (\S+)/);
    const bodies: Record<string, string> = {};
    const codes = engine('sourcegraph', branch, 'Make redirect statuses explicit (302)', (clone) => {
      const ran = bash(forBash(step), clone);
      bodies[path.basename(clone)] = ran.stdout;
      return ran;
    });
    expect(Object.values(codes)).toEqual([0, 0, 0]);
    expect(bodies['flask-tiny']).toMatch(/^## Make redirect statuses explicit \(preserve: 302\)\n/);
    expect(bodies['flask-tiny']).toContain('**1 redirect rewritten** in 1 file');
    expect(bodies['express-api']).toContain('**2 redirects rewritten** in 1 file');
    expectMigrated(branch);
  });

  it('GitHub Actions matrix: the run step in the workspace, checkout in target/, the body file for create-pull-request', () => {
    const step = match(/^ +run: (npx .+)$/m);
    const branch = match(/peter-evans\/create-pull-request[\s\S]*?branch: (\S+)/);
    const bodyPath = match(/body-path: \$\{\{ runner\.temp \}\}\/(\S+)/);
    // actions/checkout puts each repository in $GITHUB_WORKSPACE/target; the step runs in the workspace.
    const codes = engine(
      'actions',
      branch,
      'Make redirect statuses explicit (302)',
      (target) => {
        const workspace = path.dirname(target);
        const runnerTemp = `${workspace}-temp`;
        mkdirSync(runnerTemp);
        const ran = bash(forBash(step), workspace, { RUNNER_TEMP: runnerTemp });
        expect(readFileSync(path.join(runnerTemp, bodyPath), 'utf8')).toMatch(/^## Make redirect statuses explicit/);
        return ran;
      },
      (service) => path.join(root, 'actions', service, 'target'),
    );
    expect(Object.values(codes)).toEqual([0, 0, 0]);
    expectMigrated(branch);
  });
});
