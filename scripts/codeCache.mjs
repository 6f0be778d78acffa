// Makes dist/bundle/cli.cjs.v8cache (see bin/loadCli.cjs): loads the bundle from its source,
// runs the paths every start takes (--version, the help, a usage error, check and a dry run on
// an empty directory) so that V8 compiles the functions they call, then saves V8's code cache of all
// of it. Functions these paths do not call stay out, and compile when first called, as
// without a cache. Run by scripts/bundle.mjs, with the Node that built the bundle.
// Then a dry run on the project's fixtures (JavaScript with JSX and Flow, TypeScript, test
// files, syntax errors) parses with the build's copy of @babel/parser, and saves its cache
// (dist/bundle/babel-parser/index.js.v8cache): V8 caches the functions that have run.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { HEAP_GROWING_PERCENT } from '../dist/src/engine/heapGrowth.js';

const { loadCli, compiled } = createRequire(import.meta.url)('../bin/loadCli.cjs');
const { cli, saveCache } = loadCli({ useCache: false });
const fixtures = fileURLToPath(new URL('../__testfixtures__', import.meta.url));
const empty = mkdtempSync(path.join(tmpdir(), 'redirect-codemod-cache-'));
const quiet = { write: () => true, isTTY: false, columns: 100 };
const io = { stdout: quiet, stderr: quiet, cwd: empty, env: { NO_COLOR: '1' } };
try {
  for (const argv of [['--version'], ['--help'], ['check', '--help'], ['check', '--jsno', '.'], ['check', '.'], ['.', '--mode', 'preserve', '--dry']]) await cli.main(argv, io);
  // V8 accepts a cache only under the flags it was made with, and main() sets one
  // (src/engine/heapGrowth.ts): cli.cjs compiles before main() runs, under V8's defaults, and
  // the copy of Babel after it, under the command line's flags. Each is saved under those.
  setFlagsFromString('--heap-growing-percent=0');
  saveCache();
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  process.env.REDIRECT_CODEMOD_WORKERS = 'off'; // parsed in this thread, by this copy of Babel
  await cli.main([fixtures, '--mode', 'preserve', '--dry', '--no-changelog', '--types', 'off'], io);
} finally {
  rmSync(empty, { recursive: true, force: true });
}
const babel = compiled.find((entry) => entry.file.endsWith(path.join('babel-parser', 'index.js')));
if (!babel || babel.cached) throw new Error(`the dry run on ${fixtures} did not compile dist/bundle/babel-parser/index.js from its source`);
babel.saveCache();
