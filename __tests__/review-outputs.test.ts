/**
 * The outputs that go into review and release: --patch (checked by `git apply`), the
 * pull-request summary, changelog fragments (towncrier, Changesets), the check gate in
 * every format (SARIF validated against the official 2.1.0 schema), --exit-code, the
 * pre-commit hook, and the progress line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { Progress } from '../src/reports/progress.js';
import { git, initRepo, REPO, runCli, tempDir } from './helpers/cli.js';

const require = createRequire(import.meta.url);

function repo(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  initRepo(dir);
  return dir;
}

const FLASK_VIEW = 'from flask import redirect\n\n\ndef view():\n    return redirect("/")\n';

describe('--patch', () => {
  it('is a diff that git apply --check accepts on the unchanged tree, CRLF and missing newlines included', () => {
    const dir = repo({
      'app/views.py': FLASK_VIEW,
      'app/crlf.py': 'from flask import redirect\r\n\r\ndef v():\r\n    return redirect("/crlf")\r\n',
      'app/no newline.py': 'from flask import redirect\nredirect("/last")',
      'web/server.js': "const app = require('express')();\napp.get('/', (req, res) => res.redirect('/home'));\n",
      'package.json': '{ "dependencies": { "express": "^4.21.0" } }\n',
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Earlier.\n\n## [1.0.0] - 2025-01-01\n\n- First.',
    });
    const run = runCli([path.join(dir, 'app'), path.join(dir, 'web'), '--mode', 'adopt', '--dry', '--patch', path.join(dir, '..', `${path.basename(dir)}.patch`)]);
    expect(run.status, run.stderr).toBe(0);
    const patchFile = path.join(dir, '..', `${path.basename(dir)}.patch`);
    const patch = readFileSync(patchFile, 'utf8');
    expect(patch).toContain('diff --git a/app/crlf.py b/app/crlf.py\n--- a/app/crlf.py\n+++ b/app/crlf.py\n');
    expect(patch).toContain('\\ No newline at end of file');
    expect(patch).toContain('--- a/CHANGELOG.md');
    expect(git(dir, 'apply', '--check', patchFile)).toBe('');

    // Applying the patch gives exactly what a real run writes.
    git(dir, 'apply', patchFile);
    const applied = ['app/views.py', 'app/crlf.py', 'app/no newline.py', 'web/server.js', 'CHANGELOG.md'].map((f) => readFileSync(path.join(dir, f)));
    git(dir, 'checkout', '--', '.');
    expect(runCli([path.join(dir, 'app'), path.join(dir, 'web'), '--mode', 'adopt']).status).toBe(0);
    const written = ['app/views.py', 'app/crlf.py', 'app/no newline.py', 'web/server.js', 'CHANGELOG.md'].map((f) => readFileSync(path.join(dir, f)));
    expect(applied).toEqual(written);
  });
});

describe('--summary-md', () => {
  it('is a pull-request body: what and why, a table per framework, the review list, how to reproduce', () => {
    const dir = repo({
      'app.py': FLASK_VIEW + '\n\ndef other(**options):\n    return redirect("/x", **options)\n',
      'CHANGELOG.md': '# Changelog\n',
    });
    const run = runCli([dir, '--mode', 'preserve', '--dry', '--summary-md', '-']);
    expect(run.status).toBe(0);
    const md = run.stdout;
    expect(md).toMatch(/^## Make redirect statuses explicit \(preserve: 302\)\n/);
    expect(md).toContain('Flask 3.2 and Werkzeug 3.2 change the default status of `redirect()` from **302 to 303**');
    expect(md).toContain('| Flask | 1 | 0 | 1 |');
    expect(md).toContain('- [ ] `app.py:9` — `flask.redirect`: the call passes \\*\\*options, which may carry the status');
    expect(md).toContain('**Changelog:** entry to be added to `CHANGELOG.md`.');
    expect(md).toContain('<details><summary>Calls to rewrite (1)</summary>\n\n- `app.py:5` — `flask.redirect` → 302\n');
    expect(md).toMatch(/```sh\n# redirect-codemod \d+\.\d+\.\d+, not yet on the npm registry: from a clone of its repository, npm ci && npm link\nredirect-codemod run \. --mode preserve\n```/);
    expect(run.stderr).toMatch(/redirect-codemod · mode preserve/);
  });
});

describe('changelog conventions', () => {
  it('towncrier: a fragment of the configured type in the configured directory, once', () => {
    const dir = repo({
      'app.py': FLASK_VIEW,
      'pyproject.toml': '[project]\nname = "shop"\n\n[tool.towncrier]\ndirectory = "changes"\nfilename = "CHANGELOG.md"\n\n[[tool.towncrier.type]]\ndirectory = "added"\nname = "Added"\nshowcontent = true\n\n[[tool.towncrier.type]]\ndirectory = "changed"\nname = "Changed"\nshowcontent = true\n',
      'CHANGELOG.md': '# Changelog\n',
    });
    const run = runCli([dir, '--mode', 'preserve']);
    expect(run.stdout).toMatch(/Changelog: towncrier fragment changes\/\+redirect-status\.changed\.md added/);
    expect(readFileSync(path.join(dir, 'changes', '+redirect-status.changed.md'), 'utf8')).toMatch(/^Explicit redirect status: 1 redirect \(Flask 1\) now passes `code=302`/);
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toBe('# Changelog\n');

    writeFileSync(path.join(dir, 'more.py'), FLASK_VIEW);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'more');
    const again = runCli([dir, '--mode', 'preserve']);
    expect(again.stdout).toMatch(/the towncrier fragment changes\/\+redirect-status\.changed\.md already exists; not added again/);
  });

  it('towncrier.toml with the default types: a misc fragment in reStructuredText', () => {
    const dir = repo({ 'src/app.py': FLASK_VIEW, 'towncrier.toml': '[tool.towncrier]\npackage = "shop"\npackage_dir = "src"\n' });
    expect(runCli([dir, '--mode', 'adopt']).status).toBe(0);
    expect(readFileSync(path.join(dir, 'src', 'shop', 'newsfragments', '+redirect-status.misc.rst'), 'utf8')).toMatch(/now passes ``code=303`` \(See Other\)/);
  });

  it('Changesets: a changeset naming the changed packages with a patch bump', () => {
    const dir = repo({
      '.changeset/config.json': '{ "baseBranch": "main" }\n',
      'packages/web/package.json': '{ "name": "@acme/web", "dependencies": { "hono": "^4.0.0" } }\n',
      'packages/web/src/app.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.redirect('/home'));\n",
    });
    expect(runCli([dir, '--mode', 'adopt']).status).toBe(0);
    expect(readFileSync(path.join(dir, '.changeset', 'redirect-status.md'), 'utf8')).toBe(
      '---\n"@acme/web": patch\n---\n\nExplicit redirect status: 1 redirect (Hono 1) now names its status, 303 (See Other), instead of the implicit 302. Clients follow a 303 with a GET, so a redirect answered to a PUT, PATCH or DELETE request no longer repeats that method.\n',
    );
  });

  it('a fragment directory configured outside the repository is refused', () => {
    const dir = repo({ 'app.py': FLASK_VIEW, 'towncrier.toml': '[tool.towncrier]\ndirectory = "../../outside-fragments"\n' });
    const run = runCli([dir, '--mode', 'preserve']);
    expect(run.stdout).toMatch(/lies outside the repository/);
    expect(existsSync(path.join(dir, '..', '..', 'outside-fragments'))).toBe(false);
  });
});

describe('check', () => {
  const project = () => repo({ 'app.py': FLASK_VIEW + '\n\ndef kw(**o):\n    return redirect("/k", **o)\n', 'done.py': 'from flask import redirect\nredirect("/", code=302)\n' });

  it('exits 1 while implicit redirects remain and 0 once they are explicit; it changes nothing', () => {
    const dir = project();
    const found = runCli(['check', dir]);
    expect(found.status).toBe(1);
    expect(found.stdout).toMatch(/1 implicit redirect\(s\), 1 to review/);
    expect(found.stdout).toMatch(/app\.py:5:12 {2}implicit {2}flask\.redirect\(\) names no status/);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(runCli([dir, '--mode', 'preserve', '--no-changelog']).status).toBe(0);
    expect(runCli(['check', dir]).status).toBe(0);
  });

  it('--format github writes workflow annotations', () => {
    const run = runCli(['check', project(), '--format', 'github']);
    expect(run.stdout).toMatch(/^::warning file=app\.py,line=5,col=12,endLine=5,endColumn=25,title=Redirect without an explicit status::flask\.redirect\(\) names no status/m);
    expect(run.stdout).toMatch(/^::notice file=app\.py,line=9,.*::flask\.redirect: the call passes \*\*o/m);
  });

  it('--format sarif is valid SARIF 2.1.0 (the official schema)', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'broken.py'), 'from flask import redirect\nredirect("/"\n');
    const run = runCli(['check', dir, '--format', 'sarif']);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The official schema is draft-04; one of its patterns is not valid as a Unicode regex.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv as never);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual([
      'implicit-redirect-status:warning',
      'redirect-status-unproven:note',
      'file-not-processed:error',
    ]);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'app.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 12, endLine: 5, endColumn: 25 } });
  });

  it('--format json is the run report', () => {
    const report = JSON.parse(runCli(['check', project(), '--format', 'json']).stdout);
    expect(report).toMatchObject({ version: 1, summary: { rewritten: 1, review: 1, explicit: 1 } });
  });

  it('exits 3 when only unparseable files are in the way', () => {
    const dir = repo({ 'broken.py': 'from flask import redirect\nredirect("/"\n' });
    expect(runCli(['check', dir]).status).toBe(3);
  });

  it('the pre-commit hook runs its entry on the staged files', () => {
    const hook = readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
    expect(hook).toMatch(/- id: redirect-codemod-check/);
    const entry = /entry: (.*)/.exec(hook)![1]!.split(' ');
    expect(entry.slice(0, 2)).toEqual(['redirect-codemod', 'check']);
    const dir = project();
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin', 'redirect-codemod.js'), ...entry.slice(1), path.join(dir, 'app.py')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
  });
});

describe('run --exit-code', () => {
  it('exits 1 when files changed, 0 when there was nothing to do', () => {
    const dir = repo({ 'app.py': FLASK_VIEW });
    expect(runCli([dir, '--mode', 'preserve', '--exit-code', '--no-changelog']).status).toBe(1);
    git(dir, 'commit', '-qam', 'explicit');
    expect(runCli([dir, '--mode', 'preserve', '--exit-code', '--no-changelog']).status).toBe(0);
    expect(runCli([dir, '--mode', 'preserve', '--no-changelog']).status).toBe(0);
  });
});

describe('the progress line', () => {
  function fakeTerminal(isTTY: boolean) {
    const written: string[] = [];
    const stream = { isTTY, columns: 80, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    return { stream, written };
  }

  it('appears on a terminal only after a second, and erases itself', () => {
    let now = 0;
    const { stream, written } = fakeTerminal(true);
    const progress = new Progress(stream, {}, () => now);
    progress.update(1, 10, 0);
    expect(written).toEqual([]);
    now = 1500;
    progress.update(5, 10, 3);
    expect(written.at(-1)).toBe('\r[###############...............] 5/10 files, 3 redirects\u001b[K');
    progress.done();
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('stays silent in pipes and in CI', () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: 'true' }]] as const) {
      const { stream, written } = fakeTerminal(isTTY);
      const progress = new Progress(stream, env, () => 5000);
      progress.update(5, 10, 3);
      progress.done();
      expect(written).toEqual([]);
    }
  });

  it('a piped run prints nothing on stderr', () => {
    const dir = repo({ 'app.py': FLASK_VIEW });
    const run = runCli([dir, '--mode', 'preserve', '--dry']);
    expect(run.stderr).toBe('');
  });
});
