/**
 * Decides whether a parsed file is clean Python 3. tree-sitter recovers from errors
 * and accepts some Python 2 syntax without error nodes; the tool must edit neither.
 */
import { Query, type Language } from 'web-tree-sitter';
import type { Node, Tree } from './parser.js';

export interface SyntaxProblem {
  /** 0-based offset of the offending node. */
  offset: number;
  message: string;
}

const PYTHON2_STATEMENTS: Record<string, string> = {
  print_statement: 'a Python 2 print statement',
  exec_statement: 'a Python 2 exec statement',
};

/**
 * The first reason the file must not be edited, or null when it is clean Python 3.
 * The tree says whether it holds an error at all; a query finds the Python 2 forms.
 */
export function findSyntaxProblem(tree: Tree, source: string): SyntaxProblem | null {
  const problems: SyntaxProblem[] = [];
  if (tree.rootNode.hasError) {
    const error = firstError(tree);
    if (error) problems.push(error);
  }
  for (const { node } of python2Query(tree).captures(tree.rootNode)) {
    const problem = python2Problem(node, source);
    if (problem) problems.push(problem);
  }
  return problems.sort((a, b) => a.offset - b.offset)[0] ?? null;
}

const PYTHON2_QUERY = '[(print_statement) (exec_statement) (except_clause) (integer) (string_start) "<>"] @suspect';

const queries = new WeakMap<Language, Query>();

function python2Query(tree: Tree): Query {
  let query = queries.get(tree.language);
  if (!query) {
    query = new Query(tree.language, PYTHON2_QUERY);
    queries.set(tree.language, query);
  }
  return query;
}

function python2Problem(node: Node, source: string): SyntaxProblem | null {
  const offset = node.startIndex;
  const statement = PYTHON2_STATEMENTS[node.type];
  if (statement) return { offset, message: statement };
  switch (node.type) {
    case 'except_clause':
      // `except E, e:` parses as two values separated by a comma.
      return node.children.some((child) => child?.type === ',') ? { offset, message: 'a Python 2 "except E, e" clause' } : null;
    case 'integer': {
      const text = source.slice(offset, node.endIndex);
      return /^0\d+[lL]?$|^\d+[lL]$/.test(text) && !/^0+$/.test(text) ? { offset, message: `a Python 2 integer literal (${text})` } : null;
    }
    case 'string_start':
      if (source[offset] === '`') return { offset, message: 'a Python 2 backtick expression' };
      return /^ur/i.test(source.slice(offset, offset + 2)) ? { offset, message: 'a Python 2 ur"" string' } : null;
    case '<>':
      return { offset, message: 'the Python 2 "<>" operator' };
    default:
      return null;
  }
}

/** The first ERROR or MISSING node, walking with a cursor into the subtrees that hold one. */
function firstError(tree: Tree): SyntaxProblem | null {
  const cursor = tree.walk();
  try {
    for (;;) {
      if (cursor.nodeType === 'ERROR') return { offset: cursor.startIndex, message: 'syntax error' };
      if (cursor.nodeIsMissing) return { offset: cursor.startIndex, message: `syntax error (missing "${cursor.nodeType}")` };
      if (cursor.currentNode.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return null;
      }
    }
  } finally {
    cursor.delete();
  }
}
