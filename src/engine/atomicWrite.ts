/**
 * Replaces a file's contents atomically: a temporary file in the same directory,
 * flushed, given the original's mode and owner, then renamed over the original.
 * A reader sees the old bytes or the new ones, never a mix. The file must still be
 * the one that was read, and must lie inside the root.
 */
import { randomBytes } from 'node:crypto';
import { chown, lstat, open, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Stats } from 'node:fs';
import { isWithin } from './paths.js';

export class WriteRefusedError extends Error {}

export async function writeFileAtomic(file: string, bytes: Uint8Array, readStats: Stats, root: string): Promise<void> {
  const directory = await realpath(path.dirname(file));
  if (!isWithin(directory, root)) {
    throw new WriteRefusedError(`lies outside ${root}; not written`);
  }
  const current = await lstat(file);
  if (current.isSymbolicLink()) throw new WriteRefusedError('is a symbolic link: the tool never writes through one');
  if (!current.isFile()) throw new WriteRefusedError('is no longer a regular file; not written');
  if (current.ino !== readStats.ino || current.size !== readStats.size || current.mtimeMs !== readStats.mtimeMs) {
    throw new WriteRefusedError('changed since it was read; not overwritten');
  }
  if (current.nlink > 1) throw new WriteRefusedError(`has ${current.nlink} hard links; rewriting it would split them, so it was not written`);

  const temporary = path.join(directory, `.${path.basename(file)}.redirect-codemod-${randomBytes(6).toString('hex')}.tmp`);
  const mode = current.mode & 0o7777;
  let handle;
  try {
    handle = await open(temporary, 'wx', mode);
    await handle.writeFile(bytes);
    await handle.chmod(mode); // the umask may have narrowed the mode given to open
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (process.getuid?.() === 0) await chown(temporary, current.uid, current.gid).catch(() => undefined);
    await rename(temporary, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
