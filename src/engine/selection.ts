/**
 * What `--interactive` accepted, applied to a run: only the accepted sites' insertions are
 * written; every other site that would have been rewritten stays as it is, for review, with
 * the reason. A site is known by its file, line and column in the text the user saw: a file
 * whose text changed since is not written at all.
 */
import type { FileChange, RunResult } from './run.js';
import { applyEdits, isInsertionOnly } from './applyEdits.js';
import type { Site } from '../site.js';

export interface Selection {
  /** Per file (path relative to the root): the text reviewed, and the keys of the sites accepted. */
  files: ReadonlyMap<string, { before: string; accepted: ReadonlySet<string> }>;
}

export const SKIPPED = 'skipped by the user';

export function siteKey(site: Pick<Site, 'file' | 'line' | 'column'>): string {
  return `${site.file}:${site.line}:${site.column}`;
}

export function applySelection(result: RunResult, selection: Selection): void {
  const changes = new Map(result.changes.map((change) => [change.path, change]));
  for (const site of result.sites) {
    if (site.action !== 'rewritten') continue;
    const reviewed = selection.files.get(site.file);
    const sameText = reviewed !== undefined && changes.get(site.file)?.before === reviewed.before;
    if (sameText && reviewed.accepted.has(siteKey(site))) continue;
    site.action = 'review';
    site.reason = sameText || reviewed === undefined ? SKIPPED : `${SKIPPED} (the file changed during the review; run again)`;
    delete site.edit;
    delete site.status.after;
  }
  for (const change of [...result.changes]) {
    const edits = result.sites.filter((site) => site.file === change.path && site.action === 'rewritten' && site.edit).map((site) => site.edit!);
    if (edits.length === 0) {
      result.changes.splice(result.changes.indexOf(change), 1);
      continue;
    }
    const after = applyEdits(change.before, edits);
    // Each accepted insertion was verified with the others; a subset changes nothing else.
    if (!isInsertionOnly(change.before, after, edits)) throw new Error(`${change.path}: the accepted insertions do not apply`);
    (change as FileChange).after = after;
  }
}
