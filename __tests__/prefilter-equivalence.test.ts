/**
 * The fast path finds exactly what parsing everything finds, on every fixture and on a sample
 * of real code from node_modules. It parses only files that spell "edirect" and that show
 * a rule's clue: for JavaScript a framework's import, a global it matches, or a framework in
 * the nearest package.json (src/js/clues.ts); for Python an import of a framework's package
 * (src/python/clues.ts).
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREFILTER } from '../src/engine/run.js';
import { mayHoldJsSites } from '../src/js/clues.js';
import { mayHoldPythonSites } from '../src/python/clues.js';
import { PackageLookup, type PackageInfo } from '../src/js/packageInfo.js';
import { transformJs } from '../src/js/transformJs.js';
import { transformPython } from '../src/python/transformPython.js';
import { REPO, runCli, tempDir, type CliRun } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';
import { SOURCE, sourceFiles } from './helpers/sourceFiles.js';

const listFiles = (dir: string, limit: number) => sourceFiles(dir, limit, SOURCE, 200_000);

async function sitesOf(file: string, text: string, pkg: PackageInfo) {
  if (file.endsWith('.py')) {
    const result = await transformPython(text, file, 'preserve');
    return result.ok ? result.sites : result.message;
  }
  const result = transformJs(text, file, 'preserve', { pkg });
  return result.ok ? result.sites : result.message;
}

/** What the engine's prefilters let through to the parser. */
function parsedByFastPath(file: string, bytes: Buffer, pkg: PackageInfo): boolean {
  if (bytes.indexOf(PREFILTER) === -1) return false;
  const text = bytes.toString('utf8');
  return file.endsWith('.py') ? mayHoldPythonSites(text) : mayHoldJsSites(text, pkg);
}

describe('the prefilter changes nothing but speed', () => {
  const fixtureFiles = listFiles(FIXTURES, 10_000);
  // Every 7th source file of the first 2,100 in node_modules: real code of many shapes.
  const sample = listFiles(path.join(REPO, 'node_modules'), 2_100).filter((_, i) => i % 7 === 0);
  // Every 5th Python file of the standard library and Debian's Flask and Werkzeug, where present: corpus (b)'s code.
  const stdlib = readdirSync('/usr/lib').find((name) => /^python3\.\d+$/.test(name));
  const pythonRoots = [...(stdlib ? [path.join('/usr/lib', stdlib)] : []), '/usr/lib/python3/dist-packages/flask', '/usr/lib/python3/dist-packages/werkzeug'];
  const pythonSample = pythonRoots.filter(existsSync).flatMap((root) => listFiles(root, 1_500).filter((file) => file.endsWith('.py') && !file.includes('/site-packages/')).filter((_, i) => i % 5 === 0));

  it(`finds the same sites with and without it (${fixtureFiles.length} fixtures, ${sample.length} node_modules files, ${pythonSample.length} Python library files)`, async () => {
    let withCalls = 0;
    let ruledOutByClues = 0;
    for (const file of [...fixtureFiles, ...sample, ...pythonSample]) {
      const bytes = readFileSync(file);
      const pkg = new PackageLookup(path.dirname(file)).forFile(file);
      const full = await sitesOf(file, bytes.toString('utf8'), pkg);
      const parsed = parsedByFastPath(file, bytes, pkg);
      // A file left unparsed must be one where parsing finds nothing (a parse error included).
      if (!parsed) expect(Array.isArray(full) ? full : [], file).toEqual([]);
      if (!parsed && bytes.indexOf(PREFILTER) !== -1) ruledOutByClues++;
      if (Array.isArray(full) && full.length > 0) withCalls++;
    }
    expect(withCalls).toBeGreaterThan(50);
    // The clues do rule files out (a gate that lets everything through would pass the loop).
    expect(ruledOutByClues).toBeGreaterThan(0);
  }, 120_000);

  it('a whole run finds the same sites as a run that parses every file (real packages with their dist/, the fixtures, the example)', () => {
    const dir = tempDir('redirect-codemod-fast-path-');
    const packages = ['express5', 'fastify5', 'koa', 'hono', '@hapi/hapi', 'react-router', '@hono/node-server', 'node-fetch', 'sync-fetch', '@vitest/mocker'];
    for (const name of packages) {
      const from = path.join(REPO, 'node_modules', name);
      if (existsSync(from)) cpSync(from, path.join(dir, 'packages', name), { recursive: true, filter: (src) => !path.relative(from, src).split(path.sep).includes('node_modules') });
    }
    cpSync(FIXTURES, path.join(dir, 'fixtures'), { recursive: true });
    cpSync(path.join(REPO, 'examples', 'flask-shop'), path.join(dir, 'flask-shop'), { recursive: true });
    const args = [dir, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off', '--include', 'dist', '--include', 'node_modules', '--json', '-'];
    const sites = (run: CliRun) => (JSON.parse(run.stdout) as { sites: unknown[] }).sites;
    const fast = runCli(args);
    const everything = runCli(args, { env: { REDIRECT_CODEMOD_PARSE_ALL: '1' } });
    expect(sites(fast)).toEqual(sites(everything));
    expect(sites(fast).length).toBeGreaterThan(100);
  }, 180_000);
});
