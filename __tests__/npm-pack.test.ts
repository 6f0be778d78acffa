/**
 * The published package works: `npm pack`, install the tarball into an empty
 * project, and run its `redirect-codemod` command on a copy of the example.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, REPO, tempDir } from './helpers/cli.js';

function npm(args: string[], cwd: string): string {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

describe('npm pack', () => {
  it('produces a package whose installed redirect-codemod command rewrites the example', () => {
    const packDir = tempDir('redirect-codemod-pack-');
    npm(['pack', '--silent', '--pack-destination', packDir], REPO);
    const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const project = tempDir('redirect-codemod-install-');
    writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
    npm(['install', '--silent', '--prefer-offline', path.join(packDir, tarball!)], project);

    const app = copyToTemp(path.join(REPO, 'examples', 'flask-shop'));
    const bin = path.join(project, 'node_modules', '.bin', 'redirect-codemod');
    const run = spawnSync(bin, [app, '--mode', 'adopt', '--no-changelog'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/8 rewritten, 1 already explicit, 1 left for review/);
    expect(readFileSync(path.join(app, 'shop', '__init__.py'), 'utf8')).toContain('return redirect(url_for("catalog.index"), code=303)');
  }, 180_000);
});
