/** Containment and walking up, in one place: `/a/bc` is not inside `/a/b`. */
import path from 'node:path';

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
