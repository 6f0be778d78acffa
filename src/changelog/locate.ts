/**
 * Finds the project's changelog: from the run's root up to the repository's top,
 * the first file with a known name. Symbolic links are not taken: the tool does not
 * write through them.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { directoriesUp } from '../engine/paths.js';

export type ChangelogStyle = 'keep-a-changelog' | 'pallets';

const KNOWN_NAMES: ReadonlyArray<[string, ChangelogStyle]> = [
  ['changelog.md', 'keep-a-changelog'],
  ['changes.rst', 'pallets'],
  ['changes.md', 'pallets'],
  ['changelog.rst', 'pallets'],
  ['history.rst', 'pallets'],
  ['history.md', 'pallets'],
  ['changes.txt', 'pallets'],
  ['history.txt', 'pallets'],
];

export interface ChangelogLocation {
  file: string;
  style: ChangelogStyle;
}

export async function locateChangelog(root: string, top: string): Promise<ChangelogLocation | null> {
  for (const dir of directoriesUp(root, top)) {
    const found = await knownFileIn(dir);
    if (found) return found;
  }
  return null;
}

async function knownFileIn(dir: string): Promise<ChangelogLocation | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  for (const [known, style] of KNOWN_NAMES) {
    const name = names.find((n) => n.toLowerCase() === known);
    if (!name) continue;
    const file = path.join(dir, name);
    if ((await lstat(file)).isFile()) return { file, style };
  }
  return null;
}

/** The style for a file the user names with --changelog. */
export function styleForFile(file: string, existing: string | null): ChangelogStyle {
  const name = path.basename(file).toLowerCase();
  if (name.endsWith('.rst') || name.endsWith('.txt')) return 'pallets';
  if (existing !== null && !/^##\s*\[?unreleased/im.test(existing) && /^#{1,3}\s+version\s/im.test(existing)) return 'pallets';
  return 'keep-a-changelog';
}
