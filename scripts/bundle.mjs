// Bundles the compiled CLI (dist/src, from tsc) into a few files in dist/bundle: Node 20 loads
// ES modules one file at a time, and ~90 small modules cost several hundredths of a second at
// every start. Dependencies stay external: they load from node_modules as published (their own
// files, tree-sitter's WebAssembly, TypeScript's libraries). Run by `npm run build`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = new URL('../', import.meta.url);
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

await build({
  cwd: fileURLToPath(root),
  // The fleet's worker is its own entry: enginePool starts it as ./engineWorker.js beside itself.
  input: { cli: 'dist/src/cli.js', engineWorker: 'dist/src/fleet/engineWorker.js' },
  platform: 'node',
  external: [/^node:/, ...Object.keys(dependencies).map((name) => new RegExp(`^${escape(name)}(/|$)`))],
  logLevel: 'warn',
  output: { dir: 'dist/bundle', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
