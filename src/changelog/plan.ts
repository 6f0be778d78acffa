/**
 * Decides where the changelog entry goes and what the changelog will read,
 * without writing anything: the engine writes it with the other files.
 */
import { existsSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Mode, Site } from '../site.js';
import { decodeUtf8 } from '../text/decode.js';
import { changelogEntry } from './entry.js';
import { locateChangelog } from './locate.js';
import { locateFragmentTool } from './fragments.js';
import { markupOf } from './markup.js';
import { placeEntry } from './placeEntry.js';

export type ChangelogRequest = { kind: 'none' } | { kind: 'auto' } | { kind: 'file'; file: string };

export interface ChangelogPlan {
  /** The entry as Markdown, for printing when it is not written. */
  entry: string;
  /** What happened, for the summary. */
  note: string;
  write?: { file: string; shown: string; before: string; after: string; stats: Stats | null };
}

export async function planChangelog(
  request: ChangelogRequest,
  mode: Mode,
  sites: readonly Site[],
  root: string,
  top: string,
  packageNames: readonly string[] = [],
  testsUpdated = 0,
): Promise<ChangelogPlan | null> {
  const entry = changelogEntry(mode, sites, 'markdown', testsUpdated);
  if (request.kind === 'none' || entry === null) return null;

  let location: { file: string } | null;
  if (request.kind === 'file') {
    location = { file: request.file };
  } else {
    const fragment = locateFragmentTool(root, top, packageNames);
    if (fragment?.kind === 'unsupported') return { entry, note: `${fragment.tool}: ${fragment.reason}; add this entry by hand` };
    if (fragment) {
      const shown = path.relative(top, fragment.file);
      const tool = fragment.kind === 'towncrier' ? 'towncrier fragment' : 'changeset';
      if (existsSync(fragment.file)) return { entry, note: `the ${tool} ${shown} already exists; not added again` };
      const after = fragment.text({ markdown: entry, rst: changelogEntry(mode, sites, 'rst', testsUpdated)! });
      return { entry, note: `${tool} ${shown} added`, write: { file: fragment.file, shown, before: '', after, stats: null } };
    }
    location = await locateChangelog(root, top);
    if (!location) return { entry, note: 'no changelog found (CHANGELOG.md, CHANGES.rst, HISTORY.*); add this entry where your project keeps its changes' };
  }
  const shown = path.relative(top, location.file) || path.basename(location.file);

  let stats: Stats | null = null;
  let before: string | null = null;
  try {
    stats = await lstat(location.file);
  } catch {
    // A file named with --changelog that does not exist yet is created.
  }
  if (stats) {
    if (!stats.isFile()) return { entry, note: `${shown} is not a regular file; entry not written` };
    const decoded = decodeUtf8(await readFile(location.file));
    if (!decoded.ok) return { entry, note: `${shown} is ${decoded.message}` };
    before = decoded.text;
  }
  const markup = markupOf(location.file, before ?? '');
  const entries = { markdown: entry, rst: changelogEntry(mode, sites, 'rst', testsUpdated)! };
  const edit = placeEntry(before ?? (markup === 'markdown' ? '# Changelog\n' : ''), entries, markup);
  switch (edit.kind) {
    case 'present':
      return { entry, note: `${shown} already has this entry under its unreleased section; not added again` };
    case 'unsupported':
      return { entry, note: `${shown} was left alone: ${edit.reason}; add this entry by hand` };
    case 'added':
      return { entry, note: `entry added to ${shown} (${edit.where})`, write: { file: location.file, shown, before: before ?? '', after: edit.text, stats } };
  }
}
