/**
 * Real Flask as the oracle: the example app answers through Flask's test client
 * (Debian's python3-flask, where redirect() still defaults to 302) before and after
 * the rewrite. Preserve must change nothing a client sees; adopt must answer 303
 * exactly where the tool rewrote a call.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, REPO, runCli } from './helpers/cli.js';
import { FIXTURES, fixtureCases } from './helpers/fixtures.js';

/** Debian's python3 carries Debian's Flask; REDIRECT_CODEMOD_FLASK_PYTHON points elsewhere. */
const DEBIAN_PYTHON = process.env.REDIRECT_CODEMOD_FLASK_PYTHON || '/usr/bin/python3';
const REQUIRE = process.env.REDIRECT_CODEMOD_REQUIRE_FLASK === '1';
const PROBE = path.join(REPO, '__tests__', 'oracle', 'probe_flask_routes.py');
const EXAMPLE = path.join(REPO, 'examples', 'flask-shop');

const hasFlask = existsSync(DEBIAN_PYTHON) && spawnSync(DEBIAN_PYTHON, ['-c', 'import flask'], { encoding: 'utf8' }).status === 0;
const SKIP_NOTE =
  `real-Flask tests SKIPPED: Flask is not installed for ${DEBIAN_PYTHON}. ` +
  'Install it with `apt-get install -y python3-flask`; set REDIRECT_CODEMOD_REQUIRE_FLASK=1 to make its absence a failure.';
if (!hasFlask && !REQUIRE) console.warn(SKIP_NOTE);

/** [method, path, form data, what the call there is] */
const REQUESTS: Array<[string, string, Record<string, string>, 'rewritten' | 'explicit' | 'review']> = [
  ['GET', '/', {}, 'rewritten'],
  ['GET', '/shop', {}, 'explicit'],
  ['GET', '/sale', {}, 'rewritten'],
  ['POST', '/catalog/items', { name: 'cup' }, 'rewritten'],
  ['PUT', '/catalog/items/1', { name: 'mug' }, 'rewritten'],
  ['DELETE', '/catalog/items/2', {}, 'rewritten'],
  ['POST', '/account/login', { user: 'ada' }, 'rewritten'],
  ['GET', '/account/profile', {}, 'rewritten'],
  ['POST', '/account/logout', {}, 'rewritten'],
  ['DELETE', '/account/logout', {}, 'rewritten'],
  ['GET', '/account/signin', {}, 'review'],
  ['GET', '/account/signin?keep=1', {}, 'review'],
];

interface Answer {
  method: string;
  path: string;
  status: number;
  location: string | null;
}

function probe(appDir: string): Answer[] {
  const run = spawnSync(DEBIAN_PYTHON, ['-B', PROBE, appDir, 'shop', 'create_app', JSON.stringify(REQUESTS.map(([m, p, d]) => [m, p, d]))], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (run.status !== 0) throw new Error(`the Flask probe failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

describe.runIf(hasFlask || REQUIRE)('real Flask answers the example app', () => {
  it('Debian\'s Flask is installed (REDIRECT_CODEMOD_REQUIRE_FLASK=1 makes this required)', () => {
    expect(hasFlask, SKIP_NOTE).toBe(true);
  });

  it('before: every implicit redirect answers 302', () => {
    const before = probe(EXAMPLE);
    expect(before.map((a) => a.status)).toEqual([302, 301, 302, 302, 302, 302, 302, 302, 302, 302, 302, 308]);
    expect(before.every((a) => a.location)).toBe(true);
  });

  it('after preserve: every route answers the same status and Location', () => {
    const before = probe(EXAMPLE);
    const dir = copyToTemp(EXAMPLE);
    expect(runCli([dir, '--mode', 'preserve', '--no-changelog']).status).toBe(0);
    expect(probe(dir)).toEqual(before);
  });

  it('after adopt: the rewritten calls answer 303 with the same Location; the others are unchanged', () => {
    const before = probe(EXAMPLE);
    const dir = copyToTemp(EXAMPLE);
    expect(runCli([dir, '--mode', 'adopt', '--no-changelog']).status).toBe(0);
    const after = probe(dir);
    after.forEach((answer, i) => {
      const [, , , kind] = REQUESTS[i]!;
      expect(answer.location, answer.path).toBe(before[i]!.location);
      expect(answer.status, `${answer.method} ${answer.path}`).toBe(kind === 'rewritten' ? 303 : before[i]!.status);
    });
  });
});

describe('rewritten Python still compiles', () => {
  const python = existsSync(DEBIAN_PYTHON) ? DEBIAN_PYTHON : existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const refused = new Set(['python2-file', 'syntax-error']);

  it('every fixture output and the rewritten example parse with CPython', () => {
    const files = fixtureCases('flask')
      .filter((name) => !refused.has(name))
      .flatMap((name) => ['preserve', 'adopt'].map((mode) => path.join(FIXTURES, 'flask', `${name}.${mode}.output.py`)));
    const dir = copyToTemp(EXAMPLE);
    expect(runCli([dir, '--mode', 'adopt', '--no-changelog']).status).toBe(0);
    files.push(...['__init__.py', 'catalog.py', 'account.py'].map((f) => path.join(dir, 'shop', f)));
    const check = spawnSync(python, ['-c', 'import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, "rb").read(), f)\n', ...files], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
