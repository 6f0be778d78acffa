// Makes dist/bundle/cli.cjs.v8cache (see bin/loadCli.cjs): loads the bundle from its source,
// runs the paths every start takes (--version, the help, a usage error, check and a dry run on
// an empty directory) so that V8 compiles the functions they call, then saves V8's code cache of all
// of it. Functions these paths do not call stay out, and compile when first called, as
// without a cache. Run by scripts/bundle.mjs, with the Node that built the bundle.
// Then a dry run on the project's fixtures (JavaScript with JSX and Flow, TypeScript, test
// files, syntax errors) parses with the build's copy of @babel/parser, and saves its cache
// (dist/bundle/babel-parser/index.js.v8cache): V8 caches the functions that have run. Last,
// the file worker analyses the same files and saves its own (dist/bundle/fileWorker.cjs.v8cache).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, Worker } from 'node:worker_threads';
import { HEAP_GROWING_PERCENT } from '../dist/src/engine/heapGrowth.js';

const { loadCli, compiled } = createRequire(import.meta.url)('../bin/loadCli.cjs');
const { cli, saveCache } = loadCli({ useCache: false });
const fixtures = fileURLToPath(new URL('../__testfixtures__', import.meta.url));
const { port1, port2 } = new MessageChannel();
/** The fixtures' JavaScript, TypeScript and Python files, in a stable order. */
const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? (entry.name === 'node_modules' ? [] : sourceFiles(path.join(dir, entry.name))) : /\.(jsx?|mjs|cjs|tsx?|py)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.join(dir, entry.name)] : []));
const empty = mkdtempSync(path.join(tmpdir(), 'redirect-codemod-cache-'));
const quiet = { write: () => true, isTTY: false, columns: 100 };
const io = { stdout: quiet, stderr: quiet, cwd: empty, env: { NO_COLOR: '1' } };
try {
  for (const argv of [['--version'], ['--help'], ['check', '--help'], ['check', '--jsno', '.'], ['check', '.'], ['.', '--mode', 'preserve', '--dry']]) await cli.main(argv, io);
  // V8 accepts a cache only under the flags it was made with: these are V8's defaults, as in a
  // run of fewer than BOUND_FROM_FILES files. A larger one sets a flag (src/engine/heapGrowth.ts)
  // and compiles Babel and the worker from their sources (a few ms of a run that long).
  saveCache();
  if (existsSync(fixtures)) {
    process.env.REDIRECT_CODEMOD_WORKERS = 'off'; // parsed in this thread, by this copy of Babel
    await cli.main([fixtures, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off'], io);
  }
} finally {
  rmSync(empty, { recursive: true, force: true });
}
// Without the fixtures (a copy of the sources without them), Babel's copy and the worker have
// no cache, and compile from their sources as when V8 refuses one.
if (!existsSync(fixtures)) process.exit(0);

// The file worker, started as src/engine/filePool.ts starts it and given the fixtures' files to
// analyse and its test files to scan, as the pool gives them, then asked for its cache
// (dist/bundle/fileWorker.cjs.v8cache).
const worker = new Worker(new URL('../dist/bundle/fileWorker.js', import.meta.url), { workerData: { top: fixtures, typeBudgetMs: 1000, codeCachePort: port2 }, transferList: [port2] });
try {
  const files = sourceFiles(fixtures);
  // Every file to analyse, and the test files to scan for status assertions too.
  const jobs = [
    ...files.map((file) => ({ task: { file, shown: path.relative(fixtures, file), text: readFileSync(file, 'utf8'), python: file.endsWith('.py'), mode: 'preserve', types: false, trustPackage: false } })),
    ...files.filter((file) => /(^|[\\/])(test_[^\\/]*\.py|[^\\/]*\.(test|spec)\.[cm]?[jt]sx?)$/.test(file)).map((file) => ({ scan: { file, text: readFileSync(file, 'utf8') } })),
  ];
  await new Promise((resolve, reject) => {
    let left = jobs.length;
    worker.on('error', reject);
    worker.on('message', (reply) => {
      if (reply.started || reply.skipped) return;
      if (reply.error !== undefined || (reply.outcome === undefined && !('scanned' in reply))) reject(new Error(`the file worker did not do ${JSON.stringify(jobs[reply.id]?.task?.shown ?? jobs[reply.id]?.scan?.file)}: ${reply.error ?? JSON.stringify(reply)}`));
      else if (--left === 0) resolve();
    });
    jobs.forEach((job, id) => worker.postMessage({ id, claim: -1, ...job }));
  });
  await new Promise((resolve) => {
    port1.once('message', resolve);
    port1.postMessage('save');
  });
} finally {
  port1.close();
  await worker.terminate();
}

const babel = compiled.find((entry) => entry.file.endsWith(path.join('babel-parser', 'index.js')));
if (!babel || babel.cached) throw new Error(`the dry run on ${fixtures} did not compile dist/bundle/babel-parser/index.js from its source`);
babel.saveCache();
