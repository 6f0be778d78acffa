/**
 * What an outside attack found (issue 15), each case in a fresh committed git repository:
 * links named on the command line or planted where a report goes, repository git
 * configuration that names programs, edits made while the tool writes, and output hygiene.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
