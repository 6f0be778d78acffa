// Bundles the compiled CLI (dist/src, from tsc) into a few files in dist/bundle: Node 20 loads
// ES modules one file at a time, and ~90 small modules cost several hundredths of a second at
// every start. The packages in "dependencies" stay external: they load from node_modules as
// published (their own files, tree-sitter's WebAssembly, TypeScript's libraries). The rest the
// CLI imports (yargs and its helpers, ignore, fastest-levenshtein; devDependencies, since the
// published files carry them) is bundled. Run by `npm run build`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = new URL('../', import.meta.url);
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// yargs' platform shim imports its help layout (cliui, string-width and their Unicode tables)
// when it loads: compiling them, and the Intl.Segmenter string-width builds at once, cost more
// than the rest of yargs at every start, though only help and error layouts measure strings.
// They go into a file of their own (helpLayout.js), required on first use: yargs 18 needs
// Node >= 20.19, whose require() loads ES modules. A yargs whose shim no longer imports them
// this way fails the build, not the speed.
const HELP_LAYOUT = '\0help-layout';
const lazyHelpLayout = {
  name: 'lazy-help-layout',
  resolveId(source) {
    return source === HELP_LAYOUT ? source : null;
  },
  load(id) {
    return id === HELP_LAYOUT ? "export { default as cliui } from 'cliui'; export { default as stringWidth } from 'string-width';" : null;
  },
  transform(code, id) {
    if (!/[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/.test(id)) return null;
    const imports = ["import cliui from 'cliui'\n", "import stringWidth from 'string-width';\n"];
    for (const line of imports) if (!code.includes(line)) this.error(`${id}: no ${JSON.stringify(line)} to load lazily; see scripts/bundle.mjs`);
    const lazy = [
      'let helpLayout;',
      "const layout = () => (helpLayout ??= createRequire(import.meta.url)('./helpLayout.js'));",
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

await build({
  cwd: fileURLToPath(root),
  // The workers are entries of their own: enginePool and filePool start them beside themselves.
  input: { cli: 'dist/src/cli.js', engineWorker: 'dist/src/fleet/engineWorker.js', fileWorker: 'dist/src/engine/fileWorker.js', helpLayout: HELP_LAYOUT },
  platform: 'node',
  external: [/^node:/, ...Object.keys(dependencies).map((name) => new RegExp(`^${escape(name)}(/|$)`))],
  plugins: [lazyHelpLayout],
  logLevel: 'warn',
  output: { dir: 'dist/bundle', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
