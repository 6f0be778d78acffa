/**
 * Decides whether a parsed file is clean Python 3. tree-sitter recovers from errors
 * and accepts some Python 2 syntax without error nodes; the tool must edit neither.
 */
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

/** The first reason the file must not be edited, or null when it is clean Python 3. */
export function findSyntaxProblem(tree: Tree): SyntaxProblem | null {
  const cursor = tree.walk();
  try {
    let descend = true;
    for (;;) {
      if (descend) {
        const problem = problemAt(cursor.currentNode);
        if (problem) return problem;
        if (cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!cursor.gotoParent()) return null;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
}

function problemAt(node: Node): SyntaxProblem | null {
  if (node.isError) return { offset: node.startIndex, message: 'syntax error' };
  if (node.isMissing) return { offset: node.startIndex, message: `syntax error (missing "${node.type}")` };
  const statement = PYTHON2_STATEMENTS[node.type];
  if (statement) return { offset: node.startIndex, message: statement };
  switch (node.type) {
    case 'except_clause':
      // `except E, e:` parses as two values separated by a comma.
      if (node.children.some((child) => child?.type === ',')) {
        return { offset: node.startIndex, message: 'a Python 2 "except E, e" clause' };
      }
      return null;
    case 'integer':
      if (/^0\d+[lL]?$|^\d+[lL]$/.test(node.text) && !/^0+$/.test(node.text)) {
        return { offset: node.startIndex, message: `a Python 2 integer literal (${node.text})` };
      }
      return null;
    case 'string_start':
      if (node.text.startsWith('`')) return { offset: node.startIndex, message: 'a Python 2 backtick expression' };
      if (/^ur/i.test(node.text)) return { offset: node.startIndex, message: 'a Python 2 ur"" string' };
      return null;
    case '<>':
      return { offset: node.startIndex, message: 'the Python 2 "<>" operator' };
    default:
      return null;
  }
}
