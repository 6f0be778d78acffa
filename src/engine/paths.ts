/** Containment and walking up, in one place: `/a/bc` is not inside `/a/b`. */
import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';

/** Whether a regular file is there (through links, as a read would see it); false on any error. */
export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether a directory is there (through links); false on any error. */
export function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `child` is `dir` or lies below it. */
export function isWithin(child: string, dir: string): boolean {
  return child === dir || child.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** `from` and each directory above it, up to and including `top`; only `from` when it lies outside `top`. */
export function directoriesUp(from: string, top: string): string[] {
  const dirs = [from];
  if (!isWithin(from, top)) return dirs;
  for (let dir = from; dir !== top && path.dirname(dir) !== dir; ) {
    dir = path.dirname(dir);
    dirs.push(dir);
  }
  return dirs;
}

/**
 * The symbolic link a write to (or a read named by) `file` would go through, or null: the file
 * itself when it is a link (a dangling one too), else a directory on its way up that is a link,
 * up to the top of the git work tree holding it. Directories at or above `cwd` (the user's own
 * standing place) and above the work tree's top are the user's layout, not the repository's,
 * and are not questioned; outside any work tree only the file itself is.
 */
export function linkOnPath(file: string, cwd: string): string | null {
  const absolute = path.resolve(cwd, file);
  let top: string | null = null;
  for (let dir = path.dirname(absolute); top === null; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) top = dir;
    else if (path.dirname(dir) === dir) break;
  }
  for (let current = absolute; ; current = path.dirname(current)) {
    if (current !== absolute && (top === null || isWithin(cwd, current) || !isWithin(current, top))) return null;
    try {
      if (lstatSync(current).isSymbolicLink()) return current;
    } catch {
      // Not there (yet): a file about to be created, or a directory a write would fail on.
    }
    if (path.dirname(current) === current) return null;
  }
}
