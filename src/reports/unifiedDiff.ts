/** The dry run's unified diff, `a/` and `b/` prefixed like git's, coloured on a terminal. */
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../engine/run.js';
import { paint } from './color.js';

/** A note for a hunk covering old lines [start, end] of a file, or null. */
export type HunkNote = (path: string, start: number, end: number) => string | null;

export function renderDiff(changes: readonly FileChange[], color: boolean, note: HunkNote = () => null): string {
  const c = paint(color);
  return changes
    .map((change) => {
      const patch = createTwoFilesPatch(`a/${change.path}`, `b/${change.path}`, change.before, change.after, undefined, undefined, {
        context: 3,
      });
      // The diff package opens with a "===" line (and "Index:" for equal names); git's form starts at "---".
      // A hunk header's trailing text is free-form: risky hunks say so there.
      const body = patch
        .replace(/^(Index: [^\n]*\n)?=+\n/, '')
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
