/** The dry run's unified diff, `a/` and `b/` prefixed like git's (names quoted as git quotes them), coloured on a terminal. */
import type { FileChange } from '../engine/run.js';
import { quoteForGit } from '../text/quoteName.js';
import { paint } from './color.js';
import { diffHunks } from './hunks.js';

/** A note for a hunk covering old lines [start, end] of a file, or null. */
export type HunkNote = (path: string, start: number, end: number) => string | null;

export function renderDiff(changes: readonly FileChange[], color: boolean, note: HunkNote = () => null): string {
  const c = paint(color);
  return changes
    .map((change) => {
      const patch = `--- ${quoteForGit(change.path, 'a/')}\n+++ ${quoteForGit(change.path, 'b/')}\n${diffHunks(change.before, change.after, change.edits)}`;
      // A hunk header's trailing text is free-form: risky hunks say so there.
      const body = patch
        .replace(/^@@ -(\d+)(?:,(\d+))? \+\S+ @@$/gm, (header, start: string, length: string | undefined) => {
          const from = Number(start);
          const text = note(change.path, from, from + Number(length ?? '1') - 1);
          return text ? `${header} ${text}` : header;
        });
      if (!color) return body;
      return body
        .split('\n')
        .map((line) => {
          if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
          if (line.startsWith('+')) return c.green(line);
          if (line.startsWith('-')) return c.red(line);
          if (line.startsWith('@@')) return c.cyan(line);
          return line;
        })
        .join('\n');
    })
    .join('');
}
