/**
 * A package.json kept in a subfolder and copied beside the code at image build time
 * (__testfixtures__/image-manifest): the Dockerfile is read as data, and only what it says
 * soundly counts. The expected outcome of each call is written beside it by hand.
 */
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

const TREE = path.join(FIXTURES, 'image-manifest');

function labels(dir: string, root = dir): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) Object.assign(found, labels(file, root));
    else if (name.endsWith('.js')) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const label = /\/\/ expect: ([\w-]+)/.exec(line);
          if (label) found[`${path.relative(root, file)}:${i + 1}`] = label[1]!;
        });
    }
  }
  return found;
}

interface Report {
  sites: Array<{ file: string; line: number; action: string; framework: string; reason?: string }>;
  notFramework: Array<{ file: string; line: number }>;
}

function outcomes(dir: string): { seen: Record<string, string>; report: Report } {
  const report = JSON.parse(runCli(['check', dir, '--format', 'json', '--types', 'off']).stdout) as Report;
  const seen: Record<string, string> = {};
  for (const site of report.sites) seen[`${site.file}:${site.line}`] = site.action;
  for (const call of report.notFramework) seen[`${call.file}:${call.line}`] = 'not-framework';
  return { seen, report };
}

describe('a manifest kept in a subfolder and copied beside the code by the Dockerfile', () => {
  it('the code the image holds runs with the copied package.json; code left out by .dockerignore or never copied does not', () => {
    const { seen, report } = outcomes(copyToTemp(TREE));
    expect(seen).toEqual(labels(TREE));
    expect(report.sites.find((s) => s.file === 'api/handlers/session.js')).toMatchObject({
      framework: 'express',
      reason: expect.stringContaining('deploy/package.json, which Dockerfile copies into the image beside this file, depends on express'),
    });
  });

  it('a copy the repository cannot tell (COPY --from another stage) over the manifest proves nothing', () => {
    const dir = copyToTemp(TREE);
    appendFileSync(path.join(dir, 'Dockerfile'), 'COPY --from=build /build/runtime/ ./\n');
    expect(outcomes(dir).seen['api/handlers/session.js:4']).toBe('not-framework');
  });

  it('a Dockerfile whose sources are not in the repository (another build context) proves nothing', () => {
    const dir = copyToTemp(TREE);
    appendFileSync(path.join(dir, 'Dockerfile'), 'COPY secrets/ ./secrets/\n');
    expect(outcomes(dir).seen['api/handlers/session.js:4']).toBe('not-framework');
  });
});
