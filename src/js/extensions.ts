/** Which files are JavaScript / TypeScript: kept apart from the parser so that discovery loads no parser. */
import path from 'node:path';

export const JS_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);

export function isTypeScript(file: string): boolean {
  return ['.ts', '.tsx', '.mts', '.cts'].includes(path.extname(file));
}
