/**
 * What fleet engines (multi-gitter, git-xargs, turbolift) do with the command: clone a
 * repository, run it inside, read the exit code and `git status`, commit with the message the
 * tool wrote, push. Offline, on a local bare origin.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, initRepo, runCli, tempDir } from './helpers/cli.js';

describe('the command as a fleet engine runs it', () => {
  it('exit 0 with changes, a ready commit message, exit 0 and a clean tree the second time', () => {
    const source = tempDir();
    mkdirSync(path.join(source, 'app'));
    writeFileSync(path.join(source, 'app', 'views.py'), 'from flask import redirect\n\ndef v():\n    return redirect("/")\n');
    writeFileSync(path.join(source, 'server.js'), "const app = require('express')();\napp.delete('/s', (req, res) => res.redirect('/'));\n");
    writeFileSync(path.join(source, 'package.json'), '{ "name": "svc", "dependencies": { "express": "^4.21.0" } }\n');
    initRepo(source);
    const origin = `${source}.git`;
    git(path.dirname(source), 'clone', '-q', '--bare', source, origin);

    const work = tempDir();
    git(work, 'clone', '-q', `file://${origin}`, 'svc');
    const repo = path.join(work, 'svc');
    const message = path.join(work, 'message.txt');
    const first = runCli(['.', '--mode', 'preserve', '--no-changelog', '--commit-message', message], { cwd: repo });
    expect(first.status).toBe(0);
    expect(git(repo, 'status', '--porcelain')).toBe(' M app/views.py\n M server.js\n');
    expect(readFileSync(message, 'utf8')).toMatch(/^Make redirect statuses explicit \(302\)\n\n2 redirect\(s\) in 2 file\(s\) now name their status \(Flask, Express\)/);

    git(repo, '-c', 'user.name=fleet', '-c', 'user.email=fleet@example.org', 'commit', '-qam', 'placeholder');
    git(repo, '-c', 'user.name=fleet', '-c', 'user.email=fleet@example.org', 'commit', '-q', '--amend', '-F', message);
    git(repo, 'push', '-q', 'origin', 'HEAD:refs/heads/redirect-codemod/preserve');
    expect(git(origin, 'log', '-1', '--format=%s', 'redirect-codemod/preserve')).toBe('Make redirect statuses explicit (302)\n');

    const second = runCli(['.', '--mode', 'preserve', '--no-changelog'], { cwd: repo });
    expect(second.status).toBe(0);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('DRY_RUN=true and XARGS_DRY_RUN=true leave the tree untouched', () => {
    for (const env of [{ DRY_RUN: 'true' }, { XARGS_DRY_RUN: 'true' }]) {
      const repo = tempDir();
      writeFileSync(path.join(repo, 'app.py'), 'from flask import redirect\nredirect("/")\n');
      initRepo(repo);
      expect(runCli(['.', '--mode', 'adopt'], { cwd: repo, env }).status).toBe(0);
      expect(git(repo, 'status', '--porcelain')).toBe('');
    }
  });
});
