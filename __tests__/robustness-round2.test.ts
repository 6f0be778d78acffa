/**
 * What an outside attack found (issue 15), each case in a fresh committed git repository:
 * links named on the command line or planted where a report goes, repository git
 * configuration that names programs, edits made while the tool writes, and output hygiene.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileAtomic, writeFileAtomic } from '../src/engine/atomicWrite.js';
import { BIN, git, initRepo, runCli, tempDir } from './helpers/cli.js';

/** The three-line Flask module of the issue, and its rewrite. */
const F = 'from flask import redirect\ndef a():\n    return redirect("/x")\n';
const F_PRESERVED = 'from flask import redirect\ndef a():\n    return redirect("/x", code=302)\n';

/** A fresh committed repository holding `files` (symbolic links as `{ link: target }`), and a directory beside it. */
function repoWith(files: Record<string, string | { link: string }>): { repo: string; elsewhere: string } {
  const base = tempDir('redirect-codemod-attack-');
  const repo = path.join(base, 'repo');
  const elsewhere = path.join(base, 'elsewhere');
  mkdirSync(repo);
  mkdirSync(elsewhere);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    if (typeof content === 'string') writeFileSync(path.join(repo, name), content);
    else symlinkSync(content.link, path.join(repo, name));
  }
  initRepo(repo);
  return { repo, elsewhere };
}

describe('1. a symbolic link named on the command line is never written through', () => {
  it('a link to a file: skipped and listed, the target untouched; with --follow-symlinks read and reported for review', () => {
    const { repo, elsewhere } = repoWith({ 'app.py': F });
    writeFileSync(path.join(elsewhere, 't.py'), F);
    symlinkSync('../elsewhere/t.py', path.join(repo, 'link.py'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'link');

    const run = runCli(['link.py', 'app.py', '--mode', 'preserve', '--no-changelog', '--json', '-'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(elsewhere, 't.py'), 'utf8')).toBe(F);
    expect(readFileSync(path.join(repo, 'app.py'), 'utf8')).toBe(F_PRESERVED);
    expect(JSON.parse(run.stdout).skipped).toEqual([{ file: 'link.py', reason: expect.stringMatching(/symbolic link.*--follow-symlinks/) }]);

    const followed = runCli(['link.py', '--mode', 'preserve', '--no-changelog', '--follow-symlinks', '--json', '-'], { cwd: repo });
    expect(followed.status, followed.stderr).toBe(0);
    expect(readFileSync(path.join(elsewhere, 't.py'), 'utf8')).toBe(F);
    const sites = JSON.parse(followed.stdout).sites;
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ file: 'link.py', action: 'review' });
  });

  it('a linked directory, named alone or on the way to a file: nothing behind it is written', () => {
    const { repo, elsewhere } = repoWith({ 'app.py': F });
    writeFileSync(path.join(elsewhere, 't.py'), F);
    symlinkSync('../elsewhere', path.join(repo, 'linked'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'link');
    for (const given of ['linked', 'linked/t.py', path.join(repo, 'linked')]) {
      const run = runCli([given, '--mode', 'preserve', '--no-changelog'], { cwd: repo });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(path.join(elsewhere, 't.py'), 'utf8'), given).toBe(F);
      const followed = runCli([given, '--mode', 'adopt', '--no-changelog', '--follow-symlinks', '--json', '-'], { cwd: repo });
      expect(followed.status, followed.stderr).toBe(0);
      expect(readFileSync(path.join(elsewhere, 't.py'), 'utf8'), given).toBe(F);
      expect(JSON.parse(followed.stdout).sites.map((s: { action: string }) => s.action)).toEqual(['review']);
    }
  });
});

describe('3. every output goes through one writer that refuses links and writes atomically', () => {
  const outputs = ['--json', '--patch', '--summary-md', '--commit-message'];

  it('a committed link where a report goes: the target is not overwritten, for every output', () => {
    for (const option of outputs) {
      const { repo, elsewhere } = repoWith({ 'app.py': F });
      writeFileSync(path.join(elsewhere, 'precious.txt'), 'precious\n');
      symlinkSync('../elsewhere/precious.txt', path.join(repo, 'report.out'));
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'planted');
      const run = runCli(['.', '--mode', 'preserve', '--no-changelog', option, 'report.out'], { cwd: repo });
      expect(run.status, option).toBe(3);
      expect(run.stderr).toMatch(/could not write report\.out: it is a symbolic link: the tool never writes through one/);
      expect(readFileSync(path.join(elsewhere, 'precious.txt'), 'utf8'), option).toBe('precious\n');
      expect(lstatSync(path.join(repo, 'report.out')).isSymbolicLink()).toBe(true);
    }
  });

  it('a dangling link, or a linked directory on the way, is not written through either', () => {
    for (const option of outputs) {
      const { repo, elsewhere } = repoWith({ 'app.py': F });
      symlinkSync('../elsewhere/created.txt', path.join(repo, 'message.txt'));
      symlinkSync('../elsewhere', path.join(repo, 'out'));
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'planted');
      const dangling = runCli(['.', '--mode', 'preserve', '--no-changelog', '--dry', option, 'message.txt'], { cwd: repo });
      expect(dangling.status, option).toBe(3);
      const below = runCli(['.', '--mode', 'preserve', '--no-changelog', '--dry', option, 'out/report.txt'], { cwd: repo });
      expect(below.status, option).toBe(3);
      expect(below.stderr).toMatch(/could not write out\/report\.txt: out is a symbolic link/);
      expect(readdirSync(elsewhere), option).toEqual([]);
    }
  });

  it('an existing report is replaced whole (a new file renamed over it) and keeps its mode; no temporary file stays', () => {
    const { repo } = repoWith({ 'app.py': F });
    const report = path.join(repo, 'report.json');
    writeFileSync(report, 'old\n', { mode: 0o600 });
    chmodSync(report, 0o600);
    const before = statSync(report);
    const run = runCli(['.', '--mode', 'preserve', '--no-changelog', '--allow-dirty', '--json', 'report.json'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    const after = statSync(report);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(report, 'utf8')).mode).toBe('preserve');
    expect(readdirSync(repo).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('6. a new changelog fragment is written like every other file', () => {
  it('a fragment that cannot be written in full leaves no fragment behind (a rerun would keep a partial one)', async (context) => {
    const mountPoint = tempDir('redirect-codemod-fragment-');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mountPoint]).status !== 0) context.skip();
    try {
      const fragment = path.join(mountPoint, '+redirect-status.changed.md');
      // Larger than the device: the write fails half-way.
      await expect(createFileAtomic(fragment, Buffer.alloc(64 * 1024, 'x'))).rejects.toThrow(/ENOSPC/);
      expect(existsSync(fragment)).toBe(false);
      expect(readdirSync(mountPoint)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('the name is claimed only when the bytes are complete, and never over anything already there', async () => {
    const dir = tempDir();
    const fragment = path.join(dir, '+redirect-status.changed.md');
    symlinkSync(path.join(dir, 'elsewhere.md'), fragment);
    await expect(createFileAtomic(fragment, Buffer.from('entry\n'))).rejects.toThrow(/already exists; not overwritten/);
    expect(existsSync(path.join(dir, 'elsewhere.md'))).toBe(false);
    const fresh = path.join(dir, 'new.md');
    await createFileAtomic(fresh, Buffer.from('entry\n'));
    expect(readFileSync(fresh, 'utf8')).toBe('entry\n');
    expect(readdirSync(dir).sort()).toEqual(['+redirect-status.changed.md', 'new.md']);
  });
});

describe('4. a concurrent edit is never lost', () => {
  it('an edit while the new bytes are flushed (a slow disk): seen just before the rename, the file is left with the edit', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v.py');
    writeFileSync(file, F);
    const stats = statSync(file);
    const slowDisk = async () => writeFileSync(file, `${F}# edit\n`, { flag: 'a' });
    await expect(writeFileAtomic(file, Buffer.from(F_PRESERVED), stats, dir, { beforeLastCheck: slowDisk })).rejects.toThrow(/changed while it was being written; not overwritten/);
    expect(readFileSync(file, 'utf8')).toBe(`${F}${F}# edit\n`);
    expect(readdirSync(dir)).toEqual(['v.py']);
  });

  it('an edit into the old file between the last look and the rename is put back and reported', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v.py');
    writeFileSync(file, F);
    const stats = statSync(file);
    const handle = await import('node:fs/promises').then((fs) => fs.open(file, 'a'));
    // Opened before the rename, written after the last check: the write lands in the old file.
    const afterLastCheck = async () => void (await handle.write('# edit\n'));
    await expect(writeFileAtomic(file, Buffer.from(F_PRESERVED), stats, dir, { afterLastCheck })).rejects.toThrow(/their version was put back/);
    await handle.close();
    expect(readFileSync(file, 'utf8')).toBe(`${F}# edit\n`);
    expect(readdirSync(dir)).toEqual(['v.py']);
  });

  it('a tree edited while the tool runs: every edit survives, and a file changed underneath is reported as not written', async () => {
    const dir = tempDir('redirect-codemod-edited-');
    const count = 1000;
    for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `v${i}.py`), F);
    initRepo(dir);
    const editor = spawn(
      process.execPath,
      ['-e', `const fs=require('fs');const done=new Set();const end=Date.now()+8000;let i=0;` + `(function next(){if(Date.now()>end){process.stdout.write([...done].join('\\n'));return;}` + `const f=${JSON.stringify(dir)}+'/v'+(i++%${count})+'.py';fs.appendFileSync(f,'# edit\\n');done.add(f);setImmediate(next);})();`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let edited = '';
    editor.stdout.on('data', (chunk: Buffer) => (edited += chunk.toString()));
    const editorDone = new Promise((resolve) => editor.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const json = path.join(tempDir(), 'report.json');
    const run = spawnSync(process.execPath, [BIN, dir, '--mode', 'preserve', '--no-changelog', '--allow-dirty', '--json', json], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    await editorDone;
    expect([0, 3], run.stderr).toContain(run.status);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const notWritten = new Set(report.errors.map((e: { file: string }) => e.file));
    for (const file of edited.split('\n').filter(Boolean)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).toMatch(/# edit\n$/);
      // Rewritten or not, the file is one of the two versions plus the edits made to it.
      expect([F, F_PRESERVED], file).toContain(text.replace(/(# edit\n)+$/, ''));
    }
    for (const e of report.errors) expect(e.message).toMatch(/changed (since it was read|while it was being)/);
    expect(notWritten.size + report.sites.filter((s: { action: string }) => s.action === 'rewritten').length).toBe(count);
  }, 120_000);
});

describe('13. setuid and setgid bits survive a rewrite as root', () => {
  it('owner, group and mode 6755 are kept', (context) => {
    if (process.getuid?.() !== 0) context.skip();
    const { repo } = repoWith({ 'tool.py': F });
    const file = path.join(repo, 'tool.py');
    chownSync(file, 1234, 2345);
    chmodSync(file, 0o6755);
    const run = runCli(['.', '--mode', 'preserve', '--no-changelog', '--allow-dirty'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    const stats = statSync(file);
    expect(readFileSync(file, 'utf8')).toBe(F_PRESERVED);
    expect([stats.uid, stats.gid, (stats.mode & 0o7777).toString(8)]).toEqual([1234, 2345, '6755']);
  });
});

describe('2. no program a repository configures is run by any git call', () => {
  /**
   * A repository whose configuration names, for every key that can start a program, a script
   * that leaves a marker file named after the key (filters and text conversions pass the
   * bytes through, so git works around them), with a local bare origin. A process filter
   * shadows the clean and smudge commands, so `filters` chooses which kind the repository has.
   */
  function trappedRepo(filters: 'process' | 'clean-smudge' = 'process'): { repo: string; markers: string; origin: string } {
    const base = tempDir('redirect-codemod-trap-');
    const repo = path.join(base, 'repo');
    const markers = path.join(base, 'markers');
    const origin = path.join(base, 'origin.git');
    mkdirSync(repo);
    mkdirSync(markers);
    const trap = (key: string, io: 'stdin' | 'file' | 'none' = 'none', code = 0) => {
      const script = path.join(base, `trap-${key}.sh`);
      const pass = io === 'stdin' ? 'cat\n' : io === 'file' ? 'cat "$1"\n' : '';
      writeFileSync(script, `#!/bin/sh\ntouch '${markers}/${key}'\n${pass}exit ${code}\n`, { mode: 0o755 });
      return script;
    };
    writeFileSync(path.join(repo, 'app.py'), F);
    writeFileSync(path.join(repo, 'notes.txt'), 'notes\n');
    writeFileSync(path.join(repo, '.gitattributes'), '*.py filter=trap diff=trap merge=trap\n');
    initRepo(repo);
    git(base, 'clone', '-q', '--bare', repo, origin);
    git(repo, 'remote', 'add', 'origin', origin);
    const hooks = path.join(base, 'hooks');
    mkdirSync(hooks);
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit', 'post-checkout', 'pre-push', 'reference-transaction', 'post-index-change', 'pre-auto-gc']) {
      writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch '${markers}/hook-${hook}'\n`, { mode: 0o755 });
      writeFileSync(path.join(repo, '.git', 'hooks', hook), `#!/bin/sh\ntouch '${markers}/dothooks-${hook}'\n`, { mode: 0o755 });
    }
    const config: Array<[string, string]> = [
      ['core.fsmonitor', trap('core.fsmonitor')],
      ['filter.trap.process', trap('filter.process', 'none', 1)],
      ['filter.trap.clean', trap('filter.clean', 'stdin')],
      ['filter.trap.smudge', trap('filter.smudge', 'stdin')],
      ['filter.trap.required', 'true'],
      ['diff.trap.textconv', trap('diff.textconv', 'file')],
      ['diff.trap.command', trap('diff.command')],
      ['diff.external', trap('diff.external')],
      ['merge.trap.driver', `${trap('merge.driver')} %O %A %B`],
      ['core.pager', trap('core.pager', 'stdin')],
      ['pager.status', trap('pager.status', 'stdin')],
      ['core.editor', trap('core.editor')],
      ['sequence.editor', trap('sequence.editor')],
      ['core.hooksPath', hooks],
      ['core.sshCommand', trap('core.sshCommand', 'none', 1)],
      ['core.gitProxy', trap('core.gitProxy', 'none', 1)],
      ['core.askPass', trap('core.askPass')],
      ['credential.helper', `!${trap('credential.helper')}`],
      ['credential.https://example.invalid.helper', `!${trap('credential.url.helper')}`],
      ['gpg.program', trap('gpg.program', 'none', 1)],
      ['commit.gpgSign', 'true'],
      ['remote.origin.uploadpack', trap('remote.uploadpack', 'none', 1)],
      ['remote.origin.receivepack', trap('remote.receivepack', 'none', 1)],
    ];
    for (const [key, value] of config) if (filters === 'process' || key !== 'filter.trap.process') git(repo, 'config', key, value);
    return { repo, markers, origin };
  }

  /** git as anyone would run it there, without the tool's protections, optionally with some traps off. */
  function plainEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', TERM: 'dumb' };
    for (const name of ['GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_PAGER', 'PAGER', 'VISUAL', 'EDITOR', 'GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_PROXY_COMMAND']) delete env[name];
    return env;
  }

  function plainGit(cwd: string, args: string[], off: string[] = [], input = ''): void {
    const env = plainEnv();
    const offs = off.flatMap((key) => ['-c', key === 'filter.trap.required' ? `${key}=false` : `${key}=`]);
    spawnSync('git', [...offs, ...args], { cwd, input, env, timeout: 20_000 });
  }

  /** Runs `trigger` in a fresh trapped repository and returns the markers left. */
  function fired(trigger: (repo: string) => void, filters: 'process' | 'clean-smudge'): string[] {
    const { repo, markers } = trappedRepo(filters);
    trigger(repo);
    return readdirSync(markers).sort();
  }

  it('every trap fires under plain git (the test is armed)', () => {
    const filtersOff = ['filter.trap.clean', 'filter.trap.smudge', 'filter.trap.required', 'core.fsmonitor'];
    const quietCommit = [...filtersOff, 'core.hooksPath', 'commit.gpgSign'];
    const edit = (repo: string) => writeFileSync(path.join(repo, 'app.py'), F_PRESERVED);
    const cases: Array<[string, (repo: string) => void]> = [
      ['core.fsmonitor', (repo) => plainGit(repo, ['status'])],
      ['filter.process', (repo) => (edit(repo), plainGit(repo, ['add', 'app.py']))],
      ['filter.clean', (repo) => (edit(repo), plainGit(repo, ['add', 'app.py']))],
      ['filter.smudge', (repo) => (edit(repo), plainGit(repo, ['checkout', '--', 'app.py']))],
      ['diff.textconv', (repo) => (edit(repo), plainGit(repo, ['diff', '--no-ext-diff']))],
      ['diff.command', (repo) => (edit(repo), plainGit(repo, ['diff']))],
      ['diff.external', (repo) => (writeFileSync(path.join(repo, 'notes.txt'), 'more\n'), plainGit(repo, ['diff', '--', 'notes.txt']))],
      ['merge.driver', (repo) => {
        plainGit(repo, ['checkout', '-q', '-b', 'other'], quietCommit);
        writeFileSync(path.join(repo, 'app.py'), F.replace('/x', '/y'));
        plainGit(repo, ['commit', '-qam', 'other'], quietCommit);
        plainGit(repo, ['checkout', '-q', 'main'], quietCommit);
        edit(repo);
        plainGit(repo, ['commit', '-qam', 'main'], quietCommit);
        plainGit(repo, ['merge', '-q', 'other'], quietCommit);
      }],
      ['core.pager', (repo) => spawnSync('script', ['-qec', 'git log -1', '/dev/null'], { cwd: repo, env: plainEnv(), timeout: 20_000 })],
      ['pager.status', (repo) => spawnSync('script', ['-qec', 'git -c core.fsmonitor=false status', '/dev/null'], { cwd: repo, env: plainEnv(), timeout: 20_000 })],
      ['core.editor', (repo) => plainGit(repo, ['commit', '--allow-empty'], ['core.hooksPath', 'commit.gpgSign', 'core.fsmonitor'])],
      ['sequence.editor', (repo) => plainGit(repo, ['rebase', '-i', '--root'], ['core.hooksPath', 'commit.gpgSign', 'core.fsmonitor'])],
      ['hook-pre-commit', (repo) => plainGit(repo, ['commit', '--allow-empty', '-qm', 'x'], ['commit.gpgSign', 'core.fsmonitor'])],
      ['gpg.program', (repo) => plainGit(repo, ['commit', '--allow-empty', '-qm', 'x'], ['core.hooksPath', 'core.fsmonitor'])],
      ['core.sshCommand', (repo) => plainGit(repo, ['ls-remote', 'ssh://example.invalid/x'])],
      ['core.gitProxy', (repo) => plainGit(repo, ['ls-remote', 'git://example.invalid/x'])],
      ['credential.helper', (repo) => plainGit(repo, ['credential', 'fill'], [], 'protocol=https\nhost=example.org\n\n')],
      ['credential.url.helper', (repo) => plainGit(repo, ['credential', 'fill'], [], 'protocol=https\nhost=example.invalid\n\n')],
      ['core.askPass', (repo) => plainGit(repo, ['credential', 'fill'], ['credential.helper'], 'protocol=https\nhost=example.org\n\n')],
      ['remote.uploadpack', (repo) => plainGit(repo, ['fetch', 'origin'])],
      ['remote.receivepack', (repo) => plainGit(repo, ['push', 'origin', 'HEAD:refs/heads/armed'], ['core.hooksPath'])],
    ];
    for (const [key, trigger] of cases) expect(fired(trigger, key === 'filter.process' ? 'process' : 'clean-smudge'), key).toContain(key);
  }, 180_000);

  it.each(['process', 'clean-smudge'] as const)('check, run (its dirty check and its writes) and a dry run start none of them (%s filter)', (filters) => {
    const { repo, markers } = trappedRepo(filters);
    for (const args of [['check', '.'], ['.', '--mode', 'preserve', '--dry'], ['.', '--mode', 'preserve', '--patch', '-']]) {
      runCli(args, { cwd: repo });
    }
    const run = runCli(['.', '--mode', 'preserve', '--no-changelog'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(repo, 'app.py'), 'utf8')).toBe(F_PRESERVED);
    // The file is now modified: the dirty check of a second run must look at it (and refuse it) without a filter.
    writeFileSync(path.join(repo, 'app.py'), F.replace('/x', '/z'));
    const dirty = runCli(['.', '--mode', 'adopt', '--no-changelog'], { cwd: repo });
    expect(dirty.status).toBe(2);
    expect(readdirSync(markers)).toEqual([]);
  }, 60_000);

  it.each(['process', 'clean-smudge'] as const)('fleet: worktree, commit and push start none of them either, and the branch arrives (%s filter)', (filters) => {
    const { repo, markers, origin } = trappedRepo(filters);
    const workdir = tempDir('redirect-codemod-trap-fleet-');
    const run = runCli(['fleet', repo, '--mode', 'preserve', '--push', '--workdir', workdir, '--concurrency', '1'], { cwd: workdir });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(git(origin, 'show', 'redirect-codemod/preserve:app.py')).toBe(F_PRESERVED);
    expect(readdirSync(markers)).toEqual([]);
  }, 60_000);

  it.each(['process', 'clean-smudge'] as const)('the runner itself: diff, log, merge, commit, rebase, credential and transport commands start none of them (%s filter)', async (filters) => {
    const { gitCommand } = await import('../src/engine/gitCommand.js');
    const { repo, markers } = trappedRepo(filters);
    const identity = ['-c', 'user.name=t', '-c', 'user.email=t@example.org'];
    writeFileSync(path.join(repo, 'app.py'), F_PRESERVED);
    writeFileSync(path.join(repo, 'notes.txt'), 'more\n');
    await gitCommand(repo, ['status']);
    await gitCommand(repo, ['diff']);
    await gitCommand(repo, ['diff', '--no-ext-diff']);
    await gitCommand(repo, ['log', '-p', '--textconv', '-1']);
    await gitCommand(repo, ['credential', 'fill'], { input: 'protocol=https\nhost=example.invalid\n\n' });
    await gitCommand(repo, ['ls-remote', 'git://example.invalid/x']);
    await gitCommand(repo, ['ls-remote', 'ssh://example.invalid/x'], { env: { GIT_SSH_COMMAND: 'false' } });
    await gitCommand(repo, ['fetch', 'origin']);
    await gitCommand(repo, [...identity, 'commit', '-a']);
    await gitCommand(repo, [...identity, 'commit', '-qam', 'main']);
    await gitCommand(repo, ['push', 'origin', 'HEAD:refs/heads/quiet']);
    await gitCommand(repo, [...identity, 'rebase', '-i', '--root']);
    await gitCommand(repo, ['checkout', '-q', '-b', 'other', 'HEAD~1']);
    writeFileSync(path.join(repo, 'app.py'), F.replace('/x', '/y'));
    await gitCommand(repo, [...identity, 'commit', '-qam', 'other']);
    await gitCommand(repo, [...identity, 'merge', '-q', 'main']);
    expect(readdirSync(markers)).toEqual([]);
  }, 60_000);
});

describe('15. a full device and too few file descriptors end with a clear message and a documented code', () => {
  it('standard output on /dev/full: exit 74, one line on stderr, no stack trace; the files were still written', () => {
    const { repo } = repoWith({ 'app.py': F });
    for (const args of [['.', '--mode', 'preserve', '--no-changelog'], ['check', '.'], ['check', '.', '--format', 'sarif'], ['.', '--mode', 'adopt', '--dry', '--patch', '-']]) {
      const full = spawnSync(process.execPath, [BIN, ...args], { cwd: repo, stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'], encoding: 'utf8' });
      expect(full.status, args.join(' ')).toBe(74);
      expect(full.stderr).toMatch(/\nredirect-codemod: could not write to standard output \(ENOSPC\); the run itself finished with exit code \d+\n$|^redirect-codemod: could not write to standard output \(ENOSPC\); the run itself finished with exit code \d+\n$/);
      expect(full.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(path.join(repo, 'app.py'), 'utf8')).toBe(F_PRESERVED);
  });

  it('ulimit -n from 20 to 30 (24 in the issue; below 20 Node itself cannot load its entry script): a normal result or exit 74 with one line saying so, never a stack trace or an unhandled spawn error', () => {
    const { repo } = repoWith({ 'app.py': F });
    const codes = new Set<number | null>();
    for (let limit = 20; limit <= 30; limit += 2) {
      for (const args of [['check', '.'], ['.', '--mode', 'preserve', '--no-changelog', '--dry'], ['fleet', '.', '--mode', 'preserve', '--dry', '--workdir', tempDir()]]) {
        const limited = spawnSync('bash', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd: repo, encoding: 'utf8' });
        const said = `ulimit -n ${limit}, ${args[0]}: ${limited.stderr}`;
        codes.add(limited.status);
        expect([0, 1, 3, 74], said).toContain(limited.status);
        if (limited.status === 74) expect(limited.stderr, said).toMatch(/^redirect-codemod: .*too many open files.*\n$/);
        expect(limited.stderr, said).not.toMatch(/\n\s+at |TypeError|internal error/);
      }
    }
    // The limits reach both sides: runs that could not start and runs that finished.
    expect(codes.has(74)).toBe(true);
    expect(codes.has(1)).toBe(true);
    expect(readFileSync(path.join(repo, 'app.py'), 'utf8')).toBe(F);
  }, 120_000);
});

/**
 * A random text of `lines` lines (some CRLF, some blank, maybe no final newline; `unique`: no two
 * code lines alike) and random insertions on its code lines.
 */
function randomCase(seed: number, lines: number, newlines: boolean, unique = false): { before: string; edits: Array<{ offset: number; insert: string }> } {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(next(5) === 0 ? '' : `line ${unique ? i : next(7)} ${'x'.repeat(next(4))}${next(6) === 0 ? '\r' : ''}`);
  const before = out.join('\n') + (next(4) === 0 ? '' : '\n');
  const edits: Array<{ offset: number; insert: string }> = [];
  const lineStarts = [0];
  for (let i = 0; i < before.length; i++) if (before[i] === '\n' && i + 1 < before.length) lineStarts.push(i + 1);
  for (const start of lineStarts) {
    const end = before.indexOf('\n', start) === -1 ? before.length : before.indexOf('\n', start);
    // Calls sit on lines with code: blank lines are never edited.
    if (next(3) !== 0 || /^\r?$/.test(before.slice(start, end))) continue;
    let offset = start + next(Math.max(1, end - start + 1));
    // The tool never splits a CRLF; neither do these.
    if (before[offset - 1] === '\r' && before[offset] === '\n') offset--;
    edits.push({ offset, insert: newlines && next(4) === 0 ? `\n    code=302,` : `, code=${next(2) ? 302 : 303}` });
  }
  return { before, edits };
}

describe('10. diffs are built per hunk from the insertion points, in linear time', () => {

  // Where lines repeat, a whole-file diff may pair them differently (both are valid; git apply takes both, see below).
  it('byte-identical to the diff package on 400 random files of distinct lines with insertions inside lines (CRLF, blank lines, no final newline)', async () => {
    const { diffHunks } = await import('../src/reports/hunks.js');
    const { applyEdits } = await import('../src/engine/applyEdits.js');
    const { structuredPatch } = await import('diff');
    let compared = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { before, edits } = randomCase(seed, 1 + (seed % 40), false, true);
      if (edits.length === 0) continue;
      const after = applyEdits(before, edits);
      const expected = structuredPatch('', '', before, after, undefined, undefined, { context: 3 })
        .hunks.map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}\n`)
        .join('');
      expect(diffHunks(before, after, edits), `seed ${seed}`).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('the work grows linearly with the number of rewrites (steps counted, not seconds)', async () => {
    const { diffHunks, hunkSteps } = await import('../src/reports/hunks.js');
    const { applyEdits } = await import('../src/engine/applyEdits.js');
    const steps = (sites: number) => {
      const before = 'from flask import redirect\n' + 'def v():\n    return redirect("/x")\n'.repeat(sites);
      const edits = [];
      for (let at = before.indexOf('"/x"'); at !== -1; at = before.indexOf('"/x"', at + 1)) edits.push({ offset: at + 4, insert: ', code=302' });
      hunkSteps.count = 0;
      const text = diffHunks(before, applyEdits(before, edits), edits);
      expect(text.split('\n').filter((l) => l.startsWith('+')).length).toBe(sites);
      return hunkSteps.count;
    };
    const small = steps(1_000);
    const large = steps(8_000);
    // Eight times the rewrites, eight times the steps (a whole-file diff would be about 64 times).
    expect(large / small).toBeGreaterThan(7);
    expect(large / small).toBeLessThan(9);
  });
});

describe('10 and 11. the patch applies with git, whatever the names', () => {
  /** Applies `patch` with git in a copy-free way: a clean checkout of the same commit, then compares every file with the run's own write. */
  function applyAndCompare(repo: string, patch: string, written: Record<string, string>): void {
    git(repo, 'stash', '-q', '--include-untracked');
    const applied = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: repo, input: patch, encoding: 'utf8' });
    expect(applied.status, applied.stderr).toBe(0);
    for (const [name, text] of Object.entries(written)) expect(readFileSync(path.join(repo, name), 'utf8'), JSON.stringify(name)).toBe(text);
  }

  it('git apply of --patch reproduces the write: 800 sites in one file, CRLF, new lines inserted, no final newline', () => {
    const many = `from flask import redirect\n${'def v():\n    return redirect("/x")\n'.repeat(800)}`;
    const crlf = 'from flask import redirect\r\ndef a():\r\n    return redirect("/a")\r\n';
    const trailing = 'from flask import redirect\ndef a():\n    return redirect(\n        "/a",\n    )\ndef b():\n    return redirect("/b")';
    const { repo } = repoWith({ 'many.py': many, 'crlf.py': crlf, 'trailing.py': trailing });
    const patch = runCli(['.', '--mode', 'adopt', '--no-changelog', '--dry', '--patch', '-'], { cwd: repo }).stdout;
    expect(patch.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++')).length).toBe(800 + 1 + 3);
    const run = runCli(['.', '--mode', 'adopt', '--no-changelog'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    const written = Object.fromEntries(['many.py', 'crlf.py', 'trailing.py'].map((name) => [name, readFileSync(path.join(repo, name), 'utf8')]));
    expect(written['trailing.py']).toMatch(/"\/a",\n        code=303,\n    \)/);
    applyAndCompare(repo, patch, written);
  }, 60_000);

  it('git apply takes the per-hunk diff of 200 random files with insertions that add lines', () => {
    return import('../src/reports/hunks.js').then(async ({ diffHunks }) => {
      const { applyEdits } = await import('../src/engine/applyEdits.js');
      const dir = tempDir('redirect-codemod-hunks-');
      const written: Record<string, string> = {};
      let patch = '';
      for (let seed = 1; seed <= 200; seed++) {
        const { before, edits } = randomCase(seed * 7, 1 + (seed % 30), true);
        if (edits.length === 0) continue;
        const name = `f${seed}.txt`;
        writeFileSync(path.join(dir, name), before);
        written[name] = applyEdits(before, edits);
        patch += `diff --git a/${name} b/${name}\n--- a/${name}\n+++ b/${name}\n${diffHunks(before, written[name]!, edits)}`;
      }
      initRepo(dir);
      applyAndCompare(dir, patch, written);
    });
  }, 60_000);

  it('names with a newline, an ESC sequence, quotes, a backslash and non-ASCII letters: quoted as git quotes them, and git apply takes the patch', () => {
    const names = ['new\nline.py', 'esc\x1b]0;pwned\x07\x1b[2J.py', 'it\'s "q".py', 'back\\slash.py', 'café ☕.py', 'plain.py'];
    const { repo } = repoWith(Object.fromEntries(names.map((name) => [name, F])));
    const patch = runCli(['.', '--mode', 'preserve', '--no-changelog', '--dry', '--patch', '-'], { cwd: repo });
    expect(patch.status, patch.stderr).toBe(0);
    // git's own quoting of the same names, from git itself.
    for (const quoted of git(repo, 'ls-files').trim().split('\n')) {
      const inner = quoted.startsWith('"') ? quoted.slice(1, -1) : quoted;
      const header = quoted.startsWith('"') ? `diff --git "a/${inner}" "b/${inner}"` : `diff --git a/${inner} b/${inner}`;
      expect(patch.stdout).toContain(`${header}\n`);
    }
    const run = runCli(['.', '--mode', 'preserve', '--no-changelog'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    const written = Object.fromEntries(names.map((name) => [name, readFileSync(path.join(repo, name), 'utf8')]));
    for (const text of Object.values(written)) expect(text).toBe(F_PRESERVED);
    applyAndCompare(repo, patch.stdout, written);
  }, 60_000);

  it('no control character of a name reaches the terminal: dry diff, summary, check, review list, errors', () => {
    const evil = 'esc\x1b]0;pwned\x07\x1b[2J\r\n.py';
    const { repo } = repoWith({ [evil]: F, [`review${evil}`]: 'from flask import redirect\ndef a(u):\n    return redirect(u, *args)\n', [`broken${evil}`]: Buffer.from([0xff, 0xfe]).toString('latin1') + 'redirect' });
    writeFileSync(path.join(repo, `broken${evil}`), Buffer.concat([Buffer.from('from flask import redirect\nredirect("/")\n'), Buffer.from([0xff])]));
    git(repo, 'commit', '-qam', 'binary');
    for (const args of [['.', '--mode', 'preserve', '--dry'], ['check', '.'], ['.', '--mode', 'preserve', '--no-changelog', '--commit-message', '-']]) {
      const out = runCli(args, { cwd: repo });
      const text = out.stdout + out.stderr;
      // git's quoting in the diff, C escapes elsewhere.
      expect(text, args.join(' ')).toContain(args.includes('--dry') ? '"a/esc\\033]0;pwned\\a\\033[2J\\r\\n.py"' : 'esc\\x1b]0;pwned\\a\\x1b[2J\\r\\n.py');
      expect(text, args.join(' ')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    }
  });
});

describe('14. a towncrier directory given as an absolute path is refused like one outside the repository', () => {
  it('nothing is created there nor re-rooted inside the repository; the entry is printed with the reason', () => {
    const outside = path.join(tempDir('redirect-codemod-abs-'), 'fragments');
    const { repo } = repoWith({ 'app.py': F, 'towncrier.toml': `[tool.towncrier]\ndirectory = ${JSON.stringify(outside)}\n` });
    for (const dry of [true, false]) {
      const run = runCli(['.', '--mode', 'preserve', ...(dry ? ['--dry'] : []), '--json', '-'], { cwd: repo });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).changelog.note).toMatch(/^towncrier: its directory ".*fragments" lies outside the repository; add this entry by hand$/);
      expect(existsSync(outside)).toBe(false);
      expect(existsSync(path.join(repo, outside.slice(1)))).toBe(false);
      expect(readdirSync(repo).sort()).toEqual(['.git', 'app.py', 'towncrier.toml']);
    }
    expect(readFileSync(path.join(repo, 'app.py'), 'utf8')).toBe(F_PRESERVED);
  });
});
