/**
 * The fleet's repositories: the `--repos` file (one per line, `#` comments) plus the ones on
 * the command line, each classified as a git URL to clone or a local path to use in place.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface RepoEntry {
  /** As the user wrote it: the report's key. */
  spec: string;
  /** `url`: cloned into the work directory; `path`: a local directory. */
  kind: 'url' | 'path';
  /** The URL, or the absolute path. */
  location: string;
}

/** `scheme://…` or scp-like `user@host:path` (a colon before any slash, not a Windows drive). */
export function isGitUrl(spec: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) return true;
  return /^[^/:]+@[^/:]+:/.test(spec);
}

export function classifyRepo(spec: string, cwd: string): RepoEntry {
  return isGitUrl(spec) ? { spec, kind: 'url', location: spec } : { spec, kind: 'path', location: path.resolve(cwd, spec) };
}

export async function readRepoList(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Keeps the first of each repeated repository, so no repository is migrated twice at once. */
export function uniqueRepos(entries: RepoEntry[]): RepoEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.location) && seen.add(entry.location));
}

/**
 * A directory name for a repository inside the work directory: readable (the last path
 * segments, anything but letters, digits, `.`, `_` and `-` replaced) and unique (a hash of
 * the whole location), so two `app` repositories from different owners never meet.
 */
export function workdirName(entry: RepoEntry): string {
  const trimmed = entry.location.replace(/\/+$/, '').replace(/\.git$/, '');
  const tail = trimmed.split(/[/:]/).filter(Boolean).slice(-2).join('-');
  const readable = tail.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.-]+/, '').slice(0, 60) || 'repo';
  const hash = createHash('sha256').update(entry.location).digest('hex').slice(0, 8);
  return `${readable}-${hash}`;
}
