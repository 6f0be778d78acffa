/**
 * The few git questions the tool asks, always with argument arrays (never a shell),
 * never interactive, and answered with `null` when git or a repository is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gitCommand } from './gitCommand.js';

/**
 * Whether git could find a work tree from `dir`: some directory up from it holds `.git`, or
 * the environment points git elsewhere. When not, the questions below are answered without
 * starting git (two processes, some 30 ms, saved on every run outside a repository).
 */
function mayBeInWorkTree(dir: string): boolean {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE) return true;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  const result = await gitCommand(cwd, args);
  return result.code === 0 ? result.stdout : null;
}

/** The work tree's top-level directory holding `dir`, or null outside a work tree. */
export async function workTreeRoot(dir: string): Promise<string | null> {
  if (!mayBeInWorkTree(dir)) return null;
  const out = await git(dir, ['rev-parse', '--show-toplevel']);
  return out === null ? null : out.replace(/\n$/, '');
}

/** Files under `dir` that git would show: tracked plus untracked-but-not-ignored, relative to `dir`. */
export async function listWorkTreeFiles(dir: string): Promise<string[] | null> {
  if (!mayBeInWorkTree(dir)) return null;
  const out = await git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.']);
  if (out === null) return null;
  const top = await workTreeRoot(dir);
  if (top === null) return null;
  return [...new Set(out.split('\0').filter(Boolean))].map((p) => `${top}/${p}`);
}

export interface WorkTreeState {
  /** Absolute paths of tracked files. */
  tracked: Set<string>;
  /** Absolute paths with staged, unstaged or untracked changes. */
  changed: Set<string>;
}

export async function workTreeState(top: string): Promise<WorkTreeState | null> {
  const [tracked, status] = await Promise.all([
    git(top, ['ls-files', '-z', '--cached', '--full-name']),
    git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']),
  ]);
  if (tracked === null || status === null) return null;
  const changed = new Set<string>();
  for (const entry of status.split('\0')) {
    if (entry.length > 3) changed.add(`${top}/${entry.slice(3)}`);
  }
  return { tracked: new Set(tracked.split('\0').filter(Boolean).map((p) => `${top}/${p}`)), changed };
}
