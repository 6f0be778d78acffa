/**
 * `--patch FILE`: every change as one unified diff with git's `a/` and `b/` prefixes,
 * paths relative to the repository top, so `git apply` takes it from there.
 */
import { topRelative, type FileChange, type RunResult } from '../engine/run.js';
import { quoteForGit } from '../text/quoteName.js';
import { diffHunks } from './hunks.js';

export function renderPatch(result: RunResult, changes: readonly FileChange[]): string {
  return changes
    .map((change) => {
      const name = topRelative(result, change.file);
      const [from, to] = [quoteForGit(name, 'a/'), quoteForGit(name, 'b/')];
      // git reads the file names from the first line (quoted as git quotes them); it also marks the diff as git's own.
      return `diff --git ${from} ${to}\n--- ${from}\n+++ ${to}\n${diffHunks(change.before, change.after, change.edits)}`;
    })
    .join('');
}
