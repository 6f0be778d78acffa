/**
 * The README's command blocks that use an installed `redirect-codemod` (Usage; Tests that
 * assert 302), run as written on a small committed repository, with this build as the command
 * (installing it is __tests__/install.test.ts's part). `--interactive` needs a terminal: that
 * line runs in tmux.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, initRepo, REPO, tempDir } from './helpers/cli.js';

const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const VIEW = 'from flask import Flask, redirect\n\napp = Flask(__name__)\n\n\n@app.route("/a", methods=["POST"])\ndef a():\n    return redirect("/x")\n';

/** The sh block that holds a line starting with `first`. */
function block(first: string): string[] {
  for (const match of README.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = match[1]!.split('\n').filter((line) => line.trim() !== '');
    if (lines.some((line) => line.startsWith(first))) return lines;
  }
  throw new Error(`README has no sh block with a line starting ${first}`);
}

function repo(): string {
  const dir = tempDir('redirect-codemod-readme-');
  writeFileSync(path.join(dir, 'app.py'), VIEW);
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src', 'views.py'), VIEW);
  writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n');
  initRepo(dir);
  return dir;
}

function bash(line: string, cwd: string) {
  const script = `redirect-codemod() { '${process.execPath}' '${BIN}' "$@"; }\n${line}`;
  return spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DRY_RUN: '', XARGS_DRY_RUN: '' } });
}

describe("README's usage examples", () => {
  it('Usage: dry run, rewrite, a report for src/, then the interactive form', () => {
    const lines = block('redirect-codemod . --mode preserve --dry');
    expect(lines).toHaveLength(4);
    const dir = repo();
    const dry = bash(lines[0]!, dir);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+    return redirect("/x", code=302)');
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(VIEW);
    expect(bash(lines[1]!, dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'src', 'views.py'), 'utf8')).toContain('redirect("/x", code=302)');
    expect(bash(lines[2]!, dir).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).summary.explicit).toBe(1);

    expect(lines[3]).toMatch(/^redirect-codemod \. --mode adopt --interactive +#/);
    if (spawnSync('tmux', ['-V']).status !== 0) return;
    // Everything is explicit by now: nothing to ask, a summary, exit 0; in a terminal.
    const name = `rc-readme-${process.pid}`;
    const command = lines[3]!.replace(/ +#.*$/, '').replace(/^redirect-codemod/, `'${process.execPath}' '${BIN}'`);
    spawnSync('tmux', ['new-session', '-d', '-s', name, '-x', '150', '-y', '40', '-c', dir, `NO_COLOR=1 ${command}; echo $? > '${dir}.exit'; sleep 60`]);
    try {
      const done = () => existsSync(`${dir}.exit`) && readFileSync(`${dir}.exit`, 'utf8').trim() !== '';
      for (let i = 0; i < 600 && !done(); i++) spawnSync('sleep', ['0.1']);
      expect(readFileSync(`${dir}.exit`, 'utf8').trim()).toBe('0');
      expect(spawnSync('tmux', ['capture-pane', '-p', '-t', name], { encoding: 'utf8' }).stdout).toContain('0 of 0 change(s) accepted.');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', name]);
    }
  }, 120_000);

  it('Tests that assert 302: --no-update-tests --dry, then the run', () => {
    const lines = block('redirect-codemod . --mode adopt --no-update-tests --dry');
    const dir = repo();
    const dry = bash(lines[0]!, dir);
    expect(dry.status, dry.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(VIEW);
    expect(bash(lines[1]!, dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toContain('redirect("/x", code=303)');
  });
});
