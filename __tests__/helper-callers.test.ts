/**
 * Exported helpers proved by their callers in other files (src/js/crossFileCallers.ts): every
 * call in the helper's package must pass the handler's framework object at that position. A
 * helper whose package sits inside a larger tree (a workspace member) may be called by sibling
 * packages, which are not searched: it stays in review, and the reason says so.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';

const HELPER = "// The toolkit comes third.\nconst backTo = (id, query, h) => h.redirect(`/items/${id}`);\n\nmodule.exports = { backTo };\n";
const CONTROLLER = "const { backTo } = require('./lib/back-to');\n\nconst show = (request, h) => backTo(request.params.id, request.query, h);\n\nmodule.exports = { show };\n";
const HAPI = JSON.stringify({ name: 'items', dependencies: { '@hapi/hapi': '^21.3.0' } });

function write(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function helperSite(dir: string) {
  const report = JSON.parse(runCli(['check', dir, '--format', 'json', '--types', 'off']).stdout) as { sites: Array<{ file: string; action: string; reason?: string }> };
  return report.sites.find((site) => site.file.endsWith('lib/back-to.js'));
}

describe('helpers proved by their callers in other files', () => {
  it('a package of its own: every caller passes the handler h, so the helper is rewritten', () => {
    const dir = write(tempDir('redirect-codemod-callers-'), { 'package.json': HAPI, 'src/lib/back-to.js': HELPER, 'src/controller.js': CONTROLLER });
    expect(helperSite(dir)).toMatchObject({ action: 'rewritten', reason: expect.stringMatching(/every call of backTo\(\) in the project \(controller\.js\) passes it the handler's hapi\.ResponseToolkit/) });
  });

  it('a workspace member: its siblings may call it too, so it stays in review with that reason', () => {
    const dir = write(tempDir('redirect-codemod-callers-'), {
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }),
      'packages/items/package.json': HAPI,
      'packages/items/src/lib/back-to.js': HELPER,
      'packages/items/src/controller.js': CONTROLLER,
    });
    expect(helperSite(dir)).toMatchObject({ action: 'review', reason: expect.stringMatching(/sits inside another .*only its own package is searched/) });
  });

  it('a caller that passes something else: review, and the reason names the callers', () => {
    const dir = write(tempDir('redirect-codemod-callers-'), {
      'package.json': HAPI,
      'src/lib/back-to.js': HELPER,
      'src/controller.js': CONTROLLER,
      'src/cli.js': "const { backTo } = require('./lib/back-to');\n\nbackTo('1', {}, { redirect: (to) => to });\n",
    });
    expect(helperSite(dir)).toMatchObject({ action: 'review', reason: expect.stringMatching(/called from .*controller\.js.*cli\.js|called from .*cli\.js.*controller\.js/) });
  });
});
