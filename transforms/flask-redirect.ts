/**
 * The Python transform on its own, with jscodeshift's transform signature
 * (`fileInfo`, `api`, `options`): returns the new source, or undefined when
 * nothing changes. Throws on a file it must not edit, so callers never get a guess.
 *
 *   import transform from 'redirect-codemod/dist/transforms/flask-redirect.js';
 *   const out = await transform({ path: 'app.py', source }, {}, { mode: 'preserve' });
 */
import { transformPython } from '../src/python/transformPython.js';
import { MODES, type Mode } from '../src/site.js';

export interface FileInfo {
  path: string;
  source: string;
}

export default async function transform(
  file: FileInfo,
  _api: unknown,
  options: { mode?: string } = {},
): Promise<string | undefined> {
  const mode = options.mode;
  if (!MODES.includes(mode as Mode)) throw new Error(`options.mode must be one of ${MODES.join(', ')}`);
  const result = await transformPython(file.source, file.path, mode as Mode);
  if (!result.ok) throw new Error(`${file.path}: ${result.message}`);
  return result.output === file.source ? undefined : result.output;
}
