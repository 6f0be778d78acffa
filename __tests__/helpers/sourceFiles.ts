/** Real code to test on: source files under a directory, in a stable breadth-first order. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const JS_SOURCE = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/;
export const SOURCE = /\.(py|js|jsx|mjs|cjs|ts|tsx|mts|cts)$/;

/** The first `limit` files matching `pattern` (declaration files and files of `maxBytes` or more left out). */
export function sourceFiles(dir: string, limit: number, pattern: RegExp, maxBytes: number): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0 && found.length < limit) {
    const current = pending.shift()!;
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && entry.name !== '.bin') pending.push(full);
      else if (entry.isFile() && pattern.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name) && statSync(full).size < maxBytes) found.push(full);
    }
  }
  return found;
}
