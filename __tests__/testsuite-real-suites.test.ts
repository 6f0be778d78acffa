/**
 * The test-suite step against real test runners: a Flask app with its pytest suite (Debian's
 * python3-pytest), an Express app with supertest, a Fastify app with inject (node's test
 * runner) and a Hono app with app.request (vitest), in __testfixtures__/testsuites/. Each suite
 * passes before; after `adopt --no-update-tests` it fails on exactly the tests whose
 * assertions the tool tied (and listed); after `adopt` it passes again, the only change to
 * the test files being those literals; after `preserve` it passes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, initRepo, runCli, tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

const PYTHON = process.env.REDIRECT_CODEMOD_FLASK_PYTHON || '/usr/bin/python3';
const hasPytest = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import flask, pytest'], { encoding: 'utf8' }).status === 0;
const REQUIRE = process.env.REDIRECT_CODEMOD_REQUIRE_FLASK === '1';

/** The child runners get an environment without this vitest's own variables. */
const CHILD_ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'TEST'));

interface SuiteRun {
  ok: boolean;
  failed: string[];
  output: string;
}

function pytest(dir: string): SuiteRun {
  const run = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-rf', '-p', 'no:cacheprovider'], { cwd: dir, encoding: 'utf8', env: { ...CHILD_ENV, PYTHONDONTWRITEBYTECODE: '1' } });
  const failed = [...run.stdout.matchAll(/^FAILED (\S+)/gm)].map((m) => m[1]!);
  return { ok: run.status === 0, failed: failed.sort(), output: run.stdout + run.stderr };
}

function nodeTest(dir: string): SuiteRun {
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'test/'], { cwd: dir, encoding: 'utf8', env: CHILD_ENV });
  const failed = [...run.stdout.matchAll(/^not ok \d+ - (.+)$/gm)].map((m) => m[1]!);
  return { ok: run.status === 0, failed: failed.sort(), output: run.stdout + run.stderr };
}

function vitest(dir: string): SuiteRun {
  const run = spawnSync(process.execPath, [path.join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json', '--outputFile=results.json'], { cwd: dir, encoding: 'utf8', env: CHILD_ENV });
  const file = path.join(dir, 'results.json');
  if (!existsSync(file)) return { ok: false, failed: ['(no report)'], output: run.stdout + run.stderr };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }> };
  const failed = report.testResults.flatMap((r) => r.assertionResults.filter((a) => a.status !== 'passed').map((a) => a.title));
  return { ok: run.status === 0, failed: failed.sort(), output: run.stdout + run.stderr };
}

interface Suite {
  name: string;
  run: (dir: string) => SuiteRun;
  /** node_modules/<name> → the repository's node_modules/<provider>. */
  modules: Record<string, string>;
  /** The tests holding an assertion of 302 on a redirect the tool rewrites to 303, read from the fixture by hand. */
  tied: string[];
  testFiles: string[];
  available: boolean;
}

const SUITES: Suite[] = [
  {
    name: 'flask',
    run: pytest,
    modules: {},
    tied: [
      'tests/test_auth.py::LogoutCase::test_logout',
      'tests/test_auth.py::test_login_redirects_home',
      'tests/test_auth.py::test_logout_by_endpoint',
      'tests/test_auth.py::test_logout_status_line',
      'tests/test_pages.py::test_start_goes_home',
    ],
    testFiles: ['tests/test_auth.py', 'tests/test_pages.py'],
    available: hasPytest,
  },
  {
    name: 'express',
    run: nodeTest,
    modules: { express: 'express5', supertest: 'supertest' },
    tied: ['login redirects home', 'login, through then()', 'logout answers a redirect', 'logout with a callback', 'logout, strictly'],
    testFiles: ['test/auth.test.js', 'test/pages.test.js'],
    available: true,
  },
  {
    name: 'fastify',
    run: nodeTest,
    modules: { fastify: 'fastify5' },
    tied: ['deleting the account redirects', 'login redirects home', 'logout, through the chained inject'],
    testFiles: ['test/app.test.js'],
    available: true,
  },
  {
    name: 'hono',
    run: vitest,
    modules: { hono: 'hono', vitest: 'vitest' },
    tied: ['login redirects home', 'logout'],
    testFiles: ['test/app.test.js'],
    available: true,
  },
];

/** A committed copy of the fixture, with the frameworks linked in. */
function project(suite: Suite): string {
  const dir = tempDir(`redirect-codemod-suite-${suite.name}-`);
  cpSync(path.join(FIXTURES, 'testsuites', suite.name), dir, { recursive: true });
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\nresults.json\n__pycache__/\n');
  for (const [name, provider] of Object.entries(suite.modules)) {
    mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules', provider), path.join(dir, 'node_modules', name), 'dir');
  }
  initRepo(dir);
  return dir;
}

interface Report {
  tests: Array<{ file: string; line: number; action: string; reason?: string; text: string }>;
}

function codemod(dir: string, ...args: string[]): Report {
  const run = runCli([dir, ...args, '--json', '-', '--no-changelog']);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** The lines that differ between two versions of a file (same line count expected). */
function changedLines(before: string, after: string): Array<{ line: number; before: string; after: string }> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((text, i) => (text === b[i] ? [] : [{ line: i + 1, before: text, after: b[i]! }]));
}

describe.each(SUITES)('the $name suite', (suite) => {
  const skip = !suite.available && !REQUIRE;
  it.skipIf(skip)('passes before, fails on exactly the tied tests after adopt --no-update-tests, passes after adopt and after preserve', () => {
    const listedDir = project(suite);
    const before = suite.run(listedDir);
    expect(before.failed, before.output).toEqual([]);
    expect(before.ok, before.output).toBe(true);

    const listed = codemod(listedDir, '--mode', 'adopt', '--no-update-tests');
    const tiedButListed = listed.tests.filter((t) => t.action === 'listed' && t.reason?.includes('--no-update-tests'));
    expect(tiedButListed.length).toBe(suite.tied.length);
    for (const file of suite.testFiles) expect(readFileSync(path.join(listedDir, file), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'testsuites', suite.name, file), 'utf8'));
    const broken = suite.run(listedDir);
    expect(broken.failed, broken.output).toEqual(suite.tied);

    const adoptDir = project(suite);
    const adopted = codemod(adoptDir, '--mode', 'adopt');
    const updated = adopted.tests.filter((t) => t.action === 'test-updated');
    expect(updated.map((t) => `${t.file}:${t.line}`).sort()).toEqual(tiedButListed.map((t) => `${t.file}:${t.line}`).sort());
    // The test files differ by the status literals of those assertions, nothing else.
    const edited = suite.testFiles.flatMap((file) =>
      changedLines(readFileSync(path.join(FIXTURES, 'testsuites', suite.name, file), 'utf8'), readFileSync(path.join(adoptDir, file), 'utf8')).map((c) => ({ file, ...c })),
    );
    expect(edited.map((c) => `${c.file}:${c.line}`).sort()).toEqual(updated.map((t) => `${t.file}:${t.line}`).sort());
    for (const change of edited) expect(change.after).toBe(change.before.replace('302 FOUND', '303 SEE OTHER').replace(/\b302\b(?![\s\S]*\b302\b)/, '303'));
    const fixed = suite.run(adoptDir);
    expect(fixed.failed, fixed.output).toEqual([]);
    expect(fixed.ok, fixed.output).toBe(true);
    // A second run changes nothing.
    const again = codemod(adoptDir, '--mode', 'adopt');
    expect(again.tests.filter((t) => t.action === 'test-updated')).toEqual([]);

    const preserveDir = project(suite);
    const preserved = codemod(preserveDir, '--mode', 'preserve');
    expect(preserved.tests.filter((t) => t.action !== 'unchanged')).toEqual([]);
    for (const file of suite.testFiles) expect(readFileSync(path.join(preserveDir, file), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'testsuites', suite.name, file), 'utf8'));
    const kept = suite.run(preserveDir);
    expect(kept.failed, kept.output).toEqual([]);
    expect(kept.ok, kept.output).toBe(true);
  }, 120_000);
});
