/**
 * The command line as users run it: a built CLI in a child process on copies of
 * real trees. Exit codes, dry runs, the JSON report, idempotence, git safety.
 */
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, git, initRepo, REPO, runCli, tempDir } from './helpers/cli.js';
import { fixtureBytes } from './helpers/fixtures.js';

const EXAMPLE = path.join(REPO, 'examples', 'flask-shop');

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(path.relative(dir, full), readFileSync(full).toString('base64'));
    }
  };
  walk(dir);
  return files;
}

describe('usage errors exit 2', () => {
  it('without --mode, explains the two modes', () => {
    const run = runCli([EXAMPLE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--mode is required/);
    expect(run.stderr).toMatch(/preserve\s+write 302 \(code=302\)/);
    expect(run.stderr).toMatch(/adopt\s+write 303 \(code=303\)/);
  });

  it('-h / --help and -v / --version answer on stdout, exit 0, per command too', () => {
    const help = runCli(['-h']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^redirect-codemod \[run\] <paths\.\.>/);
    expect(help.stdout).toContain('Options of every command:');
    const checkHelp = runCli(['check', '--help']);
    expect(checkHelp.stdout).toContain('--format');
    expect(checkHelp.stdout).not.toContain('--mode');
    const version = runCli(['-v']);
    expect(version).toMatchObject({ status: 0, stdout: `${JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}\n` });
  });

  it.each([
    [[EXAMPLE, '--mode', 'preserve', '--jsno', 'x'], 'Unknown argument: --jsno (did you mean --json?)'],
    [[EXAMPLE, '--mode', 'preserve', '--dry-run'], 'Unknown argument: --dry-run (did you mean --dry?)'],
    [['check', EXAMPLE, '--mode', 'preserve'], 'Unknown argument: --mode (an option of run and fleet, not of check)'],
    [['chek', EXAMPLE], 'chek: no such file or directory (did you mean the command check?)'],
  ])('%j: exit 2 with a suggestion', (argv, message) => {
    const run = runCli(argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('for a path that does not exist', () => {
    const run = runCli(['no/such/dir', '--mode', 'preserve']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no\/such\/dir: no such file or directory/);
  });

  it('for a JSON report in a directory that does not exist', () => {
    const run = runCli([EXAMPLE, '--mode', 'preserve', '--dry', '--json', '/no/such/dir/report.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\/no\/such\/dir\/report\.json: its directory does not exist/);
  });

  it('for an unknown flag or mode', () => {
    expect(runCli([EXAMPLE, '--mode', 'preserve', '--frobnicate']).status).toBe(2);
    expect(runCli([EXAMPLE, '--mode', 'sideways']).status).toBe(2);
  });
});

describe('a run on the example app', () => {
  it('--dry prints the diff and the summary and writes nothing', () => {
    const dir = copyToTemp(EXAMPLE);
    const before = snapshot(dir);
    const run = runCli([dir, '--mode', 'adopt', '--dry']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--- a/shop/catalog.py\n+++ b/shop/catalog.py');
    expect(run.stdout).toContain('+    return go(url_for("catalog.index"), code=303)  # back to the list');
    expect(run.stdout).toMatch(/8 to rewrite, 1 already explicit, 1 left for review/);
    expect(run.stdout).toMatch(/shop\/account\.py:34:12 +flask\.redirect: the call passes \*\*options/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('colours the diff only when asked: FORCE_COLOR on, NO_COLOR off', () => {
    const coloured = runCli([EXAMPLE, '--mode', 'adopt', '--dry'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[32m+    return go(url_for("catalog.index"), code=303)');
    const plain = runCli([EXAMPLE, '--mode', 'adopt', '--dry'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });

  it('DRY_RUN=true (multi-gitter) means --dry', () => {
    const dir = copyToTemp(EXAMPLE);
    const before = snapshot(dir);
    expect(runCli([dir, '--mode', 'adopt'], { env: { DRY_RUN: 'true' } }).status).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });

  it('rewrites in place, adds the changelog entry, and a second run changes nothing', () => {
    const dir = copyToTemp(EXAMPLE);
    initRepo(dir);
    const first = runCli([dir, '--mode', 'preserve']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/8 rewritten/);
    expect(readFileSync(path.join(dir, 'shop/catalog.py'), 'utf8')).toContain('return go(url_for("catalog.index"), code=302)');
    const changelog = readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog.match(/Explicit redirect status: 8 redirects \(Flask 7, Werkzeug 1\)/g)).toHaveLength(1);

    git(dir, 'commit', '-qam', 'rewrite');
    const after = snapshot(dir);
    const second = runCli([dir, '--mode', 'preserve']);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/0 rewritten, 9 already explicit, 1 left for review/);
    expect(snapshot(dir)).toEqual(after);
  });

  it('--json - writes only the report on stdout, in the documented shape', () => {
    const dir = copyToTemp(EXAMPLE);
    const run = runCli([dir, '--mode', 'adopt', '--dry', '--json', '-']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      version: 1,
      mode: 'adopt',
      summary: { filesScanned: 3, filesChanged: 3, rewritten: 8, explicit: 1, review: 1, errors: 0, byFramework: { flask: { rewritten: 7, explicit: 1, review: 1 }, werkzeug: { rewritten: 1 } } },
      errors: [],
    });
    const site = report.sites.find((s: { api: string }) => s.api === 'werkzeug.utils.redirect');
    expect(site).toEqual({
      file: 'shop/account.py', line: 27, column: 12, endLine: 27, endColumn: 40, language: 'python', framework: 'werkzeug',
      api: 'werkzeug.utils.redirect', status: { before: 'implicit', after: 303 }, action: 'rewritten', edit: { offset: expect.any(Number), insert: ', code=303' },
      risk: { methods: ['POST', 'DELETE', 'OPTIONS'], changesBehaviour: true, why: 'route decorator' },
    });
    expect(report.summary.risk).toMatchObject({ identical: 5, changes: 3, unknown: 0 });
    expect(report.versions.packages).toEqual([{ name: 'flask', declared: '>=2.2,<3.2', sources: ['requirements.txt'] }]);
    expect(report.sites.find((s: { action: string }) => s.action === 'review')).toMatchObject({ file: 'shop/account.py', line: 34, reason: expect.stringContaining('**options') });
    expect(run.stderr).toMatch(/redirect-codemod · mode adopt/);
  });
});

describe('a repository with Python and JavaScript', () => {
  it('gives one report and one changelog entry for both', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.py'), 'from flask import redirect\n\ndef v():\n    return redirect("/")\n');
    writeFileSync(path.join(dir, 'server.js'), "const app = require('express')();\napp.get('/', (req, res) => res.redirect('/home'));\n");
    writeFileSync(path.join(dir, 'package.json'), '{ "dependencies": { "express": "^4.21.0" } }\n');
    writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n');
    const run = runCli([dir, '--mode', 'preserve', '--json', '-']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sites.map((s: { file: string; framework: string; action: string }) => `${s.file} ${s.framework} ${s.action}`)).toEqual(['app.py flask rewritten', 'server.js express rewritten']);
    expect(readFileSync(path.join(dir, 'server.js'), 'utf8')).toContain("res.redirect(302, '/home')");
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(/Explicit redirect status: 2 redirects \(Flask 1, Express 1\) now name their status, 302/);
  });
});

describe('large and minified files', () => {
  it('are skipped and listed, unless the flags include them', () => {
    const dir = tempDir();
    const call = "const app = require('express')();app.get('/',(req,res)=>res.redirect('/home'));";
    writeFileSync(path.join(dir, 'bundle.min.js'), `${call}${'var x=1;'.repeat(1000)}\n`);
    writeFileSync(path.join(dir, 'big.py'), `from flask import redirect\nredirect("/")\n${'# padding\n'.repeat(2000)}`);
    const run = runCli([dir, '--mode', 'preserve', '--no-changelog', '--max-file-size', '10000', '--json', '-']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.skipped).toEqual([
      { file: 'big.py', reason: expect.stringMatching(/^larger than 10 KiB \(20 KiB\); not parsed \(raise --max-file-size to include it\)$/) },
      { file: 'bundle.min.js', reason: expect.stringMatching(/looks minified or bundled/) },
    ]);
    expect(report.sites).toEqual([]);
    expect(run.stderr).toMatch(/Skipped \(2\): not parsed/);

    const included = runCli([dir, '--mode', 'preserve', '--no-changelog', '--include-minified', '--json', '-']);
    expect(JSON.parse(included.stdout).sites.map((s: { file: string }) => s.file)).toEqual(['big.py', 'bundle.min.js']);
  });
});

describe('files it cannot process', () => {
  it('are listed, left untouched, and the run exits 3 after finishing the others', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ok.py'), 'from flask import redirect\nredirect("/")\n');
    writeFileSync(path.join(dir, 'py2.py'), fixtureBytes('flask', 'python2-file', 'input'));
    writeFileSync(path.join(dir, 'latin1.py'), Buffer.from('from flask import redirect\n# caf\xe9\nredirect("/")\n', 'latin1'));
    const py2 = readFileSync(path.join(dir, 'py2.py'));
    const latin1 = readFileSync(path.join(dir, 'latin1.py'));
    const run = runCli([dir, '--mode', 'preserve', '--no-changelog', '--json', path.join(dir, 'report.json')]);
    expect(run.status).toBe(3);
    expect(readFileSync(path.join(dir, 'ok.py'), 'utf8')).toBe('from flask import redirect\nredirect("/", code=302)\n');
    expect(readFileSync(path.join(dir, 'py2.py')).equals(py2)).toBe(true);
    expect(readFileSync(path.join(dir, 'latin1.py')).equals(latin1)).toBe(true);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.errors).toEqual([
      { file: 'latin1.py', message: expect.stringMatching(/not valid UTF-8 \(byte offset 32, line 2\)/), line: 2 },
      { file: 'py2.py', message: expect.stringMatching(/Python 2 print statement at line 5/), line: 5 },
    ]);
    expect(run.stdout).toMatch(/Files not processed \(2\)/);
  });
});

describe('bytes and files are kept', () => {
  it('keeps CRLF, the BOM and the file mode; writes atomically without leftovers', () => {
    const dir = tempDir();
    const file = path.join(dir, 'view.py');
    writeFileSync(file, fixtureBytes('flask', 'crlf-bom', 'input'));
    chmodSync(file, 0o750);
    const run = runCli([dir, '--mode', 'adopt', '--no-changelog']);
    expect(run.status).toBe(0);
    expect(readFileSync(file).equals(fixtureBytes('flask', 'crlf-bom', 'adopt.output'))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o750);
    expect(readdirSync(dir)).toEqual(['view.py']);
  });

  it('does not follow a symbolic link to a file outside the root', () => {
    const outside = tempDir();
    const target = path.join(outside, 'elsewhere.py');
    writeFileSync(target, 'from flask import redirect\nredirect("/")\n');
    const dir = tempDir();
    symlinkSync(target, path.join(dir, 'linked.py'));
    const run = runCli([dir, '--mode', 'preserve', '--no-changelog']);
    expect(run.status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('from flask import redirect\nredirect("/")\n');
    expect(run.stdout).toMatch(/files scanned: 0/);

    // --follow-symlinks reads through the link and reports the call, but never writes through it.
    const followed = runCli([dir, '--mode', 'preserve', '--no-changelog', '--follow-symlinks', '--json', '-']);
    expect(followed.status).toBe(0);
    expect(JSON.parse(followed.stdout).sites).toEqual([
      expect.objectContaining({ file: 'linked.py', action: 'review', reason: expect.stringMatching(/never writes through one/) }),
    ]);
    expect(readFileSync(target, 'utf8')).toBe('from flask import redirect\nredirect("/")\n');
  });
});

describe('git work trees', () => {
  function repoWithChange(): string {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app', 'views.py'), 'from flask import redirect\n\ndef v():\n    return redirect("/")\n');
    writeFileSync(path.join(dir, 'app', 'clean.py'), 'from flask import redirect\n\ndef w():\n    return redirect("/w")\n');
    initRepo(dir);
    writeFileSync(path.join(dir, 'app', 'views.py'), 'from flask import redirect\n\ndef v():\n    return redirect("/edited")\n');
    return dir;
  }

  it('refuses to write when a file to rewrite has uncommitted changes, and names it', () => {
    const dir = repoWithChange();
    const run = runCli([dir, '--mode', 'preserve']);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/app\/views\.py has uncommitted changes/);
    expect(run.stdout).toMatch(/--allow-dirty/);
    expect(readFileSync(path.join(dir, 'app', 'clean.py'), 'utf8')).not.toContain('code=302');
    expect(git(dir, 'status', '--porcelain')).toBe(' M app/views.py\n');
  });

  it('--dry always runs; --allow-dirty writes', () => {
    const dir = repoWithChange();
    expect(runCli([dir, '--mode', 'preserve', '--dry']).status).toBe(0);
    const run = runCli([dir, '--mode', 'preserve', '--allow-dirty']);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, 'app', 'views.py'), 'utf8')).toContain('redirect("/edited", code=302)');
    expect(readFileSync(path.join(dir, 'app', 'clean.py'), 'utf8')).toContain('redirect("/w", code=302)');
  });

  it('finds the changelog at the top of the repository when run on a subfolder', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'views.py'), 'from flask import redirect\nredirect("/")\n');
    writeFileSync(path.join(dir, 'CHANGES.rst'), 'Version 1.1.0\n-------------\n\nUnreleased\n\n-   Something.\n');
    initRepo(dir);
    const run = runCli([path.join(dir, 'src'), '--mode', 'adopt']);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, 'CHANGES.rst'), 'utf8')).toMatch(/^-   Something\.\n-   Explicit redirect status: 1 redirect \(Flask 1\) now passes ``code=303``/m);
    expect(existsSync(path.join(dir, 'src', 'CHANGES.rst'))).toBe(false);
  });

  it('--changelog FILE names the file; without a changelog the entry is printed', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'views.py'), 'from flask import redirect\nredirect("/")\n');
    const printed = runCli([dir, '--mode', 'preserve', '--dry']);
    expect(printed.stdout).toMatch(/no changelog found.*\n {2}Explicit redirect status: 1 redirect/);
    const named = runCli([dir, '--mode', 'preserve', '--changelog', path.join(dir, 'NEWS.md')]);
    expect(named.status).toBe(0);
    expect(readFileSync(path.join(dir, 'NEWS.md'), 'utf8')).toMatch(/## \[Unreleased\]\n\n### Changed\n\n- Explicit redirect status: 1 redirect/);
  });
});
