/**
 * One Python file in, its sites and rewritten text out. Refuses files that are not
 * clean Python 3, and verifies its own output: it must re-parse cleanly, differ from
 * the input only by the planned insertions, and hold no implicit redirect any more.
 */
import { applyEdits, isInsertionOnly } from '../engine/applyEdits.js';
import type { Mode, Site } from '../site.js';
import { LineIndex } from '../text/lineIndex.js';
import { findPythonSites } from './findSites.js';
import type { MethodsFound } from './routeMethods.js';
import { withPythonTree } from './parser.js';
import { findSyntaxProblem } from './syntaxProblems.js';

export type PythonTransformResult =
  | { ok: true; sites: Site[]; output: string; unknownHandlers: string[] }
  | { ok: false; message: string; line?: number };

export async function transformPython(source: string, file: string, mode: Mode, registeredElsewhere?: ReadonlyMap<string, MethodsFound>): Promise<PythonTransformResult> {
  const lines = new LineIndex(source);
  const unknown = new Set<string>();
  const found = await withPythonTree(source, (tree) => {
    const problem = findSyntaxProblem(tree, source);
    if (problem) return { problem };
    return { sites: findPythonSites({ text: source, root: tree.rootNode, file, lines, mode, unknownHandlers: unknown, ...(registeredElsewhere ? { registeredElsewhere } : {}) }) };
  });
  const unknownHandlers = [...unknown];
  if ('problem' in found && found.problem) {
    const { line } = lines.position(found.problem.offset);
    return { ok: false, message: `not edited: ${found.problem.message} at line ${line}`, line };
  }
  const sites = found.sites ?? [];
  const edits = sites.flatMap((site) => (site.edit ? [site.edit] : []));
  if (edits.length === 0) return { ok: true, sites, output: source, unknownHandlers };

  const output = applyEdits(source, edits);
  const failure = await verifyOutput(source, output, edits, file, mode);
  if (failure) return { ok: false, message: `not edited: ${failure} (this is a bug in redirect-codemod; please report it)` };
  return { ok: true, sites, output, unknownHandlers };
}

async function verifyOutput(
  source: string,
  output: string,
  edits: NonNullable<Site['edit']>[],
  file: string,
  mode: Mode,
): Promise<string | null> {
  if (!isInsertionOnly(source, output, edits)) return 'the rewrite changed more than the inserted status';
  return withPythonTree(output, (tree) => {
    const problem = findSyntaxProblem(tree, output);
    if (problem) return `the rewritten file would not parse (${problem.message})`;
    const again = findPythonSites({ text: output, root: tree.rootNode, file, lines: new LineIndex(output), mode });
    if (again.some((site) => site.action === 'rewritten')) return 'the rewritten file still holds an implicit redirect';
    return null;
  });
}
