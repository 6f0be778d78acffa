/**
 * The one writer: every file the tool writes (sources, changelog, fragments, reports, patch,
 * summary, commit message, fleet report) goes through here. Each write is a temporary file in
 * the same directory, flushed, given its mode and owner, then renamed (or, for a new file,
 * hard-linked) into place: a reader sees the old bytes or the new ones, never a mix, and a
 * kill at any moment leaves at most a hidden `*.redirect-codemod-*.tmp` file. Symbolic links
 * are never written through, dangling ones included.
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { link, lstat, open, realpath, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { isWithin, linkOnPath } from './paths.js';

export class WriteRefusedError extends Error {}

/** For tests only: moments of a write where another process can act (a slow disk, a racing editor). */
export interface WriteHooks {
  beforeLastCheck?: () => Promise<void>;
  afterLastCheck?: () => Promise<void>;
}

/** Whether two stats describe the same, unchanged file (the change time catches same-size edits in the same tick). */
function unchanged(now: Stats, then: Stats): boolean {
  return now.dev === then.dev && now.ino === then.ino && now.size === then.size && now.mtimeMs === then.mtimeMs && now.ctimeMs === then.ctimeMs;
}

/**
 * Replaces a source file (or the changelog) read earlier with `readStats` (taken before its
 * bytes were read). The file must still be the one that was read, inside `root`, reached
 * through no symbolic link, with one name. It is checked again just before the rename, and
 * after it the replaced file is looked at once more: an edit someone made to it meanwhile is
 * put back and the file reported as not written, so that edit is not lost.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array, readStats: Stats, root: string, hooks: WriteHooks = {}): Promise<void> {
  const directory = await realpath(path.dirname(file));
  if (!isWithin(directory, root)) throw new WriteRefusedError(`lies outside ${root}; not written`);
  if (directory !== path.dirname(file)) throw new WriteRefusedError('lies below a symbolic link: the tool never writes through one');
  const current = await lstat(file);
  if (current.isSymbolicLink()) throw new WriteRefusedError('is a symbolic link: the tool never writes through one');
  if (!current.isFile()) throw new WriteRefusedError('is no longer a regular file; not written');
  if (!unchanged(current, readStats)) throw new WriteRefusedError('changed since it was read; not overwritten');
  if (current.nlink > 1) throw new WriteRefusedError(`has ${current.nlink} hard links; rewriting it would split them, so it was not written`);

  // Held open across the rename: an edit written into the old file meanwhile stays readable here.
  const original = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const temporary = await writeTemporary(directory, path.basename(file), bytes, current.mode & 0o7777, current);
    try {
      await hooks.beforeLastCheck?.();
      const last = await lstat(file);
      if (!unchanged(last, readStats)) throw new WriteRefusedError('changed while it was being written; not overwritten');
      await hooks.afterLastCheck?.();
      await rename(temporary, file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    const after = await original.stat();
    if (after.size !== readStats.size || after.mtimeMs !== readStats.mtimeMs) {
      // Written to in place between the last look and the rename: their bytes go back.
      const theirs = await original.readFile();
      const back = await writeTemporary(directory, path.basename(file), theirs, current.mode & 0o7777, current);
      await rename(back, file);
      throw new WriteRefusedError('changed while it was being written; their version was put back, not rewritten');
    }
  } finally {
    await original.close().catch(() => undefined);
  }
}

/**
 * Creates a file that must not exist yet (a changelog fragment): written in full beside it,
 * then hard-linked into place, which fails if anything (a file, a link, a dangling link)
 * took the name meanwhile. A kill never leaves a partly written fragment under its name.
 */
export async function createFileAtomic(file: string, bytes: Uint8Array, mode = 0o644): Promise<void> {
  const directory = await realpath(path.dirname(file));
  const target = path.join(directory, path.basename(file));
  const temporary = await writeTemporary(directory, path.basename(file), bytes, mode & ~process.umask(), null);
  try {
    await link(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteRefusedError('already exists; not overwritten');
    // A file system without hard links: claim the name only if it is still free.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (await lstat(target).then(() => true, () => false)) throw new WriteRefusedError('already exists; not overwritten');
    await rename(temporary, target);
    return;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Writes an output the user named (a report, the patch, a summary, a commit message, the
 * fleet report): refused when the name or a directory on its way up inside the repository
 * is a symbolic link, dangling or not, or when it is not a regular file; an existing file
 * keeps its mode and is replaced whole (another hard link to it keeps the old bytes).
 */
export async function writeOutputFile(file: string, bytes: Uint8Array, cwd: string): Promise<void> {
  const absolute = path.resolve(cwd, file);
  const linked = linkOnPath(absolute, cwd);
  if (linked) throw new WriteRefusedError(`${linked === absolute ? 'it' : path.relative(cwd, linked) || linked} is a symbolic link: the tool never writes through one`);
  const existing = await lstat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing && !existing.isFile()) throw new WriteRefusedError('is not a regular file; not written');
  const directory = path.dirname(absolute);
  const temporary = await writeTemporary(directory, path.basename(absolute), bytes, existing ? existing.mode & 0o7777 : 0o666 & ~process.umask(), null);
  try {
    await rename(temporary, absolute);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * A hidden temporary file beside the target holding `bytes`, flushed to disk. Owner before
 * mode: Linux clears setuid and setgid on a change of owner, so the mode is set last.
 */
async function writeTemporary(directory: string, base: string, bytes: Uint8Array, mode: number, owner: Stats | null): Promise<string> {
  const temporary = path.join(directory, `.${base}.redirect-codemod-${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'wx', mode & 0o777);
    await handle.writeFile(bytes);
    if (owner && process.getuid?.() === 0) await handle.chown(owner.uid, owner.gid).catch(() => undefined);
    await handle.chmod(mode); // the umask may have narrowed the mode given to open
    await handle.sync();
    await handle.close();
    return temporary;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
