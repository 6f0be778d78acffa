/**
 * `--patch FILE`: every change as one unified diff with git's `a/` and `b/` prefixes,
 * paths relative to the repository top, so `git apply` takes it from there.
 */
import { createTwoFilesPatch } from 'diff';
import { topRelative, type FileChange, type RunResult } from '../engine/run.js';

export function renderPatch(result: RunResult, changes: readonly FileChange[]): string {
  return changes
    .map((change) => {
      const name = topRelative(result, change.file);
      const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, change.before, change.after, undefined, undefined, { context: 3 });
      const body = patch.replace(/^(Index: [^\n]*\n)?=+\n/, '');
      // git reads the file names from this line; it also marks the diff as git's own.
      return `diff --git a/${name} b/${name}\n${body}`;
    })
    .join('');
}
