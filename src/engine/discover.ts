/**
 * Finds the files a run looks at. Inside a git work tree it asks git (tracked and
 * untracked-but-not-ignored files); elsewhere it walks the directory, skipping
 * version-control folders, dependency folders and virtual environments.
 * Symbolic links are never followed: a link could lead outside the root.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { JS_EXTENSIONS } from '../js/extensions.js';
import { listWorkTreeFiles } from './git.js';
import { isWithin, linkOnPath } from './paths.js';

export const PYTHON_EXTENSIONS = new Set(['.py', '.pyw']);

export function isPythonFile(file: string): boolean {
  return PYTHON_EXTENSIONS.has(path.extname(file));
}

/** Python and JavaScript / TypeScript sources; declaration files (`.d.ts`) hold no calls. */
export function isSourceFile(file: string): boolean {
  const ext = path.extname(file);
  return PYTHON_EXTENSIONS.has(ext) || (JS_EXTENSIONS.has(ext) && !/\.d\.[mc]?ts$/.test(file));
}

/** Never searched: version control and tool caches. */
const SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache']);

/**
 * Not searched unless named with --include: dependencies and build output. Their redirects
 * belong to other projects, or are regenerated from sources the run already rewrites; a
 * directory given on the command line is searched whatever its name.
 */
export const EXCLUDED_BY_DEFAULT = ['node_modules', 'dist'] as const;

export class MissingPathError extends Error {}

export interface Discovery {
  /** The directory every reported path is relative to: the common ancestor of the given paths. */
  root: string;
  /** Absolute paths of candidate files, sorted. */
  files: string[];
  /** The symbolic links among `files` (with --follow-symlinks): read through, never written. */
  followed: Set<string>;
  /** Directories left out by name (build output), absolute; node_modules is not listed. */
  excluded: string[];
  /** Paths named on the command line that are (or lie below) a symbolic link, without --follow-symlinks: absolute. */
  linksNotFollowed: string[];
}

export interface DiscoverOptions {
  followSymlinks?: boolean;
  /** Directory names of EXCLUDED_BY_DEFAULT to search anyway. */
  include?: readonly string[];
}

/**
 * Symbolic links to regular files, read through when the user asks (never written through).
 * The file checks and the walk are synchronous: for thousands of small directories and files
 * the promise-based calls spend most of their time waiting on the thread pool (a walk of
 * 1,600 directories took 240 ms with them, 50 ms without).
 */
function linkToFile(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink() && statSync(file).isFile();
  } catch {
    return false;
  }
}

export async function discoverFiles(paths: readonly string[], cwd: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const followSymlinks = options.followSymlinks === true;
  const excludedNames = new Set<string>(EXCLUDED_BY_DEFAULT.filter((name) => !options.include?.includes(name)));
  const excluded = new Set<string>();
  const resolved: Array<{ real: string; isDirectory: boolean; through: string | null }> = [];
  const linksNotFollowed: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let real: string;
    try {
      real = await realpath(absolute);
    } catch {
      throw new MissingPathError(`${given}: no such file or directory`);
    }
    // A path named by the user gets the treatment of a discovered one: a link (or a path
    // through a linked directory) is read with --follow-symlinks and never written through.
    const through = real === absolute ? null : linkOnPath(absolute, cwd) ? absolute : null;
    if (through && !followSymlinks) {
      linksNotFollowed.push(absolute);
      continue;
    }
    const stats = await lstat(real);
    resolved.push({ real, isDirectory: stats.isDirectory(), through });
  }
  // Reports are relative to where the user pointed, the link's place rather than its target's.
  const shownDir = (entry: (typeof resolved)[number]) => (entry.isDirectory ? (entry.through ?? entry.real) : path.dirname(entry.through ?? entry.real));
  const root = commonDirectory([...resolved.map(shownDir), ...linksNotFollowed.map((link) => path.dirname(link))]);

  const files = new Set<string>();
  const followed = new Set<string>();
  const consider = (file: string) => {
    if (isRegularFile(file)) files.add(file);
    else if (followSymlinks && linkToFile(file)) {
      files.add(file);
      followed.add(file);
    }
  };
  for (const entry of resolved) {
    if (entry.through) {
      // Everything reached through the named link is read there, under the link's name.
      const found = entry.isDirectory ? await discoverFiles([entry.real], cwd, { ...options, followSymlinks: false }) : { files: [entry.real] };
      for (const file of found.files) {
        const shown = entry.isDirectory ? path.join(entry.through, path.relative(entry.real, file)) : entry.through;
        files.add(shown);
        followed.add(shown);
      }
      continue;
    }
    if (!entry.isDirectory) {
      consider(entry.real);
      continue;
    }
    const fromGit = await listWorkTreeFiles(entry.real);
    if (fromGit) {
      // git lists symbolic links and deleted files too: keep the regular files.
      const kept = fromGit.filter(isSourceFile).filter((file) => {
        const inside = excludedAncestor(entry.real, file, excludedNames);
        if (inside) excluded.add(inside);
        return inside === null;
      });
      kept.forEach(consider);
    } else {
      const walked = walk(entry.real, excludedNames, excluded, followSymlinks);
      for (const file of walked.files) files.add(file);
      for (const link of walked.links) if (isSourceFile(link) && linkToFile(link)) {
        files.add(link);
        followed.add(link);
      }
    }
  }
  return { root, files: [...files].sort(), followed, excluded: [...excluded].filter((dir) => path.basename(dir) !== 'node_modules').sort(), linksNotFollowed };
}

/** The outermost directory below `dir` on the way to `file` whose name is excluded, or null. */
function excludedAncestor(dir: string, file: string, names: ReadonlySet<string>): string | null {
  const segments = path.relative(dir, file).split(path.sep).slice(0, -1);
  const at = segments.findIndex((segment) => names.has(segment));
  return at === -1 ? null : path.join(dir, ...segments.slice(0, at + 1));
}

function isRegularFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Regular source files under `dir` (decided by name, before a path is built), and (when asked)
 * symbolic links to check; links to directories are never entered.
 */
function walk(dir: string, excludedNames: ReadonlySet<string>, excluded: Set<string>, collectLinks = false): { files: string[]; links: string[] } {
  const found: string[] = [];
  const links: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    if (current !== dir && entries.some((e) => e.name === 'pyvenv.cfg')) continue; // a virtual environment
    // `current` is absolute and normalised: joining a plain name is a concatenation.
    const prefix = current.endsWith(path.sep) ? current : current + path.sep;
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (excludedNames.has(entry.name)) excluded.add(prefix + entry.name);
        else if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(prefix + entry.name);
      }
      else if (entry.isFile()) {
        if (isSourceFile(entry.name)) found.push(prefix + entry.name); // a Dirent of a symbolic link is never isFile()
      }
      else if (collectLinks && entry.isSymbolicLink()) links.push(prefix + entry.name);
    }
  }
  return { files: found, links };
}

function commonDirectory(dirs: string[]): string {
  let common = dirs[0] ?? '/';
  for (const dir of dirs.slice(1)) {
    while (common !== path.dirname(common) && !isWithin(dir, common)) {
      common = path.dirname(common);
    }
  }
  return common;
}

/** A path for reports: relative to the root, with forward slashes. */
export function relativeToRoot(root: string, file: string): string {
  // Asked for every file of a run: a file the walk found below an absolute, normalised root is its tail.
  if (path.sep === '/' && root.startsWith('/') && file.startsWith(root) && file.charCodeAt(root.length) === 47 && isNormal(root) && isNormal(file)) {
    return file.slice(root.length + 1);
  }
  return path.relative(root, file).split(path.sep).join('/');
}

/** No `.` or `..` segment, no doubled or trailing slash (what path.relative would normalise away). */
function isNormal(file: string): boolean {
  return !file.includes('//') && !file.includes('/./') && !file.includes('/../') && !file.endsWith('/') && !file.endsWith('/.') && !file.endsWith('/..');
}
