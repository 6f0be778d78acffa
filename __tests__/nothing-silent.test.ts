/**
 * Nothing silent: in a tree holding every look-alike and every shape no proof reaches, each
 * redirect-shaped call ends in exactly one of rewritten, explicit, review (with a reason) or
 * not a framework call. The expected outcome of each call is written by hand beside it
 * (`// expect: ...`); the test reads those labels, never the tool's own counts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

const TREE = path.join(FIXTURES, 'nothing-silent');

function labels(dir: string, root = dir): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      for (const [key, value] of labels(file, root)) found.set(key, value);
      continue;
    }
    if (!name.endsWith('.js')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const label = /\/\/ expect: ([\w-]+)/.exec(line);
        if (label) found.set(`${path.relative(root, file)}:${i + 1}`, label[1]!);
      });
  }
  return found;
}

interface Report {
  sites: Array<{ file: string; line: number; action: string; framework: string; reason?: string }>;
  notFramework: Array<{ file: string; line: number; reason: string; parsed: boolean }>;
  summary: { rewritten: number; explicit: number; review: number; unproven: number; notFramework: number };
}

describe('nothing silent', () => {
  const expected = labels(TREE);

  it('accounts for every redirect-shaped call exactly once, as labelled by hand', () => {
    const run = runCli(['check', copyToTemp(TREE), '--format', 'json', '--types', 'off']);
    const report = JSON.parse(run.stdout) as Report;
    const seen = new Map<string, string>();
    const note = (file: string, line: number, outcome: string) => {
      const key = `${file}:${line}`;
      expect(seen.has(key), `${key} reported twice`).toBe(false);
      seen.set(key, outcome);
    };
    for (const site of report.sites) note(site.file, site.line, site.action);
    for (const call of report.notFramework) note(call.file, call.line, 'not-framework');
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));
    // Every review says why, in words about the call itself.
    for (const site of report.sites.filter((s) => s.action === 'review')) expect(site.reason).toMatch(/receiver|`this`|holds a value/);
    expect(report.notFramework.find((call) => call.file === 'tools/links.js')).toMatchObject({ parsed: false, reason: expect.stringMatching(/imports none/) });
    const count = (outcome: string) => [...expected.values()].filter((v) => v === outcome).length;
    expect(report.summary).toMatchObject({ rewritten: count('rewritten'), explicit: count('explicit'), review: count('review'), notFramework: count('not-framework') });
  });

  it('check lists the review in every format, and --strict fails on it', () => {
    const dir = copyToTemp(TREE);
    const reviewLines = [...expected].filter(([, v]) => v === 'review').map(([k]) => Number(k.split(':')[1]));
    const text = runCli(['check', dir, '--types', 'off']);
    expect(text.stdout).toMatch(/src\/unprovable\.js:3:\d+ {2}review {2}res\.redirect: receiver `res` is the first parameter of `sendHome`/);
    const github = runCli(['check', dir, '--types', 'off', '--format', 'github']).stdout;
    expect(github.split('\n').filter((line) => line.startsWith('::notice file=src/unprovable.js')).length).toBe(reviewLines.length);
    const sarif = JSON.parse(runCli(['check', dir, '--types', 'off', '--format', 'sarif']).stdout) as { runs: Array<{ results: Array<{ level: string }> }> };
    expect(sarif.runs[0]!.results.filter((r) => r.level === 'note').length).toBe(reviewLines.length);

    // Once the implicit call is fixed, only the review is left: check passes, --strict does not.
    const fixed = runCli(['run', dir, '--mode', 'preserve', '--allow-dirty', '--no-changelog', '--types', 'off']);
    expect(fixed.status).toBe(0);
    expect(runCli(['check', dir, '--types', 'off']).status).toBe(0);
    expect(runCli(['check', dir, '--types', 'off', '--strict']).status).toBe(1);
  });

  it('--trust-package rewrites what the package alone vouches for, and nothing else', () => {
    const run = runCli(['check', copyToTemp(TREE), '--format', 'json', '--types', 'off', '--trust-package']);
    const report = JSON.parse(run.stdout) as Report;
    const at = (line: number) => report.sites.find((site) => site.file === 'src/unprovable.js' && site.line === line);
    // `requireAdmin(req, res, next)`: express alone, `res` at Express's position.
    expect(at(7)).toMatchObject({ action: 'rewritten', framework: 'express', reason: expect.stringMatching(/trusted on --trust-package/) });
    // `sendHome(res)`: `res` is not at Express's position; `this` and an unknown value are no parameters.
    expect([at(3)?.action, at(13)?.action, at(18)?.action]).toEqual(['review', 'review', 'review']);
  });
});
