/**
 * Decides whether a parsed file is clean Python 3. tree-sitter recovers from errors
 * and accepts some Python 2 syntax, and Python 3 keywords used as names, without error
 * nodes; the tool must edit none of them.
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
    const error = firstError(tree, source);
    if (error) problems.push(error);
  }
  for (const { node } of python2Query(tree).captures(tree.rootNode)) {
    const problem = python2Problem(node, source);
    if (problem) problems.push(problem);
  }
  problems.push(...keywordsAsNames(tree, source));
  return problems.sort((a, b) => a.offset - b.offset)[0] ?? null;
}

const PYTHON2_QUERY = '[(print_statement) (exec_statement) (except_clause) (integer) (string_start) "<>"] @suspect';

/**
 * Python 3 keywords that tree-sitter takes for names: `async = 1`, `f(await=2)`, `x.async`,
 * `with a as True:` (CPython: "invalid syntax", "cannot assign to True"). The other keywords
 * it never takes for a name; the list is whole so that no grammar change lets one through.
 */
const KEYWORDS = 'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' ');
const KEYWORD_QUERY = `((identifier) @name (#any-of? @name ${KEYWORDS.map((k) => `"${k}"`).join(' ')}))
(as_pattern_target [(true) (false) (none)] @name)`;
const MAY_HOLD_KEYWORD_NAME = /\b(?:async|await)\b|\bas\s+(?:True|False|None)\b/;

function keywordsAsNames(tree: Tree, source: string): SyntaxProblem[] {
  // Most files never spell these words: the query, which reads every name, is not run.
  if (!MAY_HOLD_KEYWORD_NAME.test(source)) return [];
  return cachedQuery(tree, KEYWORD_QUERY)
    .captures(tree.rootNode)
    .map(({ node }) => ({ offset: node.startIndex, message: `the Python 3 keyword "${source.slice(node.startIndex, node.endIndex)}" used as a name` }));
}

const queries = new WeakMap<Language, Map<string, Query>>();

function cachedQuery(tree: Tree, source: string): Query {
  let byLanguage = queries.get(tree.language);
  if (!byLanguage) queries.set(tree.language, (byLanguage = new Map()));
  let query = byLanguage.get(source);
  if (!query) {
    query = new Query(tree.language, source);
    byLanguage.set(source, query);
  }
  return query;
}

function python2Query(tree: Tree): Query {
  return cachedQuery(tree, PYTHON2_QUERY);
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

const LONE_CR = /\r(?!\n)/;

/**
 * The first ERROR or MISSING node, walking with a cursor into the subtrees that hold one. A
 * missing hidden token (`x = 1` / `pass(1)` lacks a newline) is no node the cursor visits:
 * then the innermost node that holds the error is named. Except in a file with lone CR line
 * endings: tree-sitter-python's scanner takes no CR for a newline, so there a missing newline
 * is its own limit, not the file's (Python reads CR as a line end).
 */
function firstError(tree: Tree, source: string): SyntaxProblem | null {
  const cursor = tree.walk();
  let innermost = 0;
  try {
    for (;;) {
      if (cursor.nodeType === 'ERROR') return { offset: cursor.startIndex, message: 'syntax error' };
      if (cursor.nodeIsMissing) return { offset: cursor.startIndex, message: `syntax error (missing "${cursor.nodeType}")` };
      const holdsError = cursor.currentNode.hasError;
      if (holdsError) innermost = cursor.startIndex;
      if (holdsError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return LONE_CR.test(source) ? null : { offset: innermost, message: 'syntax error (a missing token)' };
      }
    }
  } finally {
    cursor.delete();
  }
}
