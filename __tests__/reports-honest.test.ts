/**
 * Reports that say only what happened: a refused run says what it would do, then that nothing
 * was written (summary, JSON, Markdown) and never that a changelog entry was added; dry-run
 * diffs name files from the repository top as git does; outside git a run says nothing can
 * bring the files back; the changelog entry counts what is on disk after the run, and a rerun
 * completes an entry an interrupted run never wrote.
 */
import { appendFileSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, initRepo, runCli, tempDir } from './helpers/cli.js';

const APP = 'from flask import Flask, redirect\napp = Flask(__name__)\n\n@app.get("/a")\ndef a():\n    return redirect("/x")\n\n@app.get("/b")\ndef b():\n    return redirect("/y")\n';
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Earlier.\n\n## [1.0.0] - 2025-01-01\n\n- First.\n';

function repo(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  initRepo(dir);
  return dir;
}

function refusedRun(dir: string) {
  const json = path.join(dir, '..', `${path.basename(dir)}.json`);
  const md = path.join(dir, '..', `${path.basename(dir)}.md`);
  const run = runCli([dir, '--mode', 'preserve', '--json', json, '--summary-md', md]);
  return { run, json: JSON.parse(readFileSync(json, 'utf8')), md: readFileSync(md, 'utf8') };
}

function expectRefusedReports({ run, json, md }: ReturnType<typeof refusedRun>, dir: string) {
  expect(run.status, run.stdout).toBe(2);
  const out = run.stdout;
  expect(out).toContain('would change: 1');
  expect(out).toContain('2 to rewrite');
  expect(out).not.toMatch(/\bchanged: 1\b|\d+ rewritten/);
  expect(out).not.toMatch(/entry added/);
  const would = out.indexOf('Changelog: the entry would be added to CHANGELOG.md; nothing was written');
  expect(would).toBeGreaterThan(-1);
  expect(out.indexOf('Nothing was written')).toBeGreaterThan(would);
  expect(json.written).toBe(false);
  expect(json.changelog.written).toBe(false);
  expect(json.changelog.note).not.toMatch(/entry added/);
  expect(json.changelog.note).toMatch(/nothing was written/);
  expect(md).toMatch(/\*\*2 redirects to rewrite\*\*/);
  expect(md).toContain('| Framework | To rewrite |');
  expect(md).toContain('<summary>Calls to rewrite (2)</summary>');
  expect(md).not.toMatch(/Rewritten/);
  expect(md).toMatch(/\*\*Changelog:\*\* entry to be added to `CHANGELOG\.md`/);
  expect(md.indexOf('**Nothing was written:**')).toBeGreaterThan(md.indexOf('**Changelog:**'));
  expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(APP);
  expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
}

describe('a refused run says what it would do, then that nothing was written', () => {
  it('Flask >= 3.2 without --force-mode', () => {
    const dir = repo({ 'app.py': APP, 'CHANGELOG.md': CHANGELOG, 'requirements.txt': 'flask==3.2.0\n' });
    expectRefusedReports(refusedRun(dir), dir);
  });

  it('a file with uncommitted changes', () => {
    const dir = repo({ 'app.py': APP, 'CHANGELOG.md': CHANGELOG });
    appendFileSync(path.join(dir, 'app.py'), '# local edit\n');
    const refused = refusedRun(dir);
    writeFileSync(path.join(dir, 'app.py'), APP);
    expectRefusedReports(refused, dir);
    expect(refused.md).toMatch(/\*\*Nothing was written:\*\* 1 file to rewrite is not committed in git/);
  });

  it('a run that writes says so', () => {
    const dir = repo({ 'app.py': APP, 'CHANGELOG.md': CHANGELOG });
    const json = path.join(dir, '..', `${path.basename(dir)}.json`);
    const run = runCli([dir, '--mode', 'preserve', '--json', json]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('changed: 1');
    expect(run.stdout).toMatch(/Changelog: entry added to CHANGELOG\.md/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect([report.written, report.changelog.written]).toEqual([true, true]);
  });
});

describe('dry-run diff paths are relative to the repository top', () => {
  it('a run on a subdirectory shows b/CHANGELOG.md and b/services/web/app.py, never ../', () => {
    const dir = repo({ 'services/web/app.py': APP, 'CHANGELOG.md': CHANGELOG });
    const run = runCli([path.join(dir, 'services', 'web'), '--mode', 'preserve', '--dry']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--- a/services/web/app.py\n+++ b/services/web/app.py\n');
    expect(run.stdout).toContain('--- a/CHANGELOG.md\n+++ b/CHANGELOG.md\n');
    expect(run.stdout).not.toContain('../');
  });
});

describe('outside a git work tree', () => {
  const line = /nothing can bring them back; --dry shows the diff without writing/g;

  it('says in one line that nothing can bring the files back, and how to get a dry run', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.py'), APP);
    const run = runCli([dir, '--mode', 'preserve', '--no-changelog']);
    expect(run.status).toBe(0);
    expect(run.stdout.match(line)).toHaveLength(1);
  });

  it('says nothing of the kind in a git work tree, or in a dry run', () => {
    const dir = repo({ 'app.py': APP });
    expect(runCli([dir, '--mode', 'preserve', '--no-changelog']).stdout).not.toMatch(line);
    const bare = tempDir();
    writeFileSync(path.join(bare, 'app.py'), APP);
    expect(runCli([bare, '--mode', 'preserve', '--no-changelog', '--dry']).stdout).not.toMatch(line);
  });
});

describe('the changelog entry describes the files on disk after the run', () => {
  it('a file that could not be written is not counted', () => {
    const dir = repo({ 'a.py': APP, 'b.py': APP, 'CHANGELOG.md': CHANGELOG });
    // A second hard link: the tool does not replace a file that has several.
    linkSync(path.join(dir, 'b.py'), path.join(dir, '..', `${path.basename(dir)}-b-link.py`));
    const run = runCli([dir, '--mode', 'preserve']);
    expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toBe(APP);
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toContain('code=302');
    expect(run.stdout).toMatch(/entry added to CHANGELOG\.md/);
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(/Explicit redirect status: 2 redirects \(Flask 2\)/);
  });

  it('a rerun after a run stopped before its changelog write completes the entry, once', () => {
    const dir = repo({ 'a.py': APP, 'b.py': APP, 'CHANGELOG.md': CHANGELOG });
    // The state a run killed after its last source write leaves: sources rewritten, no entry.
    expect(runCli([dir, '--mode', 'preserve', '--no-changelog']).status).toBe(0);
    expect(git(dir, 'status', '--porcelain')).toMatch(/a\.py/);
    const rerun = runCli([dir, '--mode', 'preserve']);
    expect(rerun.status, rerun.stdout).toBe(0);
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(/Explicit redirect status: 4 redirects \(Flask 4\) now pass `code=302`/);
    runCli([dir, '--mode', 'preserve']);
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8').match(/Explicit redirect status/g)).toHaveLength(1);
  });

  it('committed explicit statuses are the project’s own: no entry for them', () => {
    const dir = repo({ 'a.py': APP.replaceAll('")', '", code=302)'), 'CHANGELOG.md': CHANGELOG });
    runCli([dir, '--mode', 'preserve']);
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
  });
});
