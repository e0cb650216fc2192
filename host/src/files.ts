// Node-side file I/O shared by the CLI and the language server (core/ has no file system): read
// regular files only, never more than a limit, and write a fixed report back without changing
// anything but its content. SECURITY.md lists the guarantees and the tests that hold them.
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { open, stat as statAsync } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The default largest file read, in bytes: the CLI's --max-file-size, the server's govreport.maxFileSize. */
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

/** Why a file was not checked. */
export type SkipReason = 'binary' | 'too-large' | 'unreadable' | 'not-a-regular-file';

/** What a path names when it is not a regular file. */
export type FileKind = 'directory' | 'fifo' | 'socket' | 'character-device' | 'block-device' | 'symbolic-link' | 'other';

/** A file that was not read, and why (the messages are the caller's: they differ by product). */
export class FileSkipped extends Error {
  constructor(
    readonly reason: Exclude<SkipReason, 'binary'>,
    /** not-a-regular-file: the kind of file; unreadable: the error code (ENOENT, EACCES…). */
    readonly detail: string,
    /** too-large: the bytes seen (the file's size, or the limit + 1 when reading stopped there). */
    readonly size = 0,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export interface ReadOptions {
  /** Largest file read: a larger one is refused as too-large, and no more than this + 1 bytes are read. */
  maxBytes: number;
  /** Refuse a symbolic link instead of following it (O_NOFOLLOW, where the platform has it). */
  noFollow?: boolean;
}

export interface FileRead {
  bytes: Uint8Array;
  /** fstat of the descriptor read: the file's identity, mode, owner and links when it was read. */
  stat: Stats;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
/** O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused after fstat). */
const READ_FLAGS = constants.O_RDONLY | O_NONBLOCK;

export function kindOf(st: Stats): FileKind {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character-device';
  if (st.isBlockDevice()) return 'block-device';
  if (st.isSymbolicLink()) return 'symbolic-link';
  return 'other';
}

/** Throws FileSkipped unless `st` is a regular file of at most `maxBytes` bytes. */
function requireRegular(st: Stats, maxBytes: number): void {
  if (!st.isFile()) throw new FileSkipped('not-a-regular-file', kindOf(st));
  if (st.size > maxBytes) throw new FileSkipped('too-large', `${st.size} > ${maxBytes}`, st.size);
}

function openFailure(err: unknown): FileSkipped {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  // O_NOFOLLOW met a symbolic link; a socket cannot be opened; a directory cannot be read.
  if (code === 'ELOOP') return new FileSkipped('not-a-regular-file', 'symbolic-link');
  if (code === 'ENXIO') return new FileSkipped('not-a-regular-file', 'socket');
  if (code === 'EISDIR') return new FileSkipped('not-a-regular-file', 'directory');
  return new FileSkipped('unreadable', code);
}

/** One buffer for every file the CLI reads (decoding copies the text out of it). */
let shared = Buffer.allocUnsafe(1 << 16);
/** Files larger than this are read into a buffer of their own, so it is not kept. */
const SHARED_LIMIT = 1 << 20;
/** What is read at a time from a file whose size fstat does not tell (0: /proc and the like). */
const CHUNK = 1 << 16;

/**
 * Reads a regular file, synchronously, into one shared buffer (the CLI: for a thousand small
 * reports this takes half the time of readFileSync, which allocates a buffer for each). The bytes
 * returned are valid until the next call. Opened with O_NONBLOCK (and O_NOFOLLOW when asked),
 * then fstat: anything but a regular file is refused before a byte is read (callers look at
 * the path first too, so a FIFO or device is normally never opened). A regular file is read up
 * to the size fstat gave, and never past `maxBytes` + 1 bytes.
 */
export function readRegularFileSync(path: string, opts: ReadOptions): FileRead {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS | (opts.noFollow ? O_NOFOLLOW : 0));
  } catch (err) {
    throw openFailure(err);
  }
  try {
    const stat = fstatSync(fd);
    requireRegular(stat, opts.maxBytes);
    const cap = opts.maxBytes + 1;
    const expected = stat.size;
    const want = Math.min(cap, expected > 0 ? expected : CHUNK);
    let buf: Buffer;
    if (want <= SHARED_LIMIT) {
      if (shared.length < want) shared = Buffer.allocUnsafe(Math.min(SHARED_LIMIT, Math.max(want, 2 * shared.length)));
      buf = shared;
    } else buf = Buffer.allocUnsafe(want);
    let n = 0;
    while (n < cap) {
      if (n === buf.length) {
        const grown = Buffer.allocUnsafe(Math.min(cap, 2 * n));
        buf.copy(grown, 0, 0, n);
        buf = grown;
        if (grown.length <= SHARED_LIMIT) shared = grown;
      }
      let r: number;
      try {
        r = readSync(fd, buf, n, Math.min(buf.length, cap) - n, null);
      } catch (err) {
        throw openFailure(err);
      }
      if (r === 0) break;
      n += r;
      // A regular file is read to the size it had when opened (one read for most reports).
      if (n === expected) break;
    }
    if (n > opts.maxBytes) throw new FileSkipped('too-large', `more than ${opts.maxBytes}`, n);
    return { bytes: buf.subarray(0, n), stat };
  } finally {
    closeSync(fd);
  }
}

/**
 * The same for the language server, asynchronously and into a buffer of its own. The path is
 * looked at (stat) before it is opened: opening a FIFO or a device is never attempted.
 */
export async function readRegularFile(path: string, opts: ReadOptions): Promise<FileRead> {
  try {
    requireRegular(await statAsync(path), opts.maxBytes);
  } catch (err) {
    throw err instanceof FileSkipped ? err : openFailure(err);
  }
  let handle;
  try {
    handle = await open(path, READ_FLAGS | (opts.noFollow ? O_NOFOLLOW : 0));
  } catch (err) {
    throw openFailure(err);
  }
  try {
    const stat = await handle.stat();
    requireRegular(stat, opts.maxBytes);
    const cap = opts.maxBytes + 1;
    const expected = stat.size;
    let buf = Buffer.allocUnsafe(Math.min(cap, expected > 0 ? expected : CHUNK));
    let n = 0;
    while (n < cap) {
      if (n === buf.length) {
        const grown = Buffer.allocUnsafe(Math.min(cap, 2 * n));
        buf.copy(grown, 0, 0, n);
        buf = grown;
      }
      let r: number;
      try {
        r = (await handle.read(buf, n, Math.min(buf.length, cap) - n, null)).bytesRead;
      } catch (err) {
        throw openFailure(err);
      }
      if (r === 0) break;
      n += r;
      if (n === expected) break;
    }
    if (n > opts.maxBytes) throw new FileSkipped('too-large', `more than ${opts.maxBytes}`, n);
    return { bytes: buf.subarray(0, n), stat };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Writing a fixed file back

/** Why a file must not be rewritten (absent: it may be). */
export type WriteRefusal = { reason: 'read-only' } | { reason: 'hard-links'; links: number };

/**
 * A file is not rewritten when it is read-only (no write permission bit at all, which even root
 * respects here, or no write access for this process) or has other hard links (replacing it
 * would leave them holding the old content, and writing in place is not atomic).
 */
export function writeRefusal(path: string, st: Stats): WriteRefusal | undefined {
  if ((st.mode & 0o222) === 0) return { reason: 'read-only' };
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return { reason: 'read-only' };
  }
  if (st.nlink > 1) return { reason: 'hard-links', links: st.nlink };
  return undefined;
}

const TMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;

/** A fresh temporary name beside the file: `.NAME.govreport-<16 random hex digits>.tmp`. */
export function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.govreport-${randomBytes(8).toString('hex')}.tmp`);
}

/**
 * Replaces the content of the regular file `path` (a real path: no symbolic link in its last
 * component) with `bytes`, atomically: the bytes go to a new temporary file in the same folder
 * (unpredictable name, O_CREAT|O_EXCL|O_NOFOLLOW, so nothing planted there is followed or
 * reused), which takes the original's owner (fchown; refused unless root, and then ignored) and
 * mode, is synced, and is renamed over the file, unless the file is no longer the one read
 * (`original`: its fstat then). The temporary file is removed on every failure.
 */
export function replaceFileSync(path: string, bytes: Uint8Array, original: Stats): void {
  const tmp = temporaryName(path);
  const fd = openSync(tmp, TMP_FLAGS, 0o600);
  let renamed = false;
  try {
    try {
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      keepOwner(fd, original);
      // After fchown, which clears set-user-ID and set-group-ID bits.
      fchmodSync(fd, original.mode & 0o7777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const now = lstatSync(path);
    if (!now.isFile() || now.ino !== original.ino || now.dev !== original.dev) {
      throw Object.assign(new Error('the file was replaced while it was being fixed'), { code: 'ECHANGED' });
    }
    renameSync(tmp, path);
    renamed = true;
    syncFolder(dirname(path));
  } finally {
    if (!renamed) {
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    }
  }
}

/** Gives the new file the original's owner and group; without the right to (not root), keeps ours. */
function keepOwner(fd: number, original: Stats): void {
  const now = fstatSync(fd);
  if (now.uid === original.uid && now.gid === original.gid) return;
  try {
    fchownSync(fd, original.uid, original.gid);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}

/** Makes the rename durable (best effort: not every platform can open a folder). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
