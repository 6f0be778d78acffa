/**
 * Python parsing through web-tree-sitter and the tree-sitter-python grammar (WASM: no native build).
 * The parser is loaded once, lazily, on the first Python file that needs it.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { Language, Parser, type Node, type Tree, type TreeCursor } from 'web-tree-sitter';
import { longCommentRuns, rangesAround, type CommentRun } from './commentRuns.js';

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
 * How the parser is fed: `chunk` characters per read (its input buffer holds about 5,000), and
 * how many reads it made over every parse. The parser reads again what it scans again, so with
 * a small chunk the reads measure its work (the tests' measure, never a clock).
 */
export const parseInput = { chunk: 4096, reads: 0 };

/**
 * Parses `text` and hands the tree to `use`, deleting it afterwards:
 * trees live in WASM memory and are not garbage collected.
 */
export async function withPythonTree<T>(text: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await pythonParser();
  const tree = parsePython(parser, text);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/**
 * The tree of `text`, parsed without its long comment runs (see commentRuns.ts). A run the
 * parse puts inside a string (or an error) was no comment: it is given back and the text parsed again.
 */
function parsePython(parser: Parser, text: string): Tree {
  let runs = longCommentRuns(text);
  for (;;) {
    const tree = parseRanges(parser, text, runs);
    const inStrings = runs.filter((run) => insideString(tree, run));
    if (inStrings.length === 0) return tree;
    tree.delete();
    runs = runs.filter((run) => !inStrings.includes(run));
  }
}

function parseRanges(parser: Parser, text: string, runs: readonly CommentRun[]): Tree {
  const input = (index: number) => {
    parseInput.reads++;
    return text.slice(index, index + parseInput.chunk);
  };
  const tree = runs.length === 0 ? parser.parse(input) : parser.parse(input, null, { includedRanges: rangesAround(text, runs) });
  if (!tree) throw new Error('the Python parser returned no tree');
  return tree;
}

function insideString(tree: Tree, run: CommentRun): boolean {
  for (let node: Node | null = tree.rootNode.descendantForIndex(run.start, run.end - 1); node; node = node.parent) {
    if (node.type === 'string' || node.type === 'ERROR') return true;
  }
  return false;
}
