// Makes dist/bundle/cli.cjs.v8cache (see bin/loadCli.cjs): loads the bundle from its source,
// runs the paths every start takes (--version, the help, a usage error, check and a dry run on
// an empty directory) so that V8 compiles the functions they call, then saves V8's code cache of all
// of it. Functions these paths do not call stay out, and compile when first called, as
// without a cache. Run by scripts/bundle.mjs, with the Node that built the bundle.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const { loadCli } = createRequire(import.meta.url)('../bin/loadCli.cjs');
const { cli, saveCache } = loadCli({ useCache: false });
const empty = mkdtempSync(path.join(tmpdir(), 'redirect-codemod-cache-'));
const quiet = { write: () => true, isTTY: false, columns: 100 };
const io = { stdout: quiet, stderr: quiet, cwd: empty, env: { NO_COLOR: '1' } };
try {
  for (const argv of [['--version'], ['--help'], ['check', '--help'], ['check', '--jsno', '.'], ['check', '.'], ['.', '--mode', 'preserve', '--dry']]) await cli.main(argv, io);
} finally {
  rmSync(empty, { recursive: true, force: true });
}
saveCache();
