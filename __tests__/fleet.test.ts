/**
 * `redirect-codemod fleet` on a fleet of real git repositories: bare origins plus clones,
 * local paths, file:// URLs and bare repositories, the repositories a fleet really holds
 * (dirty, not git, already explicit, a file that does not parse, a name full of shell
 * metacharacters), pushes, the report, --retry-failed, and a killed run resumed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, appendFileSync, cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, git, runCli, tempDir } from './helpers/cli.js';
import { entry, fixture, makeFleetRepo, readReport, refTip, type FleetRepo } from './helpers/fleet.js';

const BRANCH = 'refs/heads/redirect-codemod/preserve';
/** A repository name a shell would run something from. */
const ODD_NAME = `it's "odd" $(touch PWNED); echo \`touch PWNED\``;

describe('fleet: a mixed fleet, pushed, then run again', () => {
  let root: string;
  const repos: Record<string, FleetRepo> = {};
  let first: ReturnType<typeof runCli>;
  let report: ReturnType<typeof readReport>;
  const reportFile = () => path.join(root, 'out', 'fleet.json');
  const command = () => ['fleet', '--repos', 'repos.txt', `clones/${ODD_NAME}`, 'clones/missing', '--mode', 'preserve', '--workdir', 'work', '--report', 'out/fleet.json', '--push', '--concurrency', '2'];

  beforeAll(() => {
    root = tempDir('redirect-codemod-fleet-');
    for (const name of ['flask-shop', 'express-api', 'mixed-service', 'already-explicit', 'python2-leftover']) repos[name] = makeFleetRepo(root, name, fixture(name));
    repos.dirty = makeFleetRepo(root, 'dirty', fixture('flask-tiny'));
    appendFileSync(path.join(repos.dirty.clone, 'app.py'), '# work in progress\n');
    repos.odd = makeFleetRepo(root, ODD_NAME, fixture('flask-tiny'));
    cpSync(fixture('flask-tiny'), path.join(root, 'clones', 'not-git'), { recursive: true });
    mkdirSync(path.join(root, 'out'));
    writeFileSync(
      path.join(root, 'repos.txt'),
      [
        '# services to migrate',
        'clones/flask-shop',
        `file://${repos['express-api']!.origin}`,
        repos['mixed-service']!.origin,
        'clones/already-explicit',
        'clones/python2-leftover',
        '',
        'clones/dirty',
        'clones/not-git',
      ].join('\n'),
    );
    first = runCli(command(), { cwd: root });
    report = readReport(reportFile());
  });

  it('gives each repository its status; skipped ones make the exit code 3', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(3);
    const statuses = Object.fromEntries(report.repos.map((repo) => [repo.repo, repo.status]));
    expect(statuses).toEqual({
      'clones/flask-shop': 'changed',
      [`file://${repos['express-api']!.origin}`]: 'changed',
      [repos['mixed-service']!.origin]: 'changed',
      'clones/already-explicit': 'unchanged',
      'clones/python2-leftover': 'changed',
      'clones/dirty': 'skipped',
      'clones/not-git': 'skipped',
      [`clones/${ODD_NAME}`]: 'changed',
      'clones/missing': 'skipped',
    });
    expect(report.totals).toMatchObject({ changed: 5, unchanged: 1, skipped: 3, failed: 0 });
    expect(entry(report, 'clones/dirty').reason).toMatch(/^dirty: 1 uncommitted change\(s\) \(app\.py\)/);
    expect(entry(report, 'clones/not-git').reason).toBe('not a git repository');
    expect(entry(report, 'clones/missing').reason).toBe('missing: no such directory');
    expect(first.stdout).toMatch(/\[9\/9\]/);
  });

  it('counts sites and files, and names the file the engine could not parse', () => {
    expect(entry(report, `file://${repos['express-api']!.origin}`).counts).toEqual({ sites: 2, files: 1, explicit: 1, review: 0 });
    expect(entry(report, repos['mixed-service']!.origin).counts).toEqual({ sites: 2, files: 2, explicit: 0, review: 0 });
    const leftover = entry(report, 'clones/python2-leftover');
    expect(leftover.counts).toMatchObject({ sites: 1, files: 1 });
    expect(leftover.filesNotProcessed).toEqual([{ file: 'legacy.py', message: expect.stringMatching(/Python 2/) }]);
  });

  it('commits each change on the branch, on top of the default branch, and pushes it to the origin', () => {
    for (const name of ['flask-shop', 'express-api', 'mixed-service', 'python2-leftover', ODD_NAME]) {
      const spec = name === 'express-api' ? `file://${repos[name]!.origin}` : name === 'mixed-service' ? repos[name]!.origin : `clones/${name}`;
      const result = entry(report, spec);
      const origin = repos[name === ODD_NAME ? 'odd' : name]!.origin;
      expect(result.pushed, name).toBe(true);
      expect(refTip(origin, BRANCH), name).toBe(result.commit);
      expect(git(origin, 'rev-parse', `${result.commit}^`).trim(), name).toBe(refTip(origin, 'refs/heads/main'));
      const message = git(origin, 'log', '-1', '--format=%B', result.commit!);
      expect(message, name).toMatch(/^Make redirect statuses explicit \(302\)\n\n\d+ redirect\(s\) in \d+ file\(s\) now name their status/);
      expect(message, name).toContain(`Redirect-Codemod-Sites: ${result.counts!.sites}\n`);
    }
    const shop = entry(report, 'clones/flask-shop');
    const touched = git(repos['flask-shop']!.origin, 'diff', '--name-only', 'main', shop.commit!).trim().split('\n');
    expect(touched).toContain('CHANGELOG.md');
    expect(git(repos['flask-shop']!.origin, 'log', '-1', '--format=%B', shop.commit!)).toContain('Explicit redirect status:');
    const leftover = git(repos['python2-leftover']!.origin, 'diff', '--name-only', 'main', entry(report, 'clones/python2-leftover').commit!);
    expect(leftover).toBe('views.py\n');
  });

  it('gives a repository with nothing to change, or skipped, no branch', () => {
    for (const name of ['already-explicit', 'dirty']) {
      expect(refTip(repos[name]!.clone, BRANCH), name).toBeNull();
      expect(refTip(repos[name]!.origin, BRANCH), name).toBeNull();
    }
  });

  it("leaves the user's checkouts as they were, runs nothing from the names, and removes its worktrees", () => {
    for (const name of ['flask-shop', 'already-explicit', 'python2-leftover', 'odd']) {
      const clone = repos[name]!.clone;
      expect(git(clone, 'status', '--porcelain'), name).toBe('');
      expect(git(clone, 'symbolic-ref', 'HEAD'), name).toBe('refs/heads/main\n');
      expect(git(clone, 'worktree', 'list', '--porcelain').match(/^worktree /gm), name).toHaveLength(1);
    }
    expect(git(repos.dirty!.clone, 'status', '--porcelain')).toBe(' M app.py\n');
    expect(readFileSync(path.join(repos.dirty!.clone, 'app.py'), 'utf8')).toMatch(/# work in progress\n$/);
    expect(readdirSync(path.join(root, 'work', 'worktrees'))).toEqual([]);
    expect(existsSync(path.join(root, 'PWNED'))).toBe(false);
    expect(existsSync(path.join(root, 'clones', 'PWNED'))).toBe(false);
  });

  it('writes a Markdown twin of the report', () => {
    const markdown = readFileSync(path.join(root, 'out', 'fleet.md'), 'utf8');
    expect(markdown).toMatch(/^# redirect-codemod fleet: preserve\n/);
    expect(markdown).toContain('5 changed · 1 unchanged · 3 skipped');
    expect(markdown).toContain(`| clones/python2-leftover | changed | 1 | 1 | 0 | \`${entry(report, 'clones/python2-leftover').commit!.slice(0, 12)}\` | pushed; not processed: \`legacy.py\``);
    expect(markdown).toContain('| clones/dirty | skipped |');
  });

  it('a second run commits nothing new and reports the earlier commits', () => {
    const tips = Object.fromEntries(Object.entries(repos).map(([name, repo]) => [name, refTip(repo.origin, BRANCH)]));
    const second = runCli(command(), { cwd: root });
    expect(second.status).toBe(3);
    const again = readReport(reportFile());
    for (const [name, repo] of Object.entries(repos)) expect(refTip(repo.origin, BRANCH), name).toBe(tips[name]);
    const shop = entry(again, 'clones/flask-shop');
    expect(shop).toMatchObject({ status: 'changed', resumed: true, commit: tips['flask-shop'], pushed: true });
    expect(shop.counts).toMatchObject(entry(report, 'clones/flask-shop').counts!);
    expect(entry(again, 'clones/already-explicit').status).toBe('unchanged');
  });
});

describe('fleet: dry run, failures and --retry-failed', () => {
  it('--dry creates no branch and no commit, and says what would change', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const repo = makeFleetRepo(root, 'svc', fixture('flask-tiny'));
    const run = runCli(['fleet', repo.clone, '--mode', 'adopt', '--workdir', path.join(root, 'work'), '--dry'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/changed +.*svc {2}would change 1 site\(s\) in 1 file\(s\)/);
    const report = readReport(path.join(root, 'work', 'report.json'));
    expect(report.repos[0]).toMatchObject({ status: 'changed', commit: null, reason: 'dry run: nothing committed' });
    expect(refTip(repo.clone, 'refs/heads/redirect-codemod/adopt')).toBeNull();
    expect(git(repo.clone, 'status', '--porcelain')).toBe('');
  });

  it('a push that fails is reported with its step; --retry-failed runs only that repository', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const good = makeFleetRepo(root, 'good', fixture('flask-tiny'));
    const flaky = makeFleetRepo(root, 'flaky', fixture('express-api'));
    renameSync(flaky.origin, `${flaky.origin}.away`);
    const args = ['--mode', 'adopt', '--workdir', path.join(root, 'work'), '--report', path.join(root, 'report.json'), '--push', '--branch', "fix/it's-$(touch${IFS}PWNED);x"];
    const first = runCli(['fleet', good.clone, 'clones/flaky', 'clones/unborn', ...args], { cwd: root });
    expect(first.status).toBe(3);
    const report = readReport(path.join(root, 'report.json'));
    expect(entry(report, good.clone)).toMatchObject({ status: 'changed', pushed: true, branch: "fix/it's-$(touch${IFS}PWNED);x" });
    const failed = entry(report, 'clones/flaky');
    expect(failed).toMatchObject({ status: 'failed', step: 'push', pushed: false });
    expect(failed.error).toMatch(/^git push failed/);
    // The commit is made and kept on the local branch; only the push is missing.
    expect(refTip(flaky.clone, "refs/heads/fix/it's-$(touch${IFS}PWNED);x")).toBe(failed.commit);
    expect(existsSync(path.join(root, 'PWNED'))).toBe(false);

    renameSync(`${flaky.origin}.away`, flaky.origin);
    const goodCommit = entry(report, good.clone).commit;
    const retry = runCli(['fleet', '--retry-failed', ...args.filter((a) => a !== '--mode' && a !== 'adopt')], { cwd: root });
    // The skipped clones/unborn is retried too (still missing, still skipped).
    expect(retry.stdout).toMatch(/^\[\d\/2\] changed +clones\/flaky/m);
    expect(retry.stdout).not.toContain(good.clone);
    const after = readReport(path.join(root, 'report.json'));
    expect(after.repos.map((r) => r.repo)).toEqual([good.clone, 'clones/flaky', 'clones/unborn']);
    expect(entry(after, good.clone).commit).toBe(goodCommit);
    expect(entry(after, 'clones/flaky')).toMatchObject({ status: 'changed', resumed: true, pushed: true, commit: failed.commit });
    expect(refTip(flaky.origin, "refs/heads/fix/it's-$(touch${IFS}PWNED);x")).toBe(failed.commit);
    expect(entry(after, 'clones/unborn').status).toBe('skipped');
    expect(retry.status).toBe(3);
  });

  it('an unreachable URL fails at the clone step and the others go on', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const repo = makeFleetRepo(root, 'svc', fixture('flask-tiny'));
    const run = runCli(['fleet', `file://${root}/nowhere.git`, repo.clone, '--mode', 'preserve', '--workdir', path.join(root, 'work')], { cwd: root });
    expect(run.status).toBe(3);
    const report = readReport(path.join(root, 'work', 'report.json'));
    expect(report.repos[0]).toMatchObject({ status: 'failed', step: 'clone' });
    expect(report.repos[1]).toMatchObject({ status: 'changed' });
  });

  it('refuses bad arguments with exit 2', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const work = ['--workdir', path.join(root, 'work')];
    expect(runCli(['fleet', root, ...work], { cwd: root })).toMatchObject({ status: 2, stderr: expect.stringContaining('--mode is required') });
    expect(runCli(['fleet', '--mode', 'adopt', ...work], { cwd: root })).toMatchObject({ status: 2, stderr: expect.stringContaining('give repositories') });
    expect(runCli(['fleet', root, '--mode', 'adopt', '--branch', 'two words', ...work], { cwd: root })).toMatchObject({ status: 2, stderr: expect.stringContaining('not a valid branch name') });
    expect(runCli(['fleet', root, '--mode', 'adopt', '--concurrency', '0', ...work], { cwd: root }).status).toBe(2);
    expect(runCli(['fleet', '--retry-failed', ...work], { cwd: root })).toMatchObject({ status: 2, stderr: expect.stringContaining('does not exist') });
    expect(runCli(['fleet', '--repos', 'nope.txt', '--mode', 'adopt', ...work], { cwd: root })).toMatchObject({ status: 2, stderr: expect.stringContaining('cannot read --repos') });
  });
});

describe("fleet: the options of every command reach each repository's run", () => {
  it('--trust-package, --exclude (relative to each repository) and --max-file-size are those of run', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const repo = makeFleetRepo(root, 'svc', fixture('express-unregistered'));
    const fleet = (...options: string[]) => {
      const work = path.join(root, `work-${options.join('').replace(/\W/g, '') || 'plain'}`);
      const run = runCli(['fleet', repo.clone, '--mode', 'preserve', '--workdir', work, '--dry', ...options], { cwd: root });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const patch = readdirSync(work).find((name) => /^report\..*svc.*\.patch$/.test(name));
      return { counts: readReport(path.join(work, 'report.json')).repos[0]!.counts, patch: patch ? readFileSync(path.join(work, patch), 'utf8') : '' };
    };
    // Run alone in the repository, what each option gives.
    const alone = (...options: string[]) => JSON.parse(runCli([repo.clone, '--mode', 'preserve', '--dry', '--json', '-', ...options], { cwd: root }).stdout).summary;

    const plain = fleet();
    expect(plain.counts).toMatchObject({ sites: 2, review: 1 });
    expect(plain.patch).toContain('legacy/old.js');
    expect(plain.patch).not.toContain('auth.js');
    expect(alone()).toMatchObject({ rewritten: 2, review: 1 });

    const trusted = fleet('--trust-package', '--exclude', 'legacy/');
    expect(trusted.counts).toMatchObject({ sites: 2, review: 0 });
    expect(trusted.patch).toContain("res.redirect(302, '/login')");
    expect(trusted.patch).not.toContain('legacy/old.js');
    expect(alone('--trust-package', '--exclude', `${path.relative(root, repo.clone)}/legacy/`)).toMatchObject({ rewritten: 2, review: 0 });

    // server.js is 136 bytes, auth.js 201, legacy/old.js 196: only server.js is read.
    expect(fleet('--trust-package', '--max-file-size', '150').counts).toMatchObject({ sites: 1, review: 0 });
    expect(runCli(['fleet', repo.clone, '--mode', 'preserve', '--workdir', path.join(root, 'bad'), '--exclude', ' '], { cwd: root })).toMatchObject({ status: 2, stderr: expect.stringContaining('not a gitignore pattern') });
  });
});

describe('fleet: interrupted', () => {
  const SIZE = 10;

  function smallFleet(): { root: string; repos: FleetRepo[]; args: string[] } {
    const root = tempDir('redirect-codemod-fleet-');
    const repos = Array.from({ length: SIZE }, (_, i) => makeFleetRepo(root, `svc-${i}`, fixture(i % 2 ? 'express-api' : 'flask-tiny')));
    const args = ['fleet', ...repos.map((r) => r.clone), '--mode', 'preserve', '--workdir', path.join(root, 'work'), '--concurrency', '1'];
    return { root, repos, args };
  }

  /** Starts the fleet and sends `signal` once the report shows `after` finished repositories. */
  function interruptAfter(args: string[], cwd: string, after: number, signal: NodeJS.Signals): Promise<number | null> {
    const reportFile = path.join(cwd, 'work', 'report.json');
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
      const poll = setInterval(() => {
        try {
          if (readReport(reportFile).repos.filter((r) => r.status !== 'pending').length >= after) {
            clearInterval(poll);
            child.kill(signal);
          }
        } catch {
          // not written yet, or being replaced
        }
      }, 10);
      child.on('exit', (code, killedBy) => {
        clearInterval(poll);
        resolve(killedBy === 'SIGKILL' ? null : code);
      });
    });
  }

  const commitsOnBranch = (repo: FleetRepo) => Number(git(repo.clone, 'rev-list', '--count', `main..${BRANCH}`).trim());

  it('killed mid-fleet (SIGKILL), a rerun completes every repository with exactly one commit each', async () => {
    const { root, repos, args } = smallFleet();
    await interruptAfter(args, root, 3, 'SIGKILL');
    const killed = readReport(path.join(root, 'work', 'report.json'));
    expect(killed.repos.some((r) => r.status === 'pending')).toBe(true);
    for (const repo of repos) {
      // Either untouched or on its finished commit: never a half-done branch or a dirty checkout.
      expect(git(repo.clone, 'status', '--porcelain')).toBe('');
      expect([0, 1]).toContain(refTip(repo.clone, BRANCH) === null ? 0 : commitsOnBranch(repo));
    }

    const rerun = runCli(args, { cwd: root });
    expect(rerun.status).toBe(0);
    const report = readReport(path.join(root, 'work', 'report.json'));
    expect(report.totals).toMatchObject({ changed: SIZE, pending: 0, interrupted: 0 });
    for (const repo of repos) {
      expect(commitsOnBranch(repo)).toBe(1);
      expect(git(repo.clone, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    }
    expect(report.repos.filter((r) => r.resumed).length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(path.join(root, 'work', 'worktrees'))).toEqual([]);
  });

  it('SIGTERM stops new repositories from starting; the report says which were done and which untouched', async () => {
    const { root, repos, args } = smallFleet();
    const code = await interruptAfter(args, root, 2, 'SIGTERM');
    expect(code).toBe(130);
    const report = readReport(path.join(root, 'work', 'report.json'));
    expect(report.interrupted).toBe(true);
    expect(report.totals.pending).toBe(0);
    expect(report.totals.interrupted).toBeGreaterThan(0);
    report.repos.forEach((result, i) => {
      if (result.status === 'changed') expect(refTip(repos[i]!.clone, BRANCH)).toBe(result.commit);
      else {
        expect(result.status).toBe('interrupted');
        expect(refTip(repos[i]!.clone, BRANCH)).toBeNull();
      }
      expect(git(repos[i]!.clone, 'status', '--porcelain')).toBe('');
    });
    expect(readFileSync(path.join(root, 'work', 'report.md'), 'utf8')).toContain('**interrupted**');
  });
});
