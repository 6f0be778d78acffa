/**
 * The project config (src/config/projectConfig.ts): `[tool.redirect-codemod]` in pyproject.toml,
 * `"redirect-codemod"` in package.json, redirect-codemod.config.json. The built CLI on small
 * committed repositories: what the config sets, what the command line overrides, what is
 * excluded (gitignore patterns), and refusals that leave every file as it was.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRepo, REPO, runCli, tempDir } from './helpers/cli.js';

const VIEW = 'from flask import redirect\n\n\ndef a():\n    return redirect("/x")\n';
const UNPROVABLE = 'from flask import redirect\n\n\ndef b(**options):\n    return redirect("/x", **options)\n';

function repo(files: Record<string, string>): string {
  const dir = tempDir('redirect-codemod-config-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  initRepo(dir);
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('defaults from the project', () => {
  it('pyproject.toml [tool.redirect-codemod]: mode, exclude, changelog; the summary names it', () => {
    const dir = repo({
      'pyproject.toml': '[project]\nname = "shop"\n\n[tool.redirect-codemod]\nmode = "adopt"\nexclude = ["legacy/", "*_generated.py"]\nchangelog = false\n',
      'CHANGELOG.md': '# Changelog\n\n## Unreleased\n',
      'app/views.py': VIEW,
      'app/routes_generated.py': VIEW,
      'legacy/old.py': VIEW,
    });
    const run = runCli(['.', '--json', 'report.json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(read(dir, 'app/views.py')).toContain('redirect("/x", code=303)');
    expect(read(dir, 'legacy/old.py')).toBe(VIEW);
    expect(read(dir, 'app/routes_generated.py')).toBe(VIEW);
    expect(read(dir, 'CHANGELOG.md')).toBe('# Changelog\n\n## Unreleased\n');
    expect(run.stdout).toContain('Config: pyproject.toml [tool.redirect-codemod]: mode, changelog, exclude');
    expect(run.stdout).toContain('Excluded by pattern: 2 file(s)');
    const report = JSON.parse(read(dir, 'report.json'));
    expect(report.config).toEqual({ file: 'pyproject.toml', section: '[tool.redirect-codemod]', applied: ['mode', 'changelog', 'exclude'] });
    expect(report.excludedByPattern.sort()).toEqual(['app/routes_generated.py', 'legacy/old.py']);
  });

  it('package.json "redirect-codemod": the command line wins, --exclude adds to the config\'s', () => {
    const dir = repo({
      'package.json': JSON.stringify({ name: 'svc', version: '1.0.0', 'redirect-codemod': { mode: 'adopt', types: 'off', exclude: ['a.py'] } }),
      'a.py': VIEW,
      'b.py': VIEW,
      'c.py': VIEW,
    });
    const run = runCli(['.', '--mode', 'preserve', '--exclude', 'b.py', '--no-changelog', '--json', '-'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(read(dir, 'a.py')).toBe(VIEW);
    expect(read(dir, 'b.py')).toBe(VIEW);
    expect(read(dir, 'c.py')).toContain('code=302');
    expect(JSON.parse(run.stdout).config).toEqual({ file: 'package.json', section: '"redirect-codemod"', applied: ['types', 'exclude'] });
  });

  it('redirect-codemod.config.json: strict for check, unless the command line says otherwise', () => {
    const dir = repo({ 'redirect-codemod.config.json': '{ "strict": true }\n', 'b.py': UNPROVABLE });
    const strict = runCli(['check', '.'], { cwd: dir });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('Config: redirect-codemod.config.json: strict');
    expect(runCli(['check', '.', '--strict=false'], { cwd: dir }).status).toBe(0);
  });

  it('found from a subdirectory, up to the repository top; the changelog named relative to the config', () => {
    const dir = repo({
      'pyproject.toml': '[tool.redirect-codemod]\nmode = "preserve"\nchangelog = "docs/CHANGES.md"\n',
      'docs/CHANGES.md': '# Changes\n\n## Unreleased\n',
      'src/app/views.py': VIEW,
    });
    const run = runCli(['app'], { cwd: path.join(dir, 'src') });
    expect(run.status, run.stderr).toBe(0);
    expect(read(dir, 'src/app/views.py')).toContain('code=302');
    expect(read(dir, 'docs/CHANGES.md')).toMatch(/## Unreleased\n[\s\S]*redirect/);
    expect(run.stdout).toContain('Config: ../pyproject.toml [tool.redirect-codemod]: mode, changelog');
  });

  it('--exclude is matched as git matches .gitignore lines: directories, globs, negation', () => {
    const dir = repo({ 'gen/a.py': VIEW, 'gen/keep.py': VIEW, 'src/b.py': VIEW, 'src/deep/c.py': VIEW });
    const run = runCli(['.', '--mode', 'preserve', '--no-changelog', '--exclude', 'gen/*', '--exclude', '!gen/keep.py', '--exclude', '**/deep/'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(read(dir, 'gen/a.py')).toBe(VIEW);
    expect(read(dir, 'gen/keep.py')).toContain('code=302');
    expect(read(dir, 'src/b.py')).toContain('code=302');
    expect(read(dir, 'src/deep/c.py')).toBe(VIEW);
  });
});

describe('a malformed config is an error before anything is read or written', () => {
  it.each([
    ['pyproject.toml', '[tool.redirect-codemod]\nmode = "adopt"\nexlude = ["x"]\n', /unknown setting "exlude" \(did you mean exclude\?\)/],
    ['pyproject.toml', '[tool.redirect-codemod]\nmode = "sideways"\n', /mode must be one of preserve, adopt, adopt-safe \(got "sideways"\)/],
    ['pyproject.toml', '[tool.redirect-codemod]\nmode = "adopt\n', /pyproject\.toml: cannot be read/],
    ['pyproject.toml', '[tool.redirect-codemod]\nexclude = "legacy/"\n', /exclude must be a list of gitignore patterns/],
    ['package.json', '{ "name": "x", "redirect-codemod": { "types": "maybe" } }', /types must be "on", "off", true or false/],
    ['package.json', '{ "name": "x", "redirect-codemod": ["adopt"] }', /must be a table \/ object of settings/],
    ['redirect-codemod.config.json', '{ "mode": "adopt", }', /redirect-codemod\.config\.json: cannot be read/],
    ['redirect-codemod.config.json', '{ "strict": "yes" }', /strict must be true or false/],
  ])('%s: %s', (file, text, message) => {
    const dir = repo({ [file]: text, 'a.py': VIEW, 'CHANGELOG.md': '# Changelog\n' });
    const run = runCli(['.', '--mode', 'preserve'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Nothing was read or written.');
    expect(run.stdout).toBe('');
    expect(read(dir, 'a.py')).toBe(VIEW);
    expect(read(dir, 'CHANGELOG.md')).toBe('# Changelog\n');
  });

  it('two configs in one directory: refused, which one wins would be a guess', () => {
    const dir = repo({ 'redirect-codemod.config.json': '{ "mode": "preserve" }', 'pyproject.toml': '[tool.redirect-codemod]\nmode = "adopt"\n', 'a.py': VIEW });
    const run = runCli(['check', '.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('redirect-codemod.config.json and pyproject.toml [tool.redirect-codemod] both configure redirect-codemod in .: keep one');
  });

  it("a project's malformed package.json that does not mention the tool is not the config's business", () => {
    const dir = repo({ 'package.json': '{ "name": ', 'a.py': VIEW });
    expect(runCli(['check', '.'], { cwd: dir }).status).toBe(1);
  });

  it('a bad --exclude pattern is refused', () => {
    const dir = repo({ 'a.py': VIEW });
    const run = runCli(['check', '.', '--exclude', ' '], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--exclude " ": not a gitignore pattern');
  });
});

describe("the README's example config", () => {
  it('is read as shown: every setting applied', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const toml = /### A config section[\s\S]*?```toml\n([\s\S]*?)```/.exec(readme)![1]!;
    const dir = repo({ 'pyproject.toml': toml, 'docs/CHANGES.md': '# Changes\n\n## Unreleased\n', 'app.py': VIEW, 'legacy/old.py': VIEW });
    const check = runCli(['check', '.'], { cwd: dir });
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toContain('Config: pyproject.toml [tool.redirect-codemod]: strict, types, exclude');
    expect(check.stdout).not.toContain('legacy/old.py');
    const run = runCli(['.'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Config: pyproject.toml [tool.redirect-codemod]: mode, changelog, types, exclude');
    expect(read(dir, 'app.py')).toContain('code=302');
    expect(read(dir, 'docs/CHANGES.md')).toContain('redirect');
  });
});
