// Bundles the compiled CLI (dist/src, from tsc) for start-up, in dist/bundle:
// - cli.cjs: the command line, with yargs and everything a command may need, as ONE CommonJS
//   file. Node 20 loads ES modules one file at a time through an asynchronous loader (each a
//   resolve, a read, a compile, a link), and a command used to load some 20 chunks: as one
//   script, the whole CLI compiles once, and bin/loadCli.cjs compiles it with V8's code cache
//   (cli.cjs.v8cache, made here by scripts/codeCache.mjs after running the start-up paths), so
//   neither yargs nor the engine is parsed or compiled again at a start. The modules only some
//   commands use stay unevaluated until then (rolldown wraps what is dynamically imported).
// - fileWorker.cjs: the file worker (src/engine/fileWorker.ts) as one CommonJS file, which its
//   entry fileWorker.js (what filePool starts) compiles with its code cache (fileWorker.cjs.v8cache,
//   made by scripts/codeCache.mjs after the worker has analysed the fixtures).
// - engineWorker.js and its chunks: the fleet's worker entry, an ES module as before (enginePool
//   starts it by file, beside cli.cjs).
// - babel-parser.cjs and babel-parser/: a copy of @babel/parser's one file (lib/index.js, with
//   its MIT licence), which babel-parser.cjs compiles with a V8 code cache of the functions a
//   parse runs (index.js.v8cache, made by scripts/codeCache.mjs after a dry run on the project's
//   fixtures). From node_modules, Babel compiled at every run: a cold parse of a few files is
//   mostly V8 compiling the parser. A copy, not the package's file: a cache must match its
//   source, which V8 checks by length only, and the copy and its cache are built together.
//   The CLI and the workers both load it (src/js/parser.ts); elsewhere the package is used.
// The other packages in "dependencies" stay external: they load from node_modules as published
// (their own files, tree-sitter's WebAssembly, TypeScript's libraries). The rest the CLI
// imports (yargs and its helpers, ignore, fastest-levenshtein; devDependencies, since the
// published files carry them) is bundled. Run by `npm run build`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = new URL('../', import.meta.url);
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// yargs' platform shim imports its help layout (cliui, string-width and their Unicode tables)
// when it loads: compiling them, and the Intl.Segmenter string-width builds at once, cost more
// than the rest of yargs at every start, though only help and error layouts measure strings.
// They are a CommonJS module inside the bundle, evaluated at its first require() (at the first
// help or error layout). A yargs whose shim no longer imports them this way fails the build,
// not the speed.
const HELP_LAYOUT = '\0help-layout';
const HELP_LAYOUT_LOADER = '\0help-layout-loader';
const lazyHelpLayout = {
  name: 'lazy-help-layout',
  resolveId(source) {
    return source === HELP_LAYOUT || source === HELP_LAYOUT_LOADER ? source : null;
  },
  load(id) {
    // A CommonJS module inside the bundle is evaluated at its first require(), not at start.
    // (cliui names its default export 'module.exports' as well, which require() then returns.)
    if (id === HELP_LAYOUT) return "const own = (m) => (typeof m === 'function' ? m : m.default); module.exports = { cliui: own(require('cliui')), stringWidth: own(require('string-width')) };";
    if (id === HELP_LAYOUT_LOADER) return `export const loadHelpLayout = () => require(${JSON.stringify(HELP_LAYOUT)});`;
    return null;
  },
  transform(code, id) {
    if (!/[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/.test(id)) return null;
    const imports = ["import cliui from 'cliui'\n", "import stringWidth from 'string-width';\n"];
    for (const line of imports) if (!code.includes(line)) this.error(`${id}: no ${JSON.stringify(line)} to load lazily; see scripts/bundle.mjs`);
    const lazy = [
      `import { loadHelpLayout } from ${JSON.stringify(HELP_LAYOUT_LOADER)};`,
      'let helpLayout;',
      'const layout = () => (helpLayout ??= loadHelpLayout());',
      'const cliui = (...args) => layout().cliui(...args);',
      'const stringWidth = (...args) => layout().stringWidth(...args);',
      '',
    ].join('\n');
    // yargs() always guesses a version (overridden by ours) with a package.json search upward
    // from mainFilename, which for a bundle outside node_modules is the working directory: a
    // readdir of every directory up to one with a package.json (the user's, or /). From the
    // bundle's own directory the search ends at this package's package.json.
    const main = "const mainFilename = __dirname.substring(0, __dirname.lastIndexOf('node_modules'));";
    if (!code.includes(main)) this.error(`${id}: no ${JSON.stringify(main)} to replace; see scripts/bundle.mjs`);
    return imports
      .reduce((text, line) => text.replace(line, ''), code)
      .replace("import { createRequire } from 'node:module';\n", (line) => `${line}${lazy}`)
      .replace(main, 'const mainFilename = dirname(__dirname);');
  },
};

// In one CommonJS file, rolldown hoists every external require() to the top, where it would
// load web-tree-sitter, diff and smol-toml at every start (and Node's worker_threads, readline,
// crypto, child_process, even for --version). Each dependency and built-in module is imported
// through a small module of its own instead, which requires it when the module that imports
// it is first evaluated, as the ES module chunks did. Its names are the module's CommonJS
// exports: a name the module does not export fails the build.
const DEPENDENCY = '\0dependency:';
const requireFromRoot = createRequire(new URL('package.json', root));
const isDependency = (source) => Object.keys(dependencies).some((name) => source === name || source.startsWith(`${name}/`));
// Four built-ins the engine uses only now and then (writing a file, starting git, asking on a
// terminal) go one step further: each of their functions requires the module at its first
// call, so that --version, a usage error or a check of files outside git does not load them
// (crypto, child_process with net and dgram, fs/promises with streams: a few milliseconds).
// Only their functions are exported: importing anything else from them fails the build.
const AT_FIRST_CALL = new Set(['node:crypto', 'node:child_process', 'node:fs/promises', 'node:readline/promises']);
const requiredDependencies = {
  name: 'required-dependencies',
  resolveId(source) {
    return isDependency(source) || (isBuiltin(source) && source !== 'node:module') ? `${DEPENDENCY}${source}` : null;
  },
  load(id) {
    if (!id.startsWith(DEPENDENCY)) return null;
    const source = id.slice(DEPENDENCY.length);
    const module = requireFromRoot(source);
    const atFirstCall = AT_FIRST_CALL.has(source);
    // Node's own modules have getters that load more of Node when read (fs.promises,
    // util.parseArgs): those are read at the first call too, and those that are not functions
    // are left out. (A package's getters, as web-tree-sitter's, are read at once: its classes
    // have static members.)
    const eager = [];
    const deferred = [];
    for (const name of Object.keys(module).filter((key) => key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key))) {
      const getter = isBuiltin(source) && Object.getOwnPropertyDescriptor(module, name)?.get !== undefined;
      if (!atFirstCall && !getter) eager.push(name);
      else if (typeof module[name] === 'function') deferred.push(name);
    }
    const required = `createRequire(import.meta.url)(${JSON.stringify(source)})`;
    return [
      "import { createRequire } from 'node:module';",
      ...(atFirstCall ? ['let loaded;', `const load = () => (loaded ??= ${required});`] : [`const loaded = ${required};`, 'const load = () => loaded;', 'export default loaded;']),
      ...(eager.length > 0 ? [`export const { ${eager.join(', ')} } = loaded;`] : []),
      // A constructor too (new ChildProcess()): new on the wrapper builds the module's own.
      ...deferred.map((name) => `export function ${name}(...args) { return new.target ? new (load().${name})(...args) : load().${name}.apply(this, args); }`),
    ].join('\n');
  },
};

// yargs' apply-extends reads import.meta.resolve, only for `.config()` files that extend
// others, which this CLI does not use; in CommonJS it is an empty object, as rolldown says.
const onLog = (level, log, handler) => {
  if (log.code === 'EMPTY_IMPORT_META' && /[\\/]yargs[\\/]/.test(log.id ?? log.message)) return;
  handler(level, log);
};
const common = { cwd: fileURLToPath(root), platform: 'node', logLevel: 'warn', onLog };

await build({
  ...common,
  input: { engineWorker: 'dist/src/fleet/engineWorker.js' },
  external: [/^node:/, ...Object.keys(dependencies).map((name) => new RegExp(`^${escape(name)}(/|$)`))],
  output: { dir: 'dist/bundle', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
{
  await build({
    ...common,
    input: { cli: 'dist/src/cli.js' },
    external: ['node:module'],
    plugins: [lazyHelpLayout, requiredDependencies],
    // ASCII (\u escapes) and without comments other than licences: a smaller, one-byte source,
    // quicker to read and to hash at each start, and to compile where the cache has no code.
    output: { dir: 'dist/bundle', format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false, charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false } },
  });
  // The file worker (src/engine/fileWorker.ts) the same way: one CommonJS file, fileWorker.cjs,
  // compiled with its code cache (made by scripts/codeCache.mjs after the worker has analysed
  // the fixtures) by fileWorker.js, the entry src/engine/filePool.ts starts. A worker then
  // starts without compiling the analysis code again, nor loading some 20 ES modules.
  await build({
    ...common,
    input: { fileWorker: 'dist/src/engine/fileWorker.js' },
    external: ['node:module'],
    plugins: [requiredDependencies],
    output: { dir: 'dist/bundle', format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false, charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false } },
  });
  writeFileSync(
    new URL('dist/bundle/fileWorker.js', root),
    [
      '// The file worker\'s entry (src/engine/filePool.ts starts it), made by scripts/bundle.mjs: compiles',
      '// fileWorker.cjs with the code cache the build made for it (fileWorker.cjs.v8cache) when V8 accepts it.',
      "import { createRequire } from 'node:module';",
      "import { fileURLToPath } from 'node:url';",
      "import { workerData } from 'node:worker_threads';",
      '',
      "const { saveCache } = createRequire(import.meta.url)('../../bin/loadCli.cjs').loadCached(fileURLToPath(new URL('./fileWorker.cjs', import.meta.url)));",
      '// Only the build (scripts/codeCache.mjs) passes this port: it asks for the cache once the worker has run.',
      'const port = workerData?.codeCachePort;',
      "if (port) port.once('message', () => port.postMessage(saveCache()));",
      '',
    ].join('\n'),
  );
}

{
  const babel = requireFromRoot.resolve('@babel/parser');
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(babel), '..', 'package.json'), 'utf8'));
  const copy = new URL('dist/bundle/babel-parser/', root);
  mkdirSync(copy);
  copyFileSync(babel, new URL('index.js', copy));
  copyFileSync(path.join(path.dirname(babel), '..', 'LICENSE'), new URL('LICENSE', copy));
  writeFileSync(
    new URL('dist/bundle/babel-parser.cjs', root),
    [
      "'use strict';",
      `// @babel/parser ${version} (MIT licence: babel-parser/LICENSE), copied by scripts/bundle.mjs, compiled`,
      '// with the code cache the build made for it (babel-parser/index.js.v8cache) when V8 accepts it.',
      "module.exports = require('../../bin/loadCli.cjs').loadCached(require('node:path').join(__dirname, 'babel-parser', 'index.js')).exports;",
      '',
    ].join('\n'),
  );
}

const cache = spawnSync(process.execPath, [fileURLToPath(new URL('scripts/codeCache.mjs', root))], { stdio: 'inherit' });
if (cache.status !== 0) throw new Error(`scripts/codeCache.mjs: exit ${cache.status ?? cache.signal}`);
