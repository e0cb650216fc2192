// Last year's report of an open report, found among the workspace's report files (or, with no
// workspace folder, the report's own folder) and the open documents: same body, the year before
// (core/src/pairing.ts). The files on disk are indexed lazily, on the first lookup, without opening
// editors; a file's report is read and parsed when it is first needed, then kept until it changes.
// Everything the analysis reads is synchronous: what is not ready yet is prepared in the
// background, and the reports waiting for it are validated again when it is (`changed`).
// An answer, once given, stays until a newer one is ready: a last year's report that changed on
// disk, or whose editor closed, keeps its parsed report while it is read again (then the reports
// that took it are validated again, when its text changed), so cross-year findings, the status
// and the outline never fall back to "searching" in between. `settled` lets a request whose
// answer the editor keeps (the outline: VS Code caches it per document version) wait for the
// search instead of answering "searching".
import { appendFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decode, maxEncodedBytes, parseReport, type PreviousReport, type Report } from '../../core/src';
import { choosePrevious, identify, pairKey, type Identified } from '../../core/src/pairing';
import { readRegularFile } from '../../host/src/files';

/** What the index needs from the server. */
export interface LastYearHost {
  /** An open document's text and version, if it is open. */
  open(uri: string): { text: string; version: number } | undefined;
  /** The open documents' URIs. */
  openUris(): string[];
  /** These open reports may have another last year's report now: validate them again. */
  changed(uris: string[]): void;
  log(message: string): void;
  /**
   * Reads and identifies these files off the main thread (the workspace check's worker threads),
   * each as `LastYear` does it here (its text read and decoded, `identify`; null: unreadable, not
   * text, or no body and year read); `total`: how many files the index holds in all (a few: not
   * worth starting threads for). Undefined, or a rejection: none there, the main thread reads them.
   */
  identify?(files: readonly { path: string; uri: string }[], maxChars: number, total: number): Promise<(Identified | null)[]> | undefined;
}

/**
 * What the search for an open report's last year's found: `found` (compared with it), `none` (no
 * report of its body and the year before), `searching` (the folders are being indexed or the file
 * read: validated again when done), `unidentified` (no body or year read from the report, so
 * nothing to look for).
 */
export type LastYearState = 'found' | 'none' | 'searching' | 'unidentified';

export interface LastYearInfo {
  state: LastYearState | 'off';
  /** Last year's report's URI and how messages name it, when found. */
  uri: string | null;
  label: string | null;
}

/** At most this many report files are indexed (a workspace of other things is not read through). */
const MAX_FILES = 5000;
/** Files of these names are indexed. */
const REPORT_FILE = /\.txt$/i;
/** A file larger than reports ever are is not read for the index. */
const MAX_CHARS = 2_000_000;
/** Files of one task of the worker threads (`LastYearHost.identify`). */
const IDENTIFY_FILES = 32;

export class LastYear {
  private folders: string[] = [];
  /** Folders indexed (or being indexed), as paths. */
  private readonly indexed = new Map<string, Promise<void>>();
  /** Report files on disk by pair key, and what each is. */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly files = new Map<string, Identified>();
  /** Open documents' identities, by version. */
  private readonly openIds = new Map<string, { version: number; id: Identified }>();
  /**
   * Last year's reports read and parsed: by URI, with a stamp that changes when the text does
   * (`stamp`), the text (an open document's or the file's), and whether it may be out of date (the
   * file changed or the document closed since: read again, kept meanwhile).
   */
  private readonly parsed = new Map<string, { stamp: string; report: Report; text: string; stale: boolean }>();
  /** Files being read for `parsed`: when each read ends. */
  private readonly loading = new Map<string, Promise<void>>();
  /** How many texts were parsed for `parsed` (each one's stamp). */
  private reads = 0;
  /** What each open report's search waits for, while it is 'searching' (`settled`). */
  private readonly waits = new Map<string, Promise<unknown>>();
  /** For each report taken as last year's, the open reports that took it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Folders whose index is complete. */
  private readonly ready = new Set<string>();
  /** What the last search of each open report found. */
  private readonly states = new Map<string, LastYearInfo>();
  /**
   * Files the workspace check read and identified (`learn`), not indexed yet: the index takes
   * their identities instead of reading them again. Emptied as the index takes them.
   */
  private readonly learned = new Map<string, Identified>();

  constructor(private readonly host: LastYearHost) {}

  /** The workspace folders (URIs); none: each report's own folder is searched. */
  setFolders(uris: string[]): void {
    this.folders = [];
    for (const u of uris) {
      try {
        this.folders.push(fileURLToPath(u));
      } catch {
        /* not a file: URI: nothing on disk to index */
      }
    }
  }

  /**
   * Last year's report of the open report `uri` whose text is `text`, if it is found and ready;
   * undefined otherwise (and, when it is being found or read, the report is validated again then).
   * `folders` (`govreport.lastYear.folders`): where on disk to look, absolute or relative to the
   * report's workspace folder; none: the whole workspace. Open documents are always candidates.
   * What was found is then `info(uri)`.
   */
  previousFor(uri: string, text: string, version: number, folders: readonly string[] = []): PreviousReport | undefined {
    const me = this.openIdentity(uri, text, version);
    this.forget(uri);
    this.waits.delete(uri);
    if (me.key === null || me.year === null) {
      this.states.set(uri, { state: 'unidentified', uri: null, label: null });
      return undefined;
    }
    const roots = this.rootsFor(uri, folders);
    this.ensureIndexed(roots, folders.length > 0 || roots === this.folders);
    const prev = this.find(uri, me, folders.length > 0 ? roots : null);
    if (!prev) {
      const pending = roots.filter((r) => !this.ready.has(r)).map((r) => this.indexed.get(r));
      if (pending.length > 0) this.waits.set(uri, Promise.all(pending));
      this.states.set(uri, { state: pending.length > 0 ? 'searching' : 'none', uri: null, label: null });
      return undefined;
    }
    let set = this.dependents.get(prev);
    if (!set) this.dependents.set(prev, (set = new Set()));
    set.add(uri);
    const report = this.reportOf(prev);
    const reading = report ? undefined : this.loading.get(prev);
    if (reading) this.waits.set(uri, reading);
    this.states.set(uri, { state: report ? 'found' : 'searching', uri: report ? prev : null, label: report ? this.label(prev) : null });
    return report;
  }

  /**
   * When the last `previousFor(uri, …)` was searching: a promise of the end of what it waits for
   * (the index, last year's file read), after which `previousFor` answers anew. Undefined when it
   * was not searching.
   */
  settled(uri: string): Promise<void> | undefined {
    return this.waits.get(uri)?.then(
      () => undefined,
      () => undefined,
    );
  }

  /** What the last `previousFor(uri, …)` found. */
  info(uri: string): LastYearInfo {
    return this.states.get(uri) ?? { state: 'searching', uri: null, label: null };
  }

  /**
   * A stamp of what `previousFor` gave: two analyses with the same settings and stamp saw the same
   * last year's report.
   */
  stamp(previous: PreviousReport | undefined): string {
    if (!previous) return '';
    return `${previous.name}@${this.parsed.get(previous.name)?.stamp ?? ''}`;
  }

  /**
   * `uri` changed: an open document edited, saved or closed, or a file on disk created, changed
   * or deleted. The reports that took it as last year's, and those that found none, are
   * validated again.
   */
  touched(uri: string, onDisk = false): void {
    // Kept until read again (reportOf): the reports that took it keep their answer meanwhile.
    const kept = this.parsed.get(uri);
    if (kept) kept.stale = true;
    if (onDisk) void this.reindex(uri);
    else this.notify(uri);
  }

  /** An open report closed: it no longer waits for anything. */
  closed(uri: string): void {
    this.openIds.delete(uri);
    this.states.delete(uri);
    this.forget(uri);
    this.touched(uri);
  }

  // -------------------------------------------------------------------------------------------

  private openIdentity(uri: string, text: string, version: number): Identified {
    const known = this.openIds.get(uri);
    if (known && known.version === version) return known.id;
    const id = identify(text, uri);
    this.openIds.set(uri, { version, id });
    return id;
  }

  /** `uri` no longer depends on what it took before (it is about to choose again). */
  private forget(uri: string): void {
    for (const set of this.dependents.values()) set.delete(uri);
  }

  /**
   * The report of the year before among the open documents and the indexed files (those under
   * `within`, when given).
   */
  private find(uri: string, me: Identified, within: readonly string[] | null): string | undefined {
    const want = pairKey(me.key!, me.year! - 1);
    const uris: string[] = [];
    const ids: Identified[] = [];
    for (const other of this.host.openUris()) {
      if (other === uri) continue;
      const o = this.host.open(other);
      if (!o) continue;
      const id = this.openIdentity(other, o.text, o.version);
      if (id.key !== null && id.year !== null && pairKey(id.key, id.year) === want) {
        uris.push(other);
        ids.push(id);
      }
    }
    const prefixes = within?.map((r) => pathToFileURL(r).href.replace(/\/?$/, '/'));
    for (const f of this.byKey.get(want) ?? []) {
      if (f === uri || uris.includes(f)) continue;
      if (prefixes && !prefixes.some((p) => f.startsWith(p))) continue;
      uris.push(f);
      ids.push(this.files.get(f)!);
    }
    if (uris.length === 0) return undefined;
    const k = choosePrevious(me, ids.map((_, i) => i), ids);
    return k < 0 ? undefined : uris[k];
  }

  /**
   * The parsed report of `prev`: an open document's current text, else the file (read in the
   * background; what was parsed of it before, if anything, meanwhile).
   */
  private reportOf(prev: string): PreviousReport | undefined {
    const open = this.host.open(prev);
    let kept = this.parsed.get(prev);
    if (open) {
      // The same text keeps its stamp (an undo, a file opened as it is on disk): analyses stay.
      if (!kept || kept.text !== open.text) this.parsed.set(prev, (kept = { stamp: `p${++this.reads}`, report: parseReport(open.text), text: open.text, stale: false }));
      else kept.stale = false;
    } else if (!kept || kept.stale) {
      this.load(prev);
    }
    return kept ? { report: kept.report, name: prev, label: this.label(prev) } : undefined;
  }

  /**
   * Reads `prev` from disk for `parsed` (one read at a time). When its text changed (or it is
   * read for the first time), the reports that took it, or would, are validated again; a text
   * unchanged keeps its stamp. Unreadable or gone: forgotten, and out of the index (or it would be
   * found and read again, and again, when no watcher tells of its deletion).
   */
  private load(prev: string): void {
    if (this.loading.has(prev)) return;
    const before = this.parsed.get(prev);
    // A change from now on marks it stale again: read once more after this read.
    if (before) before.stale = false;
    let changed = true;
    const job = this.read(prev)
      .then((text) => {
        const now = this.parsed.get(prev);
        if (text === undefined) {
          this.parsed.delete(prev);
          this.unindex(prev);
        }
        else if (now && now.text === text) changed = false;
        else this.parsed.set(prev, { stamp: `p${++this.reads}`, report: parseReport(text), text, stale: now?.stale ?? false });
      })
      .finally(() => {
        this.loading.delete(prev);
        if (this.parsed.get(prev)?.stale && !this.host.open(prev)) this.load(prev);
        if (changed) this.notify(prev);
      });
    this.loading.set(prev, job);
  }

  /** How messages name the report `uri`: its path in a workspace folder, else its file name. */
  label(uri: string): string {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return uri;
    }
    for (const root of this.folders) {
      if (path.startsWith(root + sep)) return relative(root, path);
    }
    return basename(path);
  }

  /**
   * The folders to search for `uri`: `folders` resolved (a relative one against the workspace
   * folder holding the report, else the first, else the report's folder); none given: the
   * workspace's, or the report's own folder.
   */
  private rootsFor(uri: string, folders: readonly string[]): string[] {
    let path: string | undefined;
    try {
      path = fileURLToPath(uri);
    } catch {
      /* not on disk */
    }
    const own = path === undefined ? undefined : path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
    if (folders.length > 0) {
      const base = this.folders.find((r) => path !== undefined && path.startsWith(r + sep)) ?? this.folders[0] ?? own;
      const out: string[] = [];
      for (const f of folders) {
        if (isAbsolute(f)) out.push(resolve(f));
        else if (base !== undefined) out.push(resolve(base, f));
      }
      return out;
    }
    if (this.folders.length > 0) return this.folders;
    return own === undefined ? [] : [own];
  }

  /** Indexes the folders not indexed yet (their subfolders too when `deep`). */
  private ensureIndexed(roots: readonly string[], deep: boolean): void {
    for (const root of roots) {
      if (this.indexed.has(root)) continue;
      const started = process.hrtime.bigint() / 1000n;
      const elu = performance.eventLoopUtilization();
      const job = this.indexFolder(root, deep)
        .catch((e) => this.host.log(`last year's reports: ${root}: ${String(e)}`))
        .finally(() => {
          // GOVREPORT_WS_TIMING=FILE: when the index was made, in the workspace check's timings' clock (µs).
          const timing = process.env.GOVREPORT_WS_TIMING;
          if (timing) appendFileSync(timing, `last year's index of ${root}: ${this.files.size} reports, @${started} to @${process.hrtime.bigint() / 1000n} (main ${Math.round(performance.eventLoopUtilization(elu).active)} ms)\n`);
          this.ready.add(root);
          if (this.ready.size === this.indexed.size) this.learned.clear();
          this.indexReady();
        });
      this.indexed.set(root, job);
    }
  }

  /**
   * An index is ready: the open reports for which it holds a report of the year before, and those
   * still searching (their status then says what was found), are validated again.
   */
  private indexReady(): void {
    const again: string[] = [];
    for (const uri of this.host.openUris()) {
      const o = this.host.open(uri);
      if (!o) continue;
      const id = this.openIdentity(uri, o.text, o.version);
      if (this.states.get(uri)?.state === 'searching' || (id.key !== null && id.year !== null && this.byKey.get(pairKey(id.key, id.year - 1))?.size)) again.push(uri);
    }
    if (again.length > 0) this.host.changed(again);
  }

  /**
   * A report file the workspace check read and identified (a report: its body and year read, or
   * not): what the index takes for it if it comes to it before the file changes (a change on disk
   * reads it again), instead of reading it itself.
   */
  learn(uri: string, id: Identified): void {
    if (!REPORT_FILE.test(uri) || this.ready.size === this.indexed.size) return;
    this.learned.set(uri, id);
  }

  /**
   * Every report file under `root` (its subfolders too when it is a workspace folder): listed,
   * then read and identified by the worker threads when there are (`LastYearHost.identify`), a
   * task at a time, else here, a file at a time.
   */
  private async indexFolder(root: string, deep: boolean): Promise<void> {
    const queue = [root];
    const files: { path: string; uri: string }[] = [];
    while (queue.length > 0 && files.length < MAX_FILES) {
      const dir = queue.shift()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (deep && !e.name.startsWith('.') && e.name !== 'node_modules') queue.push(join(dir, e.name));
          continue;
        }
        if (!e.isFile() || !REPORT_FILE.test(e.name)) continue;
        if (files.length >= MAX_FILES) break;
        const path = join(dir, e.name);
        files.push({ path, uri: pathToFileURL(path).href });
      }
    }
    for (let k = 0; k < files.length; k += IDENTIFY_FILES) {
      const chunk: { path: string; uri: string }[] = [];
      for (const f of files.slice(k, k + IDENTIFY_FILES)) {
        const id = this.learned.get(f.uri);
        if (id) {
          this.learned.delete(f.uri);
          this.setIdentity(f.uri, id);
        } else chunk.push(f);
      }
      if (chunk.length === 0) continue;
      const ids = await this.host.identify?.(chunk, MAX_CHARS, files.length)?.catch(() => undefined);
      if (ids) for (let i = 0; i < chunk.length; i++) this.setIdentity(chunk[i].uri, ids[i]);
      else for (const f of chunk) await this.indexFile(f.uri);
    }
  }

  private async indexFile(uri: string): Promise<void> {
    this.learned.delete(uri);
    const text = await this.read(uri);
    this.setIdentity(uri, text === undefined ? null : identify(text, uri));
  }

  /** `uri`'s identity in the index (null, or no body or year: not in it). */
  private setIdentity(uri: string, id: Identified | null): void {
    this.unindex(uri);
    if (!id || id.key === null || id.year === null) return;
    this.files.set(uri, id);
    const k = pairKey(id.key, id.year);
    let set = this.byKey.get(k);
    if (!set) this.byKey.set(k, (set = new Set()));
    set.add(uri);
  }

  private unindex(uri: string): void {
    const id = this.files.get(uri);
    if (!id) return;
    this.files.delete(uri);
    this.byKey.get(pairKey(id.key!, id.year!))?.delete(uri);
  }

  /** A file on disk changed: indexed again (when its folder is), then its dependents told. */
  private async reindex(uri: string): Promise<void> {
    if (this.indexed.size > 0) await this.indexFile(uri);
    this.notify(uri);
  }

  /** The text of a file on disk, or undefined when it cannot be read as text. */
  private async read(uri: string): Promise<string | undefined> {
    try {
      const bytes = (await readRegularFile(fileURLToPath(uri), { maxBytes: maxEncodedBytes(MAX_CHARS) })).bytes;
      return decode(bytes).text;
    } catch {
      return undefined;
    }
  }

  /**
   * Validates again the open reports that took `uri` as last year's, and those that would take it:
   * of its body, a year later.
   */
  private notify(uri: string): void {
    const again = new Set(this.dependents.get(uri) ?? []);
    const open = this.host.open(uri);
    const id = open ? this.openIdentity(uri, open.text, open.version) : this.files.get(uri);
    if (id && id.key !== null && id.year !== null) {
      const next = pairKey(id.key, id.year + 1);
      for (const other of this.host.openUris()) {
        if (other === uri) continue;
        const o = this.host.open(other);
        if (!o) continue;
        const oid = this.openIdentity(other, o.text, o.version);
        if (oid.key !== null && oid.year !== null && pairKey(oid.key, oid.year) === next) again.add(other);
      }
    }
    if (again.size > 0) this.host.changed([...again]);
  }
}
