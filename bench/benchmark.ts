/**
 * `npm run bench`: redirect-codemod side by side with jscodeshift (running this project's own
 * transform), ast-grep (equivalent patterns) and `git grep -l redirect` (the floor), on corpora
 * made of real code. Each command is timed as a whole process (wall, CPU, peak RSS through
 * /usr/bin/time), at least three runs, after the copies are flushed to disk and read once
 * untimed; medians, spreads and ratios are printed and written to bench-results.json.
 * Offline: every corpus is copied from this machine.
 *
 *   npm run bench                 all corpora, 3 runs each
 *   npm run bench -- --runs 5     more runs
 *   npm run bench -- --quick      1 run, jscodeshift on corpus (c) only
 *   npm run bench -- --only fleet the fleet scale check alone (200 repositories)
 *   npm run bench -- --only a     one corpus (a, b, c, d or e; the dense corpora are c and d,
 *                                 e is application code at 1x, 2x and 4x: bench/appCorpus.ts)
 *   npm run bench -- --no-fleet   the corpora without the fleet scale check
 *   npm run bench -- --only startup   start-up alone (bench/startup.ts; --startup-baseline BIN beside it)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appCorpora, appTools, targetLines } from './appCorpus.js';
import { fleetScale, type FleetMeasure } from './fleetScale.js';
import { startup, type StartupMeasure } from './startup.js';
import { pythonChains } from './pythonChains.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(REPO, 'bin', 'redirect-codemod.js');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const RUNS = QUICK ? 1 : Number(args[args.indexOf('--runs') + 1]) > 0 && args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const ONLY_FLEET = ONLY === 'fleet';
const ONLY_CORPUS = ONLY && /^[abcde]$/.test(ONLY) ? ONLY : undefined;
const ONLY_STARTUP = ONLY === 'startup';
const STARTUP_BASELINE = args.includes('--startup-baseline') ? path.resolve(args[args.indexOf('--startup-baseline') + 1] ?? '') : undefined;
if (ONLY !== undefined && !ONLY_FLEET && !ONLY_CORPUS && !ONLY_STARTUP) {
  console.error(`--only takes fleet, startup, a, b, c, d or e (got ${ONLY ?? 'nothing'})`);
  process.exit(2);
}
const NO_FLEET = args.includes('--no-fleet');
const JS_EXTENSIONS = 'js,jsx,mjs,cjs,ts,tsx';

interface Corpus {
  name: string;
  dir: string;
  files: number;
  bytes: number;
  js: boolean;
}

interface Measure {
  corpus: string;
  tool: string;
  runs: number[];
  wall: number;
  spread: [number, number];
  cpu: number;
  rss: number;
  filesPerSecond: number;
  mbPerSecond: number;
  exit: number | null;
}

function sh(command: string, argv: string[], cwd = REPO): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

function sourceStats(dir: string, python: boolean): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const pattern = python ? /\.pyw?$/ : /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && pattern.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) {
        files++;
        bytes += statSync(full).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** Nested node_modules renamed, so that every tool (ours skips node_modules) sees the same files. */
function flattenNodeModules(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    if (entry.name === 'node_modules') {
      renameSync(full, path.join(dir, 'nested_modules'));
      flattenNodeModules(path.join(dir, 'nested_modules'));
    } else flattenNodeModules(full);
  }
}

function prepare(work: string): Corpus[] {
  const corpora: Corpus[] = [];
  const a = path.join(work, 'a-node_modules');
  cpSync(path.join(REPO, 'node_modules'), a, { recursive: true, verbatimSymlinks: true });
  rmSync(path.join(a, '.bin'), { recursive: true, force: true });
  flattenNodeModules(a);
  corpora.push({ name: '(a) node_modules', dir: a, js: true, ...sourceStats(a, false) });

  const b = path.join(work, 'b-python');
  mkdirSync(b);
  const stdlib = readdirSync('/usr/lib').find((name) => /^python3\.\d+$/.test(name));
  if (stdlib) cpSync(path.join('/usr/lib', stdlib), path.join(b, stdlib), { recursive: true, filter: (src) => !src.includes('site-packages') && !src.includes('dist-packages') });
  for (const pkg of ['flask', 'werkzeug']) {
    const source = path.join('/usr/lib/python3/dist-packages', pkg);
    if (existsSync(source)) cpSync(source, path.join(b, pkg), { recursive: true });
  }
  corpora.push({ name: '(b) Python stdlib + Flask + Werkzeug', dir: b, js: false, ...sourceStats(b, true) });

  // (c)/(d): the fixture apps, copied many times: a corpus where nearly every file redirects.
  const fixtures = path.join(REPO, '__testfixtures__');
  for (const scale of [1, 2, 4]) {
    const c = path.join(work, `c-dense-${scale}x`);
    for (let copy = 0; copy < 25 * scale; copy++) {
      for (const framework of readdirSync(fixtures)) {
        const from = path.join(fixtures, framework);
        if (!statSync(from).isDirectory() || framework === 'typescript-project') continue;
        for (const file of readdirSync(from)) {
          if (!file.includes('.input.') && !/\.(py|js|mjs|tsx?)$/.test(file)) continue;
          if (file.includes('.output.') || file.includes('syntax-error') || file.includes('python2')) continue;
          const target = path.join(c, `copy${copy}`, framework, file.replace('.input.', '.'));
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(path.join(from, file), target);
        }
      }
    }
    const js = sourceStats(c, false);
    const py = sourceStats(c, true);
    corpora.push({ name: `(${scale === 1 ? 'c' : 'd'}) dense ${scale}x`, dir: c, js: true, files: js.files + py.files, bytes: js.bytes + py.bytes });
  }
  return corpora;
}

const AST_GREP_RULES = ['JavaScript', 'TypeScript', 'Tsx', 'Python']
  .map((language, i) => `id: redirect-${i}\nlanguage: ${language}\nrule:\n  any:\n    - pattern: $R.redirect($$$A)\n    - pattern: redirect($$$A)\n    - pattern: sendRedirect($$$A)`)
  .join('\n---\n');

function tools(corpus: Corpus): Array<[string, string, string[]]> {
  const list: Array<[string, string, string[]]> = [
    ['redirect-codemod run --dry --json', process.execPath, [BIN, 'run', corpus.dir, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off', '--json', path.join(tmpdir(), 'redirect-codemod-bench.json')]],
    ['redirect-codemod check', process.execPath, [BIN, 'check', corpus.dir, '--format', 'json', '--types', 'off']],
    // The default skips dist/ (build output); this row searches it too, as every peer does.
    ...(corpus.name.startsWith('(a)')
      ? [['redirect-codemod run --include dist', process.execPath, [BIN, 'run', corpus.dir, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off', '--include', 'dist', '--json', path.join(tmpdir(), 'redirect-codemod-bench.json')]] as [string, string, string[]]]
      : []),
    ['ast-grep scan', path.join(REPO, 'node_modules', '.bin', 'ast-grep'), ['scan', '--inline-rules', AST_GREP_RULES, '--json=compact', corpus.dir]],
    ['git grep -l redirect', 'git', ['-C', corpus.dir, 'grep', '--no-index', '-l', '-e', 'redirect', '--', '.']],
  ];
  if (corpus.js && (!QUICK || corpus.name.startsWith('(c)'))) {
    list.splice(2, 0, [
      'jscodeshift (this transform)',
      process.execPath,
      [path.join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js'), '-t', path.join(REPO, 'transforms', 'redirect.cjs'), `--extensions=${JS_EXTENSIONS}`, '--parser=tsx', '--mode=preserve', '--dry', '--silent', corpus.dir],
    ]);
  }
  return list;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function measure(corpus: Corpus, tool: string, command: string, argv: string[]): Measure {
  const walls: number[] = [];
  const cpus: number[] = [];
  const rsss: number[] = [];
  let exit: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const run = sh('/usr/bin/time', ['-f', 'TIME %e %U %S %M', command, ...argv]);
    const line = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
    if (!line) throw new Error(`${tool}: no timing (${run.stderr.slice(-400)})`);
    walls.push(Number(line[1]));
    cpus.push(Number(line[2]) + Number(line[3]));
    rsss.push(Number(line[4]) / 1024);
    exit = run.status;
    if (run.status !== 0 && run.status !== 1) throw new Error(`${tool} failed (${run.status}): ${run.stderr.slice(-400)}`);
  }
  const wall = median(walls);
  return {
    corpus: corpus.name,
    tool,
    runs: walls,
    wall,
    spread: [Math.min(...walls), Math.max(...walls)],
    cpu: median(cpus),
    rss: Math.max(...rsss),
    filesPerSecond: corpus.files / Math.max(wall, 0.001),
    mbPerSecond: corpus.bytes / 1024 / 1024 / Math.max(wall, 0.001),
    exit,
  };
}

function main(): void {
  const work = mkdtempSync(path.join(tmpdir(), 'redirect-codemod-bench-'));
  try {
    // Start-up first, on a quiet machine: 31 runs of each command (11 with --quick).
    console.log('\nStart-up (empty directory):');
    const startupResults: StartupMeasure[] = ONLY_FLEET || ONLY_CORPUS ? [] : startup(STARTUP_BASELINE ? [BIN, STARTUP_BASELINE] : [BIN], QUICK ? 11 : 31, median);
    const prepared = ONLY_FLEET || ONLY_STARTUP ? [] : (console.log(`Preparing corpora in ${work} ...`), [...(ONLY_CORPUS === 'e' ? [] : prepare(work)), ...appCorpora(work, sourceStats)]);
    const corpora = ONLY_CORPUS ? prepared.filter((corpus) => corpus.name.startsWith(`(${ONLY_CORPUS})`)) : prepared;
    // The copies are written back to disk before anything is timed: otherwise the first tool
    // measured competes with the kernel flushing hundreds of megabytes.
    spawnSync('sync');
    const results: Measure[] = [];
    for (const corpus of corpora) {
      console.log(`\n${corpus.name}: ${corpus.files} source files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB`);
      // One untimed read of every file, so each tool starts from the same warm page cache.
      sh('git', ['-C', corpus.dir, 'grep', '--no-index', '-l', '-e', 'redirect', '--', '.']);
      for (const [tool, command, argv] of corpus.name.startsWith('(e)') ? appTools(corpus, BIN, REPO, QUICK) : tools(corpus)) {
        const m = measure(corpus, tool, command, argv);
        results.push(m);
        console.log(`  ${tool.padEnd(34)} ${m.wall.toFixed(2).padStart(7)} s  [${m.spread[0].toFixed(2)}–${m.spread[1].toFixed(2)}]  cpu ${m.cpu.toFixed(2).padStart(6)} s  ${Math.round(m.filesPerSecond).toString().padStart(7)} files/s  ${m.mbPerSecond.toFixed(1).padStart(6)} MB/s  rss ${Math.round(m.rss).toString().padStart(4)} MB`);
      }
      for (const ours of results.filter((r) => r.corpus === corpus.name && r.tool.startsWith('redirect-codemod run'))) {
        for (const peer of results.filter((r) => r.corpus === corpus.name && !r.tool.startsWith('redirect-codemod'))) {
          const ratio = peer.wall / ours.wall;
          console.log(`  ${ours.tool} vs ${peer.tool}: ${ratio >= 1 ? `${ratio.toFixed(1)}x faster` : `${(1 / ratio).toFixed(1)}x slower`}`);
        }
      }
    }
    const dense = [1, 2, 4].map((scale) => results.find((r) => r.corpus === `(${scale === 1 ? 'c' : 'd'}) dense ${scale}x` && r.tool.startsWith('redirect-codemod run'))!);
    if (dense.every(Boolean)) console.log(`\nGrowth (dense corpus, run): 2x corpus → ${(dense[1]!.wall / dense[0]!.wall).toFixed(2)}x time, 4x corpus → ${(dense[2]!.wall / dense[0]!.wall).toFixed(2)}x time`);
    const apps = [1, 2, 4].map((scale) => results.find((r) => r.corpus === `(e) apps ${scale}x` && r.tool === 'redirect-codemod run (default)'));
    if (apps.every(Boolean)) console.log(`Growth (application corpus, default run): 2x corpus → ${(apps[1]!.wall / apps[0]!.wall).toFixed(2)}x time, 4x corpus → ${(apps[2]!.wall / apps[0]!.wall).toFixed(2)}x time`);
    const targets = targetLines(results);
    if (targets.length > 0) console.log(`\nTargets (issue 14):\n${targets.join('\n')}`);
    const fleet: FleetMeasure[] = NO_FLEET || ONLY_CORPUS || ONLY_STARTUP ? [] : fleetScale(work, BIN, RUNS, median);
    const chains = ONLY_FLEET || ONLY_CORPUS || ONLY_STARTUP ? [] : pythonChains(work, BIN, RUNS, median);
    const out = path.join(process.cwd(), 'bench-results.json');
    writeFileSync(out, `${JSON.stringify({ machine: { cpus: spawnSync('nproc', { encoding: 'utf8' }).stdout.trim(), node: process.version }, runs: RUNS, startup: startupResults, corpora, results, fleet, pythonChains: chains }, null, 2)}\n`);
    console.log(`\nWritten to ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
