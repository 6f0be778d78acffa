/** The transforms run under jscodeshift's own runner, as people who already use it would run them. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

describe('npx jscodeshift -t transforms/redirect.cjs', () => {
  it('rewrites JavaScript, TypeScript and Python files byte for byte like the CLI', () => {
    const dir = tempDir('redirect-codemod-jscodeshift-');
    const cases: Array<[string, string, string]> = [
      ['express', 'router-require-crlf', 'js'],
      ['hono', 'app-routes', 'ts'],
      ['flask', 'crlf-bom', 'py'],
    ];
    for (const [framework, name, ext] of cases) copyFileSync(path.join(FIXTURES, framework, `${name}.input.${ext}`), path.join(dir, `${name}.${ext}`));

    const run = spawnSync(
      process.execPath,
      [path.join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js'), '-t', path.join(REPO, 'transforms', 'redirect.cjs'), '--extensions=js,ts,py', '--parser=tsx', '--mode=adopt', dir],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0 errors/);
    expect(run.stdout).toMatch(/3 ok/);
    for (const [framework, name, ext] of cases) {
      expect(readFileSync(path.join(dir, `${name}.${ext}`)).equals(readFileSync(path.join(FIXTURES, framework, `${name}.adopt.output.${ext}`)))).toBe(true);
    }
  }, 60_000);
});
