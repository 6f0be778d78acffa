/**
 * The fleet on real remotes (bare origins, real clones, real pushes): skipped repositories are
 * retried once cleaned, a fresh clone of an origin that already has the branch continues from
 * it (no second commit, no rejected push), and a dry run leaves a patch and a summary per
 * repository beside the report.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, runCli, tempDir } from './helpers/cli.js';
import { entry, fixture, makeFleetRepo, readReport, refTip } from './helpers/fleet.js';

describe('--retry-failed picks up skipped repositories once they are fixed', () => {
  it('a dirty repository and a missing one', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const dirty = makeFleetRepo(root, 'dirty', fixture('flask-tiny'));
    writeFileSync(path.join(dirty.clone, 'notes.txt'), 'work in progress\n');
    const args = ['--workdir', path.join(root, 'work'), '--report', path.join(root, 'report.json')];
    const first = runCli(['fleet', dirty.clone, 'clones/later', '--mode', 'preserve', ...args], { cwd: root });
    expect(first.status).toBe(3);
    const report = readReport(path.join(root, 'report.json'));
    expect(entry(report, dirty.clone)).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^dirty/) });
    expect(entry(report, 'clones/later')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^missing/) });

    rmSync(path.join(dirty.clone, 'notes.txt'));
    makeFleetRepo(root, 'later', fixture('express-api'));
    const retry = runCli(['fleet', '--retry-failed', ...args], { cwd: root });
    expect(retry.status, retry.stdout + retry.stderr).toBe(0);
    const after = readReport(path.join(root, 'report.json'));
    expect(entry(after, dirty.clone).status).toBe('changed');
    expect(entry(after, 'clones/later').status).toBe('changed');
  });
});

describe('a rerun from a fresh clone of an origin that already has the branch', () => {
  it('continues from the pushed branch: "already migrated", no second commit, the push succeeds', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const repo = makeFleetRepo(root, 'svc', fixture('flask-tiny'));
    const first = runCli(['fleet', repo.clone, '--mode', 'preserve', '--push', '--workdir', path.join(root, 'work1')], { cwd: root });
    expect(first.status, first.stdout + first.stderr).toBe(0);
    const pushed = refTip(repo.origin, 'refs/heads/redirect-codemod/preserve');
    expect(pushed).not.toBeNull();

    // Another machine: a fresh clone made after the push, a fresh work directory.
    const fresh = path.join(root, 'fresh', 'svc');
    git(root, 'clone', '-q', repo.origin, fresh);
    const again = runCli(['fleet', fresh, '--mode', 'preserve', '--push', '--workdir', path.join(root, 'work2')], { cwd: root });
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/changed +\S+ {2}already migrated: 1 site\(s\) in 1 file\(s\) → redirect-codemod\/preserve [0-9a-f]{12} \(earlier run\), pushed/);
    const report = readReport(path.join(root, 'work2', 'report.json'));
    expect(report.repos[0]).toMatchObject({ status: 'changed', resumed: true, commit: pushed, pushed: true, reason: expect.stringMatching(/^already migrated/) });
    expect(refTip(repo.origin, 'refs/heads/redirect-codemod/preserve')).toBe(pushed);
    expect(git(repo.origin, 'rev-list', '--count', 'refs/heads/redirect-codemod/preserve', '^refs/heads/main').trim()).toBe('1');
  });

  it('a clone made before the branch was pushed fetches it first', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const repo = makeFleetRepo(root, 'svc', fixture('flask-tiny'));
    const early = path.join(root, 'early', 'svc');
    git(root, 'clone', '-q', repo.origin, early);
    expect(runCli(['fleet', repo.clone, '--mode', 'adopt', '--push', '--workdir', path.join(root, 'work1')], { cwd: root }).status).toBe(0);
    const pushed = refTip(repo.origin, 'refs/heads/redirect-codemod/adopt');
    const run = runCli(['fleet', early, '--mode', 'adopt', '--push', '--workdir', path.join(root, 'work2')], { cwd: root });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(readReport(path.join(root, 'work2', 'report.json')).repos[0]).toMatchObject({ resumed: true, commit: pushed, pushed: true });
    expect(refTip(repo.origin, 'refs/heads/redirect-codemod/adopt')).toBe(pushed);
  });
});

describe('a dry fleet run leaves what a reviewer reads beside the report', () => {
  it('a patch that applies and a Markdown summary per changed repository; nothing committed', () => {
    const root = tempDir('redirect-codemod-fleet-');
    const repo = makeFleetRepo(root, 'svc', fixture('flask-tiny'));
    const unchanged = makeFleetRepo(root, 'done', fixture('already-explicit'));
    const reportFile = path.join(root, 'out', 'fleet.json');
    git(root, 'init', '-q', path.join(root, 'out'));
    const run = runCli(['fleet', repo.clone, unchanged.clone, '--mode', 'adopt', '--dry', '--workdir', path.join(root, 'work'), '--report', reportFile], { cwd: root });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = readReport(reportFile) as ReturnType<typeof readReport> & { repos: Array<{ patch?: string; summary?: string }> };
    const changed = report.repos[0]!;
    expect(path.dirname(changed.patch!)).toBe(path.join(root, 'out'));
    expect(path.basename(changed.patch!)).toMatch(/^fleet\.clones-svc-[0-9a-f]{8}\.patch$/);
    const patch = readFileSync(changed.patch!, 'utf8');
    expect(patch).toMatch(/^diff --git a\/\S+\.py b\/\S+\.py$/m);
    expect(patch).toContain('code=303');
    expect(git(repo.clone, 'apply', '--check', changed.patch!)).toBe('');
    expect(readFileSync(changed.summary!, 'utf8')).toMatch(/redirects? to rewrite/);
    expect(readFileSync(reportFile.replace(/\.json$/, '.md'), 'utf8')).toContain(`[patch](${path.basename(changed.patch!)})`);
    expect(report.repos[1]!.patch).toBeUndefined();
    expect(refTip(repo.clone, 'refs/heads/redirect-codemod/adopt')).toBeNull();
    expect(existsSync(path.join(repo.clone, 'CHANGELOG.md.orig'))).toBe(false);
  });
});
