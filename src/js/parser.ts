/**
 * JavaScript and TypeScript parsing with jscodeshift's parser configurations, run by the
 * same @babel/parser: `tsx` for TypeScript (`ts` when a file's `<T>x` casts need it),
 * `babylon` (Babel with JSX and Flow) for JavaScript, and the same without Flow when Flow's
 * comment syntax misreads plain JavaScript. Only the parse is used, never recast's reprint:
 * positions index the original text, so edits are spliced into it byte for byte.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { File } from '@babel/types';

const require = createRequire(import.meta.url);

interface BabelParser {
  parse(source: string, options: object): File;
}

// In the bundles (dist/bundle), the build's copy of @babel/parser beside them, which compiles
// with the V8 code cache the build made of a parse's functions (scripts/bundle.mjs); elsewhere
// (the tests, dist/src) the package itself.
const BUNDLED_BABEL = fileURLToPath(new URL('./babel-parser.cjs', import.meta.url));
const babel = require(existsSync(BUNDLED_BABEL) ? BUNDLED_BABEL : '@babel/parser') as BabelParser;

/**
 * jscodeshift's option sets, without tokens (the tool never reprints, so never needs them),
 * and without attaching comments to nodes (only the file's list of comments is read).
 */
const TS_OPTIONS = require('jscodeshift/parser/tsOptions.js') as { plugins: unknown[] };
const LEAN = { tokens: false, attachComment: false };
const OPTIONS = {
  tsx: { ...TS_OPTIONS, ...LEAN, plugins: ['jsx', ...TS_OPTIONS.plugins] },
  ts: { ...TS_OPTIONS, ...LEAN },
  // jscodeshift's `babylon` parser: Babel with JSX and Flow.
  babylon: { ...babylonOptions(true), ...LEAN },
  // The same without Flow, for plain JavaScript that Flow's comment syntax misreads (`/*:*/`).
  babel: { ...babylonOptions(false), ...LEAN },
};

type ParserName = keyof typeof OPTIONS;

function babylonOptions(flow: boolean): object {
  return {
    sourceType: 'module',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    startLine: 1,
    plugins: [
      ...(flow ? [['flow', { all: true }], 'flowComments'] : []),
      'jsx',
      'asyncGenerators',
      'bigInt',
      'classProperties',
      'classPrivateProperties',
      'classPrivateMethods',
      ['decorators', { decoratorsBeforeExport: false }],
      'doExpressions',
      'dynamicImport',
      'exportDefaultFrom',
      'exportNamespaceFrom',
      'functionBind',
      'functionSent',
      'importMeta',
      'logicalAssignment',
      'nullishCoalescingOperator',
      'numericSeparator',
      'objectRestSpread',
      'optionalCatchBinding',
      'optionalChaining',
      ['pipelineOperator', { proposal: 'minimal' }],
      'throwExpressions',
    ],
  };
}

export { JS_EXTENSIONS, isTypeScript } from './extensions.js';
import { isTypeScript } from './extensions.js';

export type JsParse = { ok: true; ast: File } | { ok: false; message: string; line?: number };

/** Files parsed in this thread (each parseJs call, whichever configuration succeeds): the tests count the parses of a run. */
export const jsParses = { count: 0 };

export function parseJs(source: string, file: string): JsParse {
  jsParses.count++;
  const names: ParserName[] = isTypeScript(file) ? (path.extname(file) === '.tsx' ? ['tsx'] : ['tsx', 'ts']) : ['babylon', 'babel'];
  let failure: unknown;
  for (const name of names) {
    try {
      return { ok: true, ast: babel.parse(source, OPTIONS[name]) };
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure instanceof RangeError) return { ok: false, message: 'not edited: too deeply nested to parse (the parser ran out of stack)' };
  const loc = (failure as { loc?: { line: number } }).loc;
  const message = failure instanceof Error ? failure.message.replace(/\s*\(\d+:\d+\)$/, '') : String(failure);
  return { ok: false, message: `not edited: syntax error (${message})${loc ? ` at line ${loc.line}` : ''}`, ...(loc ? { line: loc.line } : {}) };
}
