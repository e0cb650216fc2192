// The folder walk shared by the CLI (`govreport check FOLDER`) and the language server (the
// workspace check): which files under a folder are looked at, in which order, and which are
// listed as not readable. Dot folders and node_modules are never entered; entries are taken in
// code-unit order of their names; symbolic links are followed only when asked (and a linked
// folder is entered once). The messages are the caller's: they differ by product.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { kindOf, type FileKind } from './files';

/** Why a file the walk met is not read. */
export type WalkSkip =
  /** detail: the FileKind, or 'symbolic-link-not-followed'. */
  | { reason: 'not-a-regular-file'; detail: FileKind | 'symbolic-link-not-followed' }
  /** detail: the error code of stat (ENOENT: a dangling link). */
  | { reason: 'unreadable'; detail: string }
  /** A .doc or .wps (old binary formats) met where Word files are looked for. */
  | { reason: 'unsupported-format'; detail: string };

export interface WalkOptions {
  /** Enter symbolic links to folders and read linked files. */
  follow: boolean;
  /** Whether a file of this name (and path) is one to check. */
  accept(path: string, name: string): boolean;
  /** Whether a file not accepted is still listed as unsupported (a .doc among Word files). */
  unsupported?(path: string, name: string): boolean;
  /** Whether to enter a folder (besides dot folders and node_modules, never entered). */
  enter?(path: string, name: string): boolean;
  /** Real paths of the folders entered through links (shared across walks of one batch). */
  seenDirs?: Set<string>;
}

export interface WalkVisitor {
  /** A regular file to check; `key`: its real path when the walk knows it cheaply. */
  file(path: string, noFollow: boolean, key: string | undefined): void;
  /** A file to check that cannot be read as one. */
  skip(path: string, skip: WalkSkip): void;
  /** A folder that could not be listed, or a link that could not be followed (not a file to check). */
  problem(path: string, err: unknown): void;
  /** A symbolic link not followed that is not a file to check (worth a line, not a problem). */
  note?(path: string): void;
}

function direntKind(e: Dirent): FileKind {
  if (e.isFIFO()) return 'fifo';
  if (e.isSocket()) return 'socket';
  if (e.isCharacterDevice()) return 'character-device';
  if (e.isBlockDevice()) return 'block-device';
  return 'other';
}

/**
 * Walks `dir` (a folder), telling `visitor` about every file to check. A generator that yields
 * after each folder listed, so that a caller that must stay responsive (the server) can pause
 * between folders; `for (const _ of walkFolder(…));` walks it all at once.
 */
export function* walkFolder(dir: string, opts: WalkOptions, visitor: WalkVisitor): Generator<void, void, void> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    visitor.problem(dir, err);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A regular file's real path is its folder's real path and its name: one lookup per folder.
  let realDir: string | undefined;
  try {
    realDir = realpathSync.native(dir);
  } catch {
    realDir = undefined;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (!e.isDirectory() && opts.unsupported?.(p, e.name)) {
      visitor.skip(p, { reason: 'unsupported-format', detail: e.name });
      continue;
    }
    const wanted = !e.isDirectory() && opts.accept(p, e.name);
    if (e.isSymbolicLink()) {
      if (!opts.follow) {
        if (wanted) visitor.skip(p, { reason: 'not-a-regular-file', detail: 'symbolic-link-not-followed' });
        else visitor.note?.(p);
        continue;
      }
      let st;
      try {
        st = statSync(p);
      } catch (err) {
        if (wanted) visitor.skip(p, { reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) });
        else visitor.problem(p, err);
        continue;
      }
      if (st.isDirectory()) {
        const real = realpathSync(p);
        const seen = (opts.seenDirs ??= new Set());
        if (!seen.has(real) && (opts.enter?.(p, e.name) ?? true)) {
          seen.add(real);
          yield* walkFolder(p, opts, visitor);
        }
      } else if (wanted) {
        if (st.isFile()) visitor.file(p, false, undefined);
        else visitor.skip(p, { reason: 'not-a-regular-file', detail: kindOf(st) });
      }
      continue;
    }
    if (e.isDirectory()) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      if (opts.enter?.(p, e.name) ?? true) yield* walkFolder(p, opts, visitor);
    } else if (!wanted) continue;
    else if (e.isFile()) visitor.file(p, true, realDir === undefined ? undefined : join(realDir, e.name));
    else visitor.skip(p, { reason: 'not-a-regular-file', detail: direntKind(e) });
  }
  yield;
}
