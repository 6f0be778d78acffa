/**
 * The JavaScript / TypeScript transform on its own, with jscodeshift's transform signature
 * (`fileInfo`, `api`, `options`): returns the new source, or undefined when nothing changes.
 * Throws on a file it must not edit. The nearest package.json is read as the CLI reads it.
 */
import path from 'node:path';
import { PackageLookup } from '../src/js/packageInfo.js';
import { transformJs } from '../src/js/transformJs.js';
import { MODES, type Mode } from '../src/site.js';
import type { FileInfo } from './flask-redirect.js';

export default async function transform(file: FileInfo, _api: unknown, options: { mode?: string } = {}): Promise<string | undefined> {
  const mode = options.mode;
  if (!MODES.includes(mode as Mode)) throw new Error(`options.mode must be one of ${MODES.join(', ')}`);
  const absolute = path.resolve(file.path);
  const pkg = new PackageLookup(path.parse(absolute).root).forFile(absolute);
  const result = transformJs(file.source, file.path, mode as Mode, { pkg });
  if (!result.ok) throw new Error(`${file.path}: ${result.message}`);
  return result.output === file.source ? undefined : result.output;
}
