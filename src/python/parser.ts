/**
 * Python parsing through web-tree-sitter and the tree-sitter-python grammar (WASM: no native build).
 * The parser is loaded once, lazily, on the first Python file that needs it.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { Language, Parser, type Node, type Tree, type TreeCursor } from 'web-tree-sitter';

export type { Node, Tree, TreeCursor };

const require = createRequire(import.meta.url);
let loading: Promise<Parser> | undefined;

export function pythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const wasm = await readFile(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
    return parser;
  })();
  return loading;
}

/**
 * Parses `text` and hands the tree to `use`, deleting it afterwards:
 * trees live in WASM memory and are not garbage collected.
 */
export async function withPythonTree<T>(text: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await pythonParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('the Python parser returned no tree');
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
