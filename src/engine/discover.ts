/**
 * Finds the files a run looks at. Inside a git work tree it asks git (tracked and
 * untracked-but-not-ignored files); elsewhere it walks the directory, skipping
 * version-control folders, dependency folders and virtual environments.
 * Symbolic links are never followed: a link could lead outside the root.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { JS_EXTENSIONS } from '../js/extensions.js';
import { listWorkTreeFiles } from './git.js';

export const PYTHON_EXTENSIONS = new Set(['.py', '.pyw']);

export function isPythonFile(file: string): boolean {
  return PYTHON_EXTENSIONS.has(path.extname(file));
}

/** Python and JavaScript / TypeScript sources; declaration files (`.d.ts`) hold no calls. */
export function isSourceFile(file: string): boolean {
  const ext = path.extname(file);
  return PYTHON_EXTENSIONS.has(ext) || (JS_EXTENSIONS.has(ext) && !/\.d\.[mc]?ts$/.test(file));
}

const SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache']);

export class MissingPathError extends Error {}

export interface Discovery {
  /** The directory every reported path is relative to: the common ancestor of the given paths. */
  root: string;
  /** Absolute paths of candidate files, sorted. */
  files: string[];
}

export async function discoverFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const resolved: Array<{ real: string; isDirectory: boolean }> = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let real: string;
    try {
      real = await realpath(absolute);
    } catch {
      throw new MissingPathError(`${given}: no such file or directory`);
    }
    const stats = await lstat(real);
    resolved.push({ real, isDirectory: stats.isDirectory() });
  }
  const root = commonDirectory(resolved.map((r) => (r.isDirectory ? r.real : path.dirname(r.real))));

  const files = new Set<string>();
  for (const entry of resolved) {
    if (!entry.isDirectory) {
      if (await isRegularFile(entry.real)) files.add(entry.real);
      continue;
    }
    const fromGit = await listWorkTreeFiles(entry.real);
    if (fromGit) {
      // git lists symbolic links and deleted files too: keep the regular files.
      const listed = fromGit.filter(isSourceFile);
      const regular = await Promise.all(listed.map(isRegularFile));
      listed.forEach((file, i) => regular[i] && files.add(file));
    } else {
      for (const file of await walk(entry.real)) if (isSourceFile(file)) files.add(file);
    }
  }
  return { root, files: [...files].sort() };
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch {
    return false;
  }
}

async function walk(dir: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    if (current !== dir && entries.some((e) => e.name === 'pyvenv.cfg')) continue; // a virtual environment
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
      else if (entry.isFile()) found.push(full); // a Dirent of a symbolic link is never isFile()
    }
  }
  return found;
}

function commonDirectory(dirs: string[]): string {
  let common = dirs[0] ?? '/';
  for (const dir of dirs.slice(1)) {
    while (common !== path.dirname(common) && !(dir === common || dir.startsWith(common.endsWith(path.sep) ? common : common + path.sep))) {
      common = path.dirname(common);
    }
  }
  return common;
}

/** A path for reports: relative to the root, with forward slashes. */
export function relativeToRoot(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
