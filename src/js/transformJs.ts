/**
 * One JavaScript / TypeScript file in, its sites and rewritten text out. Refuses files
 * that do not parse, and verifies its own output like the Python transform does.
 */
import { applyEdits, isInsertionOnly } from '../engine/applyEdits.js';
import type { LookAlike, Mode, Site } from '../site.js';
import { LineIndex } from '../text/lineIndex.js';
import { findJsSites } from './findSites.js';
import type { TypeOracle } from './handlers.js';
import type { PackageInfo } from './packageInfo.js';
import type { MethodsFound } from './routeMethods.js';
import { parseJs } from './parser.js';

export type JsTransformResult =
  | { ok: true; sites: Site[]; output: string; unknownHandlers: string[]; lookAlikes: LookAlike[] }
  | { ok: false; message: string; line?: number };

export interface JsTransformOptions {
  pkg: PackageInfo;
  types?: TypeOracle | null;
  /** Methods of this file's exported handlers, as other files register them. */
  registeredElsewhere?: ReadonlyMap<string, MethodsFound>;
  /** --trust-package (see src/js/handlers.ts). */
  trustPackage?: boolean;
}

export function transformJs(source: string, file: string, mode: Mode, options: JsTransformOptions): JsTransformResult {
  const parsed = parseJs(source, file);
  if (!parsed.ok) return parsed;
  const unknown = new Set<string>();
  const lookAlikes: LookAlike[] = [];
  const sites = findJsSites({
    text: source,
    ast: parsed.ast,
    file,
    lines: new LineIndex(source),
    mode,
    pkg: options.pkg,
    types: options.types ?? null,
    ...(options.registeredElsewhere ? { registeredElsewhere: options.registeredElsewhere } : {}),
    unknownHandlers: unknown,
    lookAlikes,
    trustPackage: options.trustPackage === true,
  });
  const unknownHandlers = [...unknown];
  const edits = sites.flatMap((site) => (site.edit ? [site.edit] : []));
  if (edits.length === 0) return { ok: true, sites, output: source, unknownHandlers, lookAlikes };

  const output = applyEdits(source, edits);
  const failure = verifyOutput(source, output, edits, file, mode, options);
  if (failure) return { ok: false, message: `not edited: ${failure} (this is a bug in redirect-codemod; please report it)` };
  return { ok: true, sites, output, unknownHandlers, lookAlikes };
}

function verifyOutput(source: string, output: string, edits: NonNullable<Site['edit']>[], file: string, mode: Mode, options: JsTransformOptions): string | null {
  if (!isInsertionOnly(source, output, edits)) return 'the rewrite changed more than the inserted status';
  const reparsed = parseJs(output, file);
  if (!reparsed.ok) return `the rewritten file would not parse (${reparsed.message})`;
  const again = findJsSites({ text: output, ast: reparsed.ast, file, lines: new LineIndex(output), mode, pkg: options.pkg, types: null, trustPackage: options.trustPackage === true });
  if (again.some((site) => site.action === 'rewritten')) return 'the rewritten file still holds an implicit redirect';
  return null;
}
