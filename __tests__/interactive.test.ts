/**
 * `run --interactive` through a real terminal: the built CLI in a tmux session, answers typed
 * with send-keys, the screen read with capture-pane. What is accepted is written as a normal run
 * writes it (changelog counting only that); what is skipped stays for review.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, initRepo, runCli, tempDir } from './helpers/cli.js';

const VIEWS = 'from flask import Flask, redirect\n\napp = Flask(__name__)\n\n\n@app.route("/a", methods=["GET"])\ndef a():\n    return redirect("/x")\n\n\n@app.route("/b", methods=["PUT"])\ndef b():\n    return redirect("/y")\n';
const OTHER = 'from flask import redirect\n\n\ndef c():\n    return redirect("/z")\n\n\ndef d():\n    return redirect("/w")\n';
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const sessions: string[] = [];

function tmux(...args: string[]): string {
  const run = spawnSync('tmux', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

function repo(): string {
  const dir = tempDir('redirect-codemod-interactive-');
  writeFileSync(path.join(dir, 'views.py'), VIEWS);
  writeFileSync(path.join(dir, 'other.py'), OTHER);
  writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n');
  initRepo(dir);
  return dir;
}

/** Starts the CLI in a detached tmux session; its exit code lands in `exit` beside the repository. */
function start(dir: string, args: string[]): string {
  const name = `rc-interactive-${process.pid}-${sessions.length}`;
  sessions.push(name);
  const quoted = [process.execPath, BIN, ...args, '--interactive'].map((w) => `'${w}'`).join(' ');
  tmux('new-session', '-d', '-s', name, '-x', '150', '-y', '60', '-c', dir, `NO_COLOR=1 ${quoted}; echo $? > '${dir}.exit'; sleep 600`);
  return name;
}

function screen(name: string): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-500', '-t', name);
}

async function waitFor(name: string, test: (text: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const text = screen(name);
    if (test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${what} on the screen:\n${screen(name)}`);
}

const prompts = (text: string) => text.split('Apply this change [y,n,a,d,q,?]?').length - 1;

async function answer(name: string, key: string, count: number): Promise<void> {
  await waitFor(name, (text) => prompts(text) >= count, `question ${count}`);
  tmux('send-keys', '-t', name, key, 'Enter');
}

afterEach(() => {
  for (const name of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', name]);
});

describe.skipIf(!hasTmux)('--interactive in a terminal', () => {
  it('shows each hunk with framework, methods and risk; writes what was accepted, reviews the rest', async () => {
    const dir = repo();
    const name = start(dir, ['.', '--mode', 'adopt', '--json', 'report.json']);
    // other.py comes first: n for c(), then y for d(); views.py: ? (help), then y, then q.
    await answer(name, 'n', 1);
    await answer(name, 'y', 2);
    await answer(name, '?', 3);
    await waitFor(name, (text) => text.includes('d - do not apply this change nor any later one in this file'), 'the help');
    await answer(name, 'y', 4);
    await answer(name, 'q', 5);
    const text = await waitFor(name, (t) => t.includes('redirect-codemod · mode adopt'), 'the summary');
    expect(text).toContain('(1/4) other.py:5:12  flask.redirect → 303');
    expect(text).toContain('(3/4) views.py:8:12  flask.redirect → 303');
    expect(text).toContain('framework: Flask · methods: GET, HEAD, OPTIONS · risk: no client can tell the difference');
    expect(text).toMatch(/\(4\/4\) views\.py:13:12 [\s\S]*methods: PUT, OPTIONS · risk: changes what clients see/);
    expect(text).toContain('-    return redirect("/x")\n+    return redirect("/x", code=303)');
    expect(text).toContain('2 of 4 change(s) accepted.');
    await waitFor(name, () => spawnSync('test', ['-s', `${dir}.exit`]).status === 0, 'an exit code');
    expect(readFileSync(`${dir}.exit`, 'utf8').trim()).toBe('0');

    expect(readFileSync(path.join(dir, 'other.py'), 'utf8')).toBe(OTHER.replace('redirect("/w")', 'redirect("/w", code=303)'));
    expect(readFileSync(path.join(dir, 'views.py'), 'utf8')).toBe(VIEWS.replace('redirect("/x")', 'redirect("/x", code=303)'));
    expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(/2 redirects \(Flask 2\) now pass `code=303`/);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { sites: Array<{ file: string; line: number; action: string; reason?: string }> };
    const byPlace = Object.fromEntries(report.sites.map((s) => [`${s.file}:${s.line}`, [s.action, s.reason ?? '']]));
    expect(byPlace).toEqual({
      'other.py:5': ['review', 'skipped by the user'],
      'other.py:9': ['rewritten', ''],
      'views.py:8': ['rewritten', ''],
      'views.py:13': ['review', 'skipped by the user'],
    });
  }, 120_000);

  it('a and d decide the rest of a file', async () => {
    const dir = repo();
    const name = start(dir, ['.', '--mode', 'preserve', '--no-changelog']);
    await answer(name, 'd', 1); // other.py: neither c() nor d()
    await answer(name, 'a', 2); // views.py: both
    await waitFor(name, (t) => t.includes('redirect-codemod · mode preserve'), 'the summary');
    expect(prompts(screen(name))).toBe(2);
    expect(readFileSync(path.join(dir, 'other.py'), 'utf8')).toBe(OTHER);
    expect(readFileSync(path.join(dir, 'views.py'), 'utf8')).toBe(VIEWS.replaceAll(/redirect\("\/(x|y)"\)/g, 'redirect("/$1", code=302)'));
  }, 120_000);

  it('Ctrl-C during the review writes nothing, exit 130', async () => {
    const dir = repo();
    const name = start(dir, ['.', '--mode', 'adopt']);
    await answer(name, 'y', 1);
    await waitFor(name, (text) => prompts(text) >= 2, 'question 2');
    tmux('send-keys', '-t', name, 'C-c');
    await waitFor(name, (t) => t.includes('review interrupted; nothing was written'), 'the interruption');
    await waitFor(name, () => spawnSync('test', ['-s', `${dir}.exit`]).status === 0, 'an exit code');
    expect(readFileSync(`${dir}.exit`, 'utf8').trim()).toBe('130');
    expect(readFileSync(path.join(dir, 'other.py'), 'utf8')).toBe(OTHER);
    expect(readFileSync(path.join(dir, 'views.py'), 'utf8')).toBe(VIEWS);
  }, 120_000);
});

describe('--interactive is refused where it cannot ask', () => {
  it.each([
    [['--interactive'], 'standard input or output is not one'],
    [['--interactive', '--dry'], 'standard input or output is not one'],
  ])('%j without a terminal: exit 2, nothing written', (flags, message) => {
    const dir = repo();
    const run = runCli(['.', '--mode', 'adopt', ...flags], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(readFileSync(path.join(dir, 'views.py'), 'utf8')).toBe(VIEWS);
  });
});
