/**
 * Finds the project's changelog: from the run's root up to the repository's top,
 * the first file with a known name. Symbolic links are not taken: the tool does not
 * write through them.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { directoriesUp } from '../engine/paths.js';

/** In order of preference; the markup is read from the content when the suffix does not say. */
const KNOWN_NAMES = [
  'changelog.md',
  'changes.rst',
  'changes.md',
  'changelog.rst',
  'history.rst',
  'history.md',
  'news.rst',
  'news.md',
  'changes.txt',
  'history.txt',
  'changelog.txt',
  'changelog',
  'changes',
  'history',
];

export interface ChangelogLocation {
  file: string;
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
  for (const known of KNOWN_NAMES) {
    const name = names.find((n) => n.toLowerCase() === known);
    if (!name) continue;
    const file = path.join(dir, name);
    if ((await lstat(file)).isFile()) return { file };
  }
  return null;
}
