/**
 * The test-suite step piece by piece, on the real parsers: which files are tests, which
 * assertions of 302 are found (Python and JavaScript tables of valid and invalid forms), which
 * request each is tied to, path matching, the literal-replacement check, and the whole run:
 * adopt-safe, preserve on Flask 3.2, --no-update-tests, a test file that also holds a redirect,
 * a test read through a symbolic link, and every report showing `test-updated`.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJs } from '../src/js/parser.js';
import { withPythonTree } from '../src/python/parser.js';
import { scanJsTests } from '../src/testsuite/jsTests.js';
import { applyLiteralEdits, isLiteralReplacementOnly } from '../src/testsuite/literalEdits.js';
import { scanPythonTests } from '../src/testsuite/pythonTests.js';
import { isCatchAll, joinPath, pathMatches } from '../src/testsuite/routes.js';
import { isTestFile } from '../src/testsuite/testFiles.js';
import { LineIndex } from '../src/text/lineIndex.js';
import { runCli, tempDir } from './helpers/cli.js';

async function python(source: string) {
  return withPythonTree(source, (tree) => scanPythonTests(tree.rootNode, new LineIndex(source)));
}

function js(source: string, file = 'x.test.js') {
  const parsed = parseJs(source, file);
  if (!parsed.ok) throw new Error(parsed.message);
  return scanJsTests(parsed.ast, source, new LineIndex(source));
}

describe('test files', () => {
  it.each([
    ['tests/test_auth.py', true],
    ['app/tests/helpers.py', true],
    ['test_views.py', true],
    ['shop/views_test.py', true],
    ['test/app.js', true],
    ['src/__tests__/login.ts', true],
    ['src/login.test.ts', true],
    ['src/login.spec.js', true],
    ['spec/auth.mjs', true],
    ['src/views.py', false],
    ['src/testing.py', false],
    ['src/contest.js', false],
    ['tests/data.json', false],
    ['tests/types.d.ts', false],
  ])('%s is a test file: %s', (file, expected) => {
    expect(isTestFile(file)).toBe(expected);
  });
});

describe('Python status assertions', () => {
  const cases: Array<[string, string, { method: string; path?: string | null; endpoint?: string; literal: string } | null]> = [
    ['==', "def test_x(client):\n    r = client.get('/logout')\n    assert r.status_code == 302\n", { method: 'GET', path: '/logout', literal: '302' }],
    ['!=', "def test_x(client):\n    r = client.post('/login')\n    assert r.status_code != 302\n", { method: 'POST', path: '/login', literal: '302' }],
    ['reversed', "def test_x(client):\n    r = client.post('/login')\n    assert 302 == r.status_code\n", { method: 'POST', path: '/login', literal: '302' }],
    ['in a tuple', "def test_x(client):\n    r = client.get('/a')\n    assert r.status_code in (301, 302)\n", { method: 'GET', path: '/a', literal: '302' }],
    ['status line', "def test_x(client):\n    r = client.get('/a')\n    assert r.status == '302 FOUND'\n", { method: 'GET', path: '/a', literal: '302 FOUND' }],
    ['"302" in status', "def test_x(client):\n    assert '302' in client.get('/auth/logout').status\n", { method: 'GET', path: '/auth/logout', literal: '302' }],
    ['assertEqual', "class T(TestCase):\n    def test_x(self):\n        r = self.client.delete('/item/3')\n        self.assertEqual(r.status_code, 302)\n", { method: 'DELETE', path: '/item/3', literal: '302' }],
    ['a backslash continuation among the arguments', "class T(TestCase):\n    def test_x(self):\n        r = self.client.get('/a' \\\n            )\n        self.assertEqual(r.status_code, \\\n            302)\n", { method: 'GET', path: '/a', literal: '302' }],
    ['assertStatus', "class T(TestCase):\n    def test_x(self):\n        r = self.client.get('/a')\n        self.assertStatus(r, 302)\n", { method: 'GET', path: '/a', literal: '302' }],
    ['url_for', "def test_x(client):\n    r = client.get(url_for('auth.logout'))\n    assert r.status_code == 302\n", { method: 'GET', path: null, endpoint: 'auth.logout', literal: '302' }],
    ['f-string', "def test_x(client, pid):\n    r = client.post(f'/post/{pid}/delete')\n    assert r.status_code == 302\n", { method: 'POST', path: '/post/*/delete', literal: '302' }],
    ['open with method', "def test_x(client):\n    r = client.open('/a', method='PUT')\n    assert r.status_code == 302\n", { method: 'PUT', path: '/a', literal: '302' }],
    ['with ... as', "def test_x(client):\n    with client.get('/a') as r:\n        assert r.status_code == 302\n", { method: 'GET', path: '/a', literal: '302' }],
    ['the last assignment wins', "def test_x(client):\n    r = client.get('/a')\n    r = client.post('/b')\n    assert r.status_code == 302\n", { method: 'POST', path: '/b', literal: '302' }],
    ['200 is no redirect', "def test_x(client):\n    r = client.get('/a')\n    assert r.status_code == 200\n", null],
    ['302 on another attribute', "def test_x(client):\n    r = client.get('/a')\n    assert r.count == 302\n", null],
    ['302 in a string elsewhere', "def test_x(client):\n    r = client.get('/a')\n    assert r.data == b'302'\n", null],
    ['a dict get is no request', "def test_x(d):\n    r = d.get('key')\n    assert r.status_code == 302\n", { method: '', literal: '302' }],
  ];
  it.each(cases)('%s', async (_name, source, expected) => {
    const { assertions } = await python(source);
    if (expected === null) {
      expect(assertions).toEqual([]);
      return;
    }
    expect(assertions).toHaveLength(1);
    const [found] = assertions;
    expect(found!.literals).toHaveLength(1);
    expect(source.slice(found!.literals[0]!.offset, found!.literals[0]!.offset + found!.literals[0]!.from.length)).toBe(expected.literal);
    if (expected.method === '') {
      expect(found!.request).toBeNull();
      expect(found!.noRequest).toMatch(/not from a request/);
      return;
    }
    expect(found!.request).toMatchObject({ method: expected.method, ...(expected.path !== undefined ? { path: expected.path } : {}), ...(expected.endpoint ? { endpoint: expected.endpoint } : {}) });
  });

  it('finds a request made by a fixture or helper as no request, with the reason', async () => {
    const { assertions } = await python('def test_x(client, auth):\n    r = auth.logout()\n    assert r.status_code == 302\n');
    expect(assertions[0]!.request).toBeNull();
    expect(assertions[0]!.noRequest).toContain('auth.logout()');
  });

  it('lists requests that follow redirects after PUT, PATCH or DELETE, not after GET or POST', async () => {
    const { following } = await python(
      "def test_x(client):\n    client.delete('/a', follow_redirects=True)\n    client.post('/b', follow_redirects=True)\n    client.put('/c')\n    client.patch('/d', follow_redirects=True)\n",
    );
    expect(following.map((f) => `${f.request.method} ${f.request.path}`)).toEqual(['DELETE /a', 'PATCH /d']);
  });
});

describe('JavaScript status assertions', () => {
  const cases: Array<[string, string, { method: string; path: string | null; follows?: boolean } | null]> = [
    ['supertest .expect(302)', "it('x', () => request(app).post('/login').send({}).expect(302));", { method: 'POST', path: '/login' }],
    ['supertest .expect(302, done)', "it('x', (done) => { request(app).get('/logout').expect(302, done); });", { method: 'GET', path: '/logout' }],
    ['toBe', "test('x', async () => { const res = await request(app).get('/a'); expect(res.status).toBe(302); });", { method: 'GET', path: '/a' }],
    ['toEqual on statusCode', "test('x', async () => { const res = await supertest(app).get('/a'); expect(res.statusCode).toEqual(302); });", { method: 'GET', path: '/a' }],
    ['chai to.equal', "it('x', async () => { const res = await request.get('/logout'); expect(res.status).to.equal(302); });", { method: 'GET', path: '/logout' }],
    ['chai-http have.status', "it('x', async () => { const res = await agent.put('/a'); expect(res).to.have.status(302); });", { method: 'PUT', path: '/a' }],
    ['assert.equal', "test('x', async () => { const res = await request(app).delete('/a'); assert.equal(res.statusCode, 302); });", { method: 'DELETE', path: '/a' }],
    ['t.equal', "test('x', async (t) => { const res = await request(app).get('/a'); t.equal(res.statusCode, 302); });", { method: 'GET', path: '/a' }],
    ['assert.strictEqual reversed', "test('x', async () => { const response = await request(app).get('/a'); assert.strictEqual(302, response.status); });", { method: 'GET', path: '/a' }],
    ['inject object', "test('x', async () => { const url = '/a'; const res = await app.inject({ method: 'DELETE', url }); assert.equal(res.statusCode, 302); });", { method: 'DELETE', path: '/a' }],
    ['inject default GET', "test('x', async () => { const res = await app.inject({ url: '/a' }); assert.equal(res.statusCode, 302); });", { method: 'GET', path: '/a' }],
    ['inject chain', "test('x', async () => { const res = await app.inject().post('/a').end(); assert.equal(res.statusCode, 302); });", { method: 'POST', path: '/a' }],
    ['Hono app.request', "test('x', async () => { const res = await app.request('/a', { method: 'PATCH' }); expect(res.status).toBe(302); });", { method: 'PATCH', path: '/a' }],
    ['absolute URL', "test('x', async () => { const res = await app.request('http://localhost/a?b=1'); expect(res.status).toBe(302); });", { method: 'GET', path: '/a?b=1' }],
    ['template path', "test('x', async () => { const res = await request(app).post(`/post/${id}/delete`); expect(res.status).toBe(302); });", { method: 'POST', path: '/post/*/delete' }],
    ['then callback', "test('x', () => request(app).get('/a').then((res) => { assert.equal(res.status, 302); }));", { method: 'GET', path: '/a' }],
    ['end callback', "it('x', (done) => { request(app).get('/a').end((err, res) => { expect(res.status).toBe(302); done(); }); });", { method: 'GET', path: '/a' }],
    ['redirects(1) follows', "it('x', () => request(app).put('/a').redirects(1).expect(302));", { method: 'PUT', path: '/a', follows: true }],
    ['200 is no redirect', "test('x', async () => { const res = await request(app).get('/a'); expect(res.status).toBe(200); });", null],
    ['bare expect(302) is no supertest chain', 'test("x", () => { expect(302); });', null],
    ['302 on another property', "test('x', async () => { const res = await request(app).get('/a'); expect(res.body.length).toBe(302); });", null],
  ];
  it.each(cases)('%s', (_name, source, expected) => {
    const { assertions } = js(source);
    if (expected === null) {
      expect(assertions).toEqual([]);
      return;
    }
    expect(assertions).toHaveLength(1);
    const literal = assertions[0]!.literals[0]!;
    expect(source.slice(literal.offset, literal.offset + 3)).toBe('302');
    expect(assertions[0]!.request).toMatchObject({ method: expected.method, path: expected.path, follows: expected.follows ?? false });
  });

  it('does not take a route registration in the test for a request', () => {
    const { assertions } = js("test('x', async () => { app.get('/a', (req, res) => res.redirect('/b')); const res = await request(app).get('/a'); expect(res.status).toBe(302); });");
    expect(assertions[0]!.request).toMatchObject({ method: 'GET', path: '/a' });
  });

  it('lists requests that follow redirects after PUT, PATCH or DELETE', () => {
    const { following } = js("it('x', async () => { await request(app).delete('/a').redirects(1).expect(200); await request(app).post('/b').redirects(1); await request(app).put('/c'); });");
    expect(following.map((f) => `${f.request.method} ${f.request.path}`)).toEqual(['DELETE /a']);
  });
});

describe('paths', () => {
  it.each([
    ['/auth/logout', '/auth/logout', true],
    ['/post/<int:id>/delete', '/post/3/delete', true],
    ['/post/<int:id>/delete', '/post/*/delete', true],
    ['/users/:id', '/users/7', true],
    ['/users/:id', '/users', false],
    ['/files/<path:p>', '/files/a/b/c', true],
    ['/logout', '/logout?next=/', true],
    ['/logout', '/login', false],
    ['/a/b', '/a', false],
    ['/a', '/a/b', false],
  ])('%s reached by %s: %s', (route, request, expected) => {
    expect(pathMatches(route, request)).toBe(expected);
  });

  it('joins prefixes the way Flask and Express do, and knows catch-all rules', () => {
    expect(joinPath('/auth', '/login')).toBe('/auth/login');
    expect(joinPath('/auth/', 'login')).toBe('/auth/login');
    expect(joinPath('', '/x')).toBe('/x');
    expect(isCatchAll('/<path:route>')).toBe(true);
    expect(isCatchAll('/api/*')).toBe(true);
    expect(isCatchAll('/api/<int:id>')).toBe(false);
  });
});

describe('the literal-replacement check', () => {
  const text = 'assert r.status_code == 302\nassert r.status == "302 FOUND"\n';
  const edits = [
    { offset: text.indexOf('302'), from: '302', to: '303' },
    { offset: text.indexOf('302 FOUND'), from: '302 FOUND', to: '303 SEE OTHER' },
  ];
  it('accepts exactly the allowed replacements', () => {
    const output = applyLiteralEdits(text, edits);
    expect(output).toBe('assert r.status_code == 303\nassert r.status == "303 SEE OTHER"\n');
    expect(isLiteralReplacementOnly(text, output, edits)).toBe(true);
  });
  it('refuses any other replacement, any other change, and an edit that does not match the text', () => {
    const other = [{ offset: text.indexOf('302'), from: '302', to: '304' }];
    expect(isLiteralReplacementOnly(text, applyLiteralEdits(text, other), other)).toBe(false);
    const output = applyLiteralEdits(text, edits);
    expect(isLiteralReplacementOnly(text, output.replace('status ==', 'status  =='), edits)).toBe(false);
    expect(isLiteralReplacementOnly(text, `${output}\n`, edits)).toBe(false);
    expect(() => applyLiteralEdits(text, [{ offset: 0, from: '302', to: '303' }])).toThrow(/does not match/);
  });
});

/** A project in a temporary directory; returns the JSON report and the run. */
function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

interface Report {
  tests: Array<{ file: string; line: number; action: string; reason?: string; tiedTo: string[]; after?: number }>;
  followingTests: Array<{ file: string; line: number; reason: string }>;
  summary: { tests: { found: number; updated: number; listed: number; unchanged: number; following: number } };
}

function run(dir: string, ...args: string[]): { report: Report; stdout: string; status: number | null } {
  const out = path.join(dir, '..', `${path.basename(dir)}.json`);
  const result = runCli([dir, '--allow-dirty', '--no-changelog', '--json', out, ...args]);
  expect(result.status, result.stderr).toBe(0);
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, stdout: result.stdout, status: result.status };
}

const FLASK_APP = [
  'from flask import Flask, redirect',
  'app = Flask(__name__)',
  '',
  '@app.post("/login")',
  'def login():',
  '    return redirect("/")',
  '',
  '@app.route("/item", methods=["DELETE"])',
  'def remove():',
  '    return redirect("/")',
  '',
].join('\n');
const FLASK_TESTS = [
  'def test_login(client):',
  '    r = client.post("/login")',
  '    assert r.status_code == 302',
  '',
  'def test_remove(client):',
  '    r = client.delete("/item", follow_redirects=True)',
  '    assert r.status_code == 200',
  '',
  'def test_remove_status(client):',
  '    assert client.delete("/item").status_code == 302',
  '',
  'def test_nowhere(client):',
  '    assert client.get("/nowhere").status_code == 302',
  '',
].join('\n');

describe('a whole run', () => {
  it('adopt-safe rewrites the assertion on the POST route, leaves the DELETE route (kept at 302) and its follow-up alone', () => {
    const dir = project({ 'app.py': FLASK_APP, 'tests/test_app.py': FLASK_TESTS });
    const { report } = run(dir, '--mode', 'adopt-safe');
    expect(report.tests.map((t) => [t.line, t.action])).toEqual([
      [3, 'test-updated'],
      [10, 'unchanged'],
      [13, 'listed'],
    ]);
    expect(report.tests[2]!.reason).toContain('no redirect the tool found answers GET /nowhere');
    expect(report.followingTests).toEqual([]);
    const after = readFileSync(path.join(dir, 'tests/test_app.py'), 'utf8');
    expect(after).toBe(FLASK_TESTS.replace('assert r.status_code == 302', 'assert r.status_code == 303'));
  });

  it('adopt lists the DELETE test that follows the redirect, and --no-update-tests changes no test', () => {
    const dir = project({ 'app.py': FLASK_APP, 'tests/test_app.py': FLASK_TESTS });
    // The README's first look: which tests the migration breaks.
    const dry = runCli([dir, '--mode', 'adopt', '--no-update-tests', '--dry']);
    expect(dry.stdout).toContain('tests asserting 302: 3 found, 0 to update (test-updated), 3 listed, 0 unchanged; 1 following');
    expect(dry.stdout).toContain('tests/test_app.py:3:5  assert r.status_code == 302: its redirect now sends 303 (--no-update-tests): change 302 to 303 here');
    const { report, stdout } = run(dir, '--mode', 'adopt', '--no-update-tests');
    expect(report.tests.filter((t) => t.action === 'listed' && t.reason?.includes('--no-update-tests')).map((t) => t.line)).toEqual([3, 10]);
    expect(report.followingTests.map((t) => t.line)).toEqual([6]);
    expect(report.summary.tests).toEqual({ found: 3, updated: 0, listed: 3, unchanged: 0, following: 1 });
    expect(stdout).toContain('Tests following a redirect after PUT, PATCH or DELETE (1)');
    expect(readFileSync(path.join(dir, 'tests/test_app.py'), 'utf8')).toBe(FLASK_TESTS);
  });

  it('preserve changes no test; on a project already on Flask 3.2 it lists the tests whose implicit redirect sends 303 today', () => {
    const older = project({ 'app.py': FLASK_APP, 'tests/test_app.py': FLASK_TESTS, 'requirements.txt': 'flask==3.1.1\n' });
    expect(run(older, '--mode', 'preserve').report.tests.map((t) => t.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const newer = project({ 'app.py': FLASK_APP, 'tests/test_app.py': FLASK_TESTS, 'requirements.txt': 'flask==3.2.0\n' });
    const { report } = run(newer, '--mode', 'preserve', '--dry');
    expect(report.tests.map((t) => [t.line, t.action])).toEqual([
      [3, 'listed'],
      [10, 'listed'],
      [13, 'listed'],
    ]);
    expect(report.tests[0]!.reason).toContain('sends 303 today');
    expect(report.followingTests.map((t) => t.line)).toEqual([6]);
    expect(readFileSync(path.join(newer, 'tests/test_app.py'), 'utf8')).toBe(FLASK_TESTS);
  });

  it('edits a test file that also holds a redirect: the insertion and the replacement together, nothing else', () => {
    const test = [
      "import express from 'express';",
      "import request from 'supertest';",
      "import { test } from 'node:test';",
      '',
      "test('redirects', async () => {",
      '  const app = express();',
      "  app.get('/', (req, res) => res.redirect('/next'));",
      "  await request(app).get('/').expect(302);",
      '});',
      '',
    ].join('\r\n');
    const dir = project({ 'package.json': '{"dependencies":{"express":"^5.0.0"}}', 'test/redirect.test.mjs': test });
    const { report } = run(dir, '--mode', 'adopt');
    expect(report.tests.map((t) => t.action)).toEqual(['test-updated']);
    expect(readFileSync(path.join(dir, 'test/redirect.test.mjs'), 'utf8')).toBe(
      test.replace("res.redirect('/next')", "res.redirect(303, '/next')").replace('.expect(302)', '.expect(303)'),
    );
    // A second run changes nothing.
    const again = run(dir, '--mode', 'adopt');
    expect(again.report.tests).toEqual([]);
  });

  it('never writes a test read through a symbolic link: lists it', () => {
    const dir = project({ 'app.py': FLASK_APP, 'elsewhere/cases.py': FLASK_TESTS });
    mkdirSync(path.join(dir, 'tests'));
    symlinkSync(path.join(dir, 'elsewhere/cases.py'), path.join(dir, 'tests/test_link.py'));
    const { report } = run(dir, '--mode', 'adopt', '--follow-symlinks');
    const linked = report.tests.filter((t) => t.file.endsWith('test_link.py'));
    expect(linked.find((t) => t.line === 3)).toMatchObject({ action: 'listed' });
    expect(linked.find((t) => t.line === 3)!.reason).toContain('symbolic link');
    expect(readFileSync(path.join(dir, 'elsewhere/cases.py'), 'utf8')).toBe(FLASK_TESTS);
  });

  it('shows test-updated in the summary, the JSON report, the patch and the changelog entry', () => {
    const dir = project({ 'app.py': FLASK_APP, 'tests/test_app.py': FLASK_TESTS, 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n' });
    const patch = path.join(dir, '..', `${path.basename(dir)}.patch`);
    const out = path.join(dir, '..', `${path.basename(dir)}.json`);
    const result = runCli([dir, '--mode', 'adopt', '--dry', '--allow-dirty', '--json', out, '--patch', patch]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('tests asserting 302: 3 found, 2 to update (test-updated), 1 listed, 0 unchanged; 1 following');
    expect(result.stdout).toMatch(/Tests updated with their redirects \(2\): 302 → 303 \(test-updated\)\n {2}tests\/test_app\.py:3:5 {2}assert r\.status_code == 302 {2}\(POST \/login → app\.py:6\)/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.tests.filter((t) => t.action === 'test-updated').map((t) => ({ line: t.line, tiedTo: t.tiedTo, after: t.after }))).toEqual([
      { line: 3, tiedTo: ['app.py:6'], after: 303 },
      { line: 10, tiedTo: ['app.py:10'], after: 303 },
    ]);
    const diff = readFileSync(patch, 'utf8');
    expect(diff).toContain('-    assert r.status_code == 302\n+    assert r.status_code == 303\n');
    expect(diff).toContain('+- Explicit redirect status:');
    expect(diff).toMatch(/2 test assertions that expected `302` from them now expect `303`\./);
  });

  it('counts a before_request hook among the redirects that can answer any route', () => {
    const hooked = (code: string) =>
      project({
        'app.py': `${FLASK_APP}\n@app.before_request\ndef gate():\n    if False:\n        return redirect("/maintenance"${code})\n`,
        'tests/test_app.py': FLASK_TESTS,
      });
    const same = run(hooked(''), '--mode', 'adopt', '--dry').report;
    expect(same.tests.find((t) => t.line === 3)).toMatchObject({ action: 'test-updated', tiedTo: ['app.py:6', 'app.py:15'] });
    const explicit = run(hooked(', code=302'), '--mode', 'adopt', '--dry').report;
    expect(explicit.tests.find((t) => t.line === 3)).toMatchObject({ action: 'listed' });
    expect(explicit.tests.find((t) => t.line === 3)!.reason).toContain('app.py:6 sends 303, app.py:15 sends 302');
  });

  it("ties a route whose only redirect is in its decorator (@login_required) to the decorator's redirect; a route with none is listed", () => {
    const app = [
      'from functools import wraps',
      'from flask import Blueprint, redirect',
      'views = Blueprint("views", __name__)',
      '',
      'def login_required(f):',
      '    @wraps(f)',
      '    def inner(*args, **kwargs):',
      '        return redirect("/login")',
      '    return inner',
      '',
      '@views.route("/settings")',
      '@login_required',
      'def settings():',
      '    return "settings"',
      '',
      '@views.route("/plain")',
      'def plain():',
      '    return "", 302, {"Location": "/"}',
      '',
    ].join('\n');
    const tests = 'def test_settings(client):\n    assert client.get("/settings").status_code == 302\n\ndef test_plain(client):\n    assert client.get("/plain").status_code == 302\n';
    const { report } = run(project({ 'shop/views.py': app, 'tests/test_views.py': tests }), '--mode', 'adopt', '--dry');
    expect(report.tests[0]).toMatchObject({ action: 'test-updated', tiedTo: ['shop/views.py:8'] });
    expect(report.tests[1]).toMatchObject({ action: 'listed' });
    expect(report.tests[1]!.reason).toContain("the route's handler (shop/views.py) holds no redirect the tool found, nor do its decorators");
  });

  it('reads a test file that never mentions a redirect; a source file asserting 302 outside the test conventions is not read as a test', () => {
    const dir = project({ 'app.py': FLASK_APP, 'tests/test_app.py': FLASK_TESTS, 'checks.py': FLASK_TESTS });
    const { report } = run(dir, '--mode', 'adopt', '--dry');
    expect(new Set(report.tests.map((t) => t.file))).toEqual(new Set(['tests/test_app.py']));
  });
});
