/**
 * Shape 6 (a library package proved by the app package that imports it) and registrations in
 * another file proving a handler's framework, on a pnpm workspace with no node_modules
 * (__testfixtures__/workspace-libraries). The expected outcome and framework of each call are
 * written by hand beside it (`// expect: rewritten (express, ...)`); the test reads those labels.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

const TREE = path.join(FIXTURES, 'workspace-libraries');

function labels(dir: string, root = dir): Map<string, { outcome: string; framework: string | null }> {
  const found = new Map<string, { outcome: string; framework: string | null }>();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      for (const [key, value] of labels(file, root)) found.set(key, value);
      continue;
    }
    if (!/\.[jt]s$/.test(name)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const label = /\/\/ expect: ([\w-]+)(?: \((express|koa)\b)?/.exec(line);
        if (label) found.set(`${path.relative(root, file)}:${i + 1}`, { outcome: label[1]!, framework: label[2] ?? null });
      });
  }
  return found;
}

interface Report {
  sites: Array<{ file: string; line: number; action: string; framework: string; reason?: string }>;
  notFramework: Array<{ file: string; line: number }>;
}

describe('library packages proved by the app packages that import and register them', () => {
  const expected = labels(TREE);

  it('every call ends as labelled, with the framework of the router that registers it', () => {
    expect(expected.size).toBeGreaterThanOrEqual(9);
    const run = runCli(['check', copyToTemp(TREE), '--format', 'json', '--types', 'off']);
    const report = JSON.parse(run.stdout) as Report;
    const seen = new Map<string, { outcome: string; framework: string | null }>();
    for (const site of report.sites) seen.set(`${site.file}:${site.line}`, { outcome: site.action, framework: site.action === 'rewritten' ? site.framework : null });
    for (const call of report.notFramework) seen.set(`${call.file}:${call.line}`, { outcome: 'not-framework', framework: null });
    const wanted = new Map([...expected].map(([key, label]) => [key, { ...label, framework: label.outcome === 'rewritten' ? label.framework : null }]));
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(wanted));
    // The review names both registrations, and what each registration proved says where it is.
    const moved = report.sites.find((site) => site.file === 'packages/shared/src/moved.js')!;
    expect(moved.reason).toMatch(/registered on several frameworks: express \(registered in routes\.ts .*\); koa \(registered in routes\.js/);
    expect(report.sites.find((site) => site.file === 'packages/auth/src/save.ts')!.reason).toMatch(/registered in mount\.ts with \.post\(\), and @acme\/api's package\.json depends on express and no other server framework/);
  });

  it('rewrites each in its framework\'s form, and a second run changes nothing', () => {
    const dir = copyToTemp(TREE);
    const run = runCli([dir, '--mode', 'adopt', '--no-changelog', '--types', 'off']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
    expect(read('packages/auth/src/index.ts')).toContain("return res.redirect(303, '/login');");
    expect(read('packages/auth/src/index.ts')).toContain('return client.redirect(url);');
    expect(read('packages/shared/src/billing.ts')).toMatch(/res\.redirect\(303, '\/thanks'\)[\s\S]*ctx\.redirect\('\/portal'\);.*\n\s*ctx\.status = 303;/);
    expect(read('packages/guards/index.js')).toMatch(/ctx\.status = 303;\n\s*return ctx\.redirect\('\/denied'\)/);
    expect(read('packages/shared/src/moved.js')).toContain("res.redirect('/new-home');");
    const again = runCli([dir, '--mode', 'adopt', '--no-changelog', '--types', 'off', '--allow-dirty']);
    expect(again.stdout).toMatch(/0 rewritten, 7 already explicit, 1 left for review/);
  });
});
