/**
 * `--exclude` and the config's `exclude`: gitignore patterns (the `ignore` package, as git
 * reads a .gitignore), each list matched against paths relative to its own base directory (a
 * config's patterns against its file's directory; the command line's against the working
 * directory). A file outside a base is not matched by that list.
 */
import path from 'node:path';
import ignore from 'ignore';

export interface ExcludeRule {
  /** Absolute directory the patterns are relative to. */
  base: string;
  patterns: readonly string[];
}

export function excluder(rules: readonly ExcludeRule[]): (file: string) => boolean {
  const matchers = rules.filter((rule) => rule.patterns.length > 0).map((rule) => ({ base: rule.base, matcher: ignore().add([...rule.patterns]) }));
  if (matchers.length === 0) return () => false;
  return (file) =>
    matchers.some(({ base, matcher }) => {
      const relative = path.relative(base, file);
      if (relative === '' || relative.startsWith(`..${path.sep}`) || relative === '..' || path.isAbsolute(relative)) return false;
      return matcher.ignores(relative.split(path.sep).join('/'));
    });
}

/** A pattern `ignore` cannot read is refused up front, with the pattern named. */
export function invalidPattern(patterns: readonly string[]): string | null {
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.trim() === '') return JSON.stringify(pattern);
    try {
      ignore().add(pattern).ignores('x');
    } catch {
      return JSON.stringify(pattern);
    }
  }
  return null;
}
