// The workspace check (govreport/validateWorkspace, issue 18): the server lists the report files
// of the folders with the CLI's walk (host/src/walk.ts), reads them from disk as the CLI does
// (host/src/files.ts, every encoding `decode` reads), pairs them by body and year as the CLI
// pairs a batch (host/src/pairing.ts), checks them and pushes their diagnostics. The work runs in
// slices of a few milliseconds with a turn of the event loop between them, so the open
// documents' own validations (typing) are never held up by more than one slice; $/progress a few
// times a second; cancellable.
//
// The results persist: the server remembers which files the check covered (not their
// diagnostics), so that closing one checks it again from disk instead of clearing it, and files
// created, changed or deleted on disk (workspace/didChangeWatchedFiles) are checked again one by
// one, with the reports that take them as last year's.
import { appendFileSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import { looksLikeReport, parseReport, type Finding, type Locale, type PreviousReport } from '../../core/src';
import { choosePrevious, identify, pairKey, type Identified } from '../../core/src/pairing';
import { summaryFacts, type SummaryFacts } from '../../core/src/services/summary';
import { YearPairs } from '../../host/src/pairing';
import { Pool, WorkerLost } from '../../host/src/pool';
import { walkFolder, type WalkSkip } from '../../host/src/walk';
import { publishedSourceOf, publishedUriOf, type ValidateWorkspaceParams, type ValidateWorkspaceResult, type WorkspaceSkipped, type WorkspaceSkipReason } from '../../protocol/src';
import { analyse, countsOf, diagnosticsOf, type Analysis, type Counts } from './analysis';
import { GlobFilter } from './glob';
import { analysisKey, type Settings } from './settings';
import { checkedOf, readReportFile, runTask, type Checked, type CheckItem, type ReadResult, type WorkerInit, type WorkerTask } from './workspaceTasks';

/** What the workspace check needs from the server. */
export interface WorkspaceHost {
  locale(): Locale;
  /** The workspace folders (URIs) the client announced. */
  folders(): string[];
  /** A folder's settings (asked once per folder and run). */
  settings(folderUri: string): Promise<Settings>;
  /** An open document's text, if it is open (the editor's text wins over the disk's). */
  openText(uri: string): string | undefined;
  /** The counts of an open document's own validation (its diagnostics are its own, not pushed here). */
  openCounts(uri: string): Promise<Counts | undefined>;
  /**
   * Pushes files' diagnostics (empty: clears them), many at once: one govreport/diagnosticsBatch
   * to a client that takes them, else a publishDiagnostics each.
   */
  publish(items: readonly Publication[]): void;
  /**
   * Whether the client holds these diagnostics of `uri` already (`hash`: diagnosticsHash), as the
   * last sent: a check run again does not send them again. Absent: always sent.
   */
  holds?(uri: string, hash: string): boolean;
  /** Whether a validation of an open document is due now (typing): the check lets it go first. */
  busy(): boolean;
  /** Whether an open document changed within the last few hundred milliseconds (someone is typing). */
  typing(): boolean;
  /** The findings of an open document's latest validation, if it has one. */
  openFindings(uri: string): readonly Finding[] | undefined;
  /** A file that matched was not checked: one line in the log. */
  skipped(uri: string, why: string): void;
  /** How cross-year messages name a report file (its path in the workspace). */
  label(uri: string): string;
  /**
   * Converts a published file (a file: URI of a PDF, .docx or web page) as Open as Report does,
   * within the same bounds; or says why it is not read.
   */
  convert(fileUri: string): Promise<PublishedDoc | { skip: WorkspaceSkipReason; why: string }>;
  /**
   * The worker threads that read and check the files on disk (server/src/checkWorker.ts): its
   * script, how many, what each starts with; undefined or 0 threads: the main thread does it.
   */
  workers?(): { script: string; threads: number; init: WorkerInit; minFiles: number } | undefined;
  /**
   * A text file on disk the check read and identified (not an open document's text): last year's
   * reports' index takes it instead of reading the file again (LastYear.learn).
   */
  identified?(uri: string, id: Identified): void;
}

/** A file's diagnostics to send, with their hash (diagnosticsHash) when known. */
export type Publication = readonly [uri: string, diagnostics: Diagnostic[], hash?: string];

export interface Progress {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
  /** Cancelled from the progress' own cancel button (server-created tokens). */
  readonly token?: CancellationToken;
}

/**
 * Default glob of the files checked: what the CLI reads in a folder (text; PDF, Word .docx and
 * web pages through the readers). Also what the server asks the client to watch.
 */
export const DEFAULT_INCLUDE = '**/*.{txt,pdf,docx,html,htm}';
export const WATCH_GLOB = DEFAULT_INCLUDE;
/** Published files: converted as Open as Report converts them, diagnostics on that read-only document. */
const PUBLISHED_NAME = /\.(pdf|docx|html?)$/i;
/** Old Word formats: listed as not read where .docx files are looked for (as the CLI lists them). */
const OLD_WORD_NAME = /\.(doc|wps)$/i;

/** A published file on disk converted (host.convert). */
export interface PublishedDoc {
  /** Its read-only document's URI (govreport-published:): where its diagnostics go. */
  uri: string;
  /** The text the engine checks (the document's, its header line blanked). */
  checked: string;
  /** Finishes an analysis of `checked`: page and cell locations in messages, the reader's notes. */
  finish(a: Analysis): void;
}
/** Longest stretch of work between two turns of the event loop (ms). */
const SLICE_MS = 8;
/**
 * Shortest time between two progress reports (ms); while someone types in an open document, this
 * long (each report is work for the workbench, which an edit waits for).
 */
const PROGRESS_MS = 200;
const PROGRESS_TYPING_MS = 1000;
/**
 * Diagnostics found are sent at the end of a slice once this long has passed since the last
 * sending (ms), or this many files are waiting: a few batches a second, not one message a file.
 */
const PUBLISH_MS = 100;
const PUBLISH_FILES = 250;
/**
 * While someone types in an open document, the diagnostics found are held (the check goes on),
 * at most this long (ms) between two batches; what is held goes as soon as the typing pauses, or
 * in one batch when the check ends. Every batch costs the editor (VS Code's extension host
 * converts it, its workbench updates the markers of each file) time taken from the typing, and
 * each costs at least one edit a pause: few batches while typing, not small ones (measured with
 * 10,000 reports, typing p95 during the run: a batch of 250 at most every second 1.1 s, every
 * 4 s 0.2-1.4 s, only at the end 0.16 s; bench:e2e).
 */
const MAX_HOLD_MS = 30_000;
/** Files of the batch sent when a hold ends while someone still types (what was held, up to this). */
const HELD_FILES = 10_000;
/** Turns of the event loop given to the open documents' validations before a slice (at most). */
const YIELD_TURNS = 8;
/** Characters of text kept between pairing and checking (beyond, a file is read again), as the CLI. */
const KEPT_CHARS = 50_000_000;
/** Changes on disk gathered this long before they are checked (ms): a burst is one batch. */
const WATCH_DELAY_MS = 50;

/** A folder the check covered: what files of it are in scope, with which settings. */
interface Scope {
  uri: string;
  path: string;
  filter: GlobFilter;
  settings: Settings;
}

/** A file the check covered and found a report. */
interface Covered {
  scope: Scope;
  id: Identified;
  /** What the check found in it (on disk; an open document's own validation supersedes it). */
  findings: readonly Finding[];
  /** What its row in the summary view needs of its text, made with these findings (server/src/summary.ts). */
  facts?: SummaryFacts | null;
}

/**
 * One file of the workspace check's latest results (`WorkspaceCheck.results`): for the batch
 * summary view. Read-only: the objects are the check's own, not copies.
 */
export interface WorkspaceFileResult {
  uri: string;
  /** The report's identity as pairing reads it: its body (normalised issuer) and year, when read. */
  report: { body: string | null; year: number | null };
  /** What the engine found (offsets into the file's text); the open document's when it is open. */
  findings: readonly Finding[];
  /** Whether the file is open in the editor (its findings are then of the editor's text). */
  open: boolean;
  /** The few fields of its text a summary row needs, made with these findings (closed files). */
  facts?: SummaryFacts;
}

type Read = (ReadResult & { doc?: PublishedDoc }) | null;

/** Files of one read task of a worker (read, decoded, identified). */
const READ_FILES = 16;
/** Files of one check task of a worker. */
const CHECK_FILES = 8;
/** Tasks sent ahead to each worker (read tasks, check tasks), so that none waits for the main thread. */
const TASKS_AHEAD = 4;
/** Idle workers are stopped after this long (ms): the next run starts them again. */
const POOL_IDLE_MS = 5 * 60_000;
/**
 * Warming the workers up (`prewarm`): the files of the folders' walk looked at (at most), the
 * time the walk may take (ms, in slices), the files each round reads and checks, and the rounds.
 * A worker's first hundred or so reports cost it several times the later ones (ARCHITECTURE.md),
 * and the next few hundred still more: after 10 rounds a first check of 1,000 reports took the
 * worker 1.5-1.7× the CPU time of the second, after 40 rounds 1.2-1.3×.
 */
const WARM_LOOK_FILES = 100;
const WARM_WALK_MS = 200;
const WARM_FILES = 24;
const WARM_ROUNDS = 40;

/**
 * GOVREPORT_WS_TIMING=FILE: each run appends one line to FILE with each phase's wall time and the
 * main thread's busy time in it (event loop utilisation), in ms (benchmarks: bench/workspace.ts).
 */
class PhaseTiming {
  private readonly file = process.env.GOVREPORT_WS_TIMING;
  private last = performance.now();
  private readonly start = process.hrtime.bigint() / 1000n;
  private elu = performance.eventLoopUtilization();
  private readonly parts: string[] = [];
  mark(phase: string): void {
    if (!this.file) return;
    const now = performance.now();
    const e = performance.eventLoopUtilization(this.elu);
    this.parts.push(`${phase} ${Math.round(now - this.last)} (main ${Math.round(e.active)}) @${process.hrtime.bigint() / 1000n}`);
    this.last = now;
    this.elu = performance.eventLoopUtilization();
  }
  log(files: number): void {
    if (this.file) appendFileSync(this.file, `${files} files: @${this.start} ${this.parts.join(', ')}\n`);
  }
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class WorkspaceCheck {
  /** Folders covered by the last check (by URI): changes on disk under them are followed. */
  private readonly scopes = new Map<string, Scope>();
  /** The report files the checks covered, by URI. */
  private readonly covered = new Map<string, Covered>();
  /** The covered reports by pair key (body and year). */
  private readonly byKey = new Map<string, Set<string>>();
  /** Changes on disk waiting to be checked. */
  private readonly queued = new Set<string>();
  private queueTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  /** The run under way (a new one cancels it). */
  private running: { cancel: () => void; done: Promise<unknown> } | undefined;
  /** The worker threads (kept between runs: a warm engine checks a file in half the time). */
  private pool: Pool<WorkerTask, unknown> | undefined;
  private poolTimer: NodeJS.Timeout | undefined;

  constructor(private readonly host: WorkspaceHost) {}

  /** The worker threads for a run (started if needed), or undefined: the main thread works alone. */
  private workers(files: number): Pool<WorkerTask, unknown> | undefined {
    if (this.poolTimer) clearTimeout(this.poolTimer);
    this.poolTimer = undefined;
    const w = this.host.workers?.();
    // A few files: the main thread checks them sooner than a cold worker starts.
    if (!w || w.threads <= 0 || files < w.minFiles) return undefined;
    if (this.pool && this.pool.size > 0) return this.pool;
    void this.pool?.close();
    this.pool = undefined;
    const pool = new Pool<WorkerTask, unknown>(w.script, w.threads, w.init);
    if (pool.size === 0) return undefined;
    pool.unref();
    return (this.pool = pool);
  }

  /**
   * Starts the worker threads ahead of a workspace check and warms their engines up, when the
   * folders hold enough text files for a check to use them (the server calls it once, while idle
   * after it starts): each worker reads and checks a few of the folders' files, a few rounds, the
   * results dropped. A first check then finds them started and warm (a cold worker: started in
   * 0.1-1 s, its first hundred reports several times slower). Off the main thread; stops between
   * rounds when a check starts (which takes the workers over). Stopped after POOL_IDLE_MS unused,
   * as after a check. Resolves with whether it warmed them (also in `warmed`).
   */
  async prewarm(): Promise<boolean> {
    // Workers started for last year's index (`identify`) are warmed up too; after a check, not.
    if (this.checked || this.running || this.warming) return false;
    const w = this.host.workers?.();
    if (!w || w.threads <= 0) return false;
    this.warming = true;
    let warmed = false;
    try {
      // The folders' first text files, as a check lists them (a few folders' listings at most).
      const files: { path: string; uri: string }[] = [];
      const t0 = performance.now();
      let slice = t0;
      let folder: string | undefined;
      for (const uri of this.host.folders()) {
        let path: string;
        try {
          path = fileURLToPath(uri);
        } catch {
          continue;
        }
        folder ??= uri;
        const walk = walkFolder(path, { follow: false, accept: (_p, name) => /\.txt$/i.test(name) }, { file: (p) => void files.push({ path: p, uri: pathToFileURL(p).href }), skip: () => undefined, problem: () => undefined });
        for (const _ of walk) {
          if (files.length >= WARM_LOOK_FILES || performance.now() - t0 > WARM_WALK_MS || this.running) break;
          if (performance.now() - slice >= SLICE_MS) {
            await turn();
            slice = performance.now();
          }
        }
        if (files.length >= WARM_LOOK_FILES || performance.now() - t0 > WARM_WALK_MS) break;
      }
      // Fewer files than a check uses workers for (or a check started): nothing to warm.
      if (folder === undefined || files.length < Math.max(w.minFiles, 1) || this.running) return false;
      const settings = await this.host.settings(folder);
      if (this.running || this.checked) return false;
      const pool = this.workers(files.length);
      if (!pool) return false;
      const locale = this.host.locale();
      const sample = files.slice(0, WARM_FILES);
      // (Read through a function: a check may start, or the pool stop, during the awaits.)
      const taken = () => this.running !== undefined || this.pool !== pool;
      for (let round = 0; round < WARM_ROUNDS && !taken(); round++) {
        // One task a worker a round (the pool gives each task to the least busy worker).
        await Promise.all(Array.from({ length: pool.size }, () => pool.run({ type: 'warm', settings, locale, files: sample }).catch(() => undefined)));
      }
      return (warmed = true);
    } finally {
      this.warming = false;
      this.warmed = warmed;
      if (!this.running) this.releaseWorkers();
    }
  }
  private warming = false;
  /** Whether a check has run (its workers are warm). */
  private checked = false;

  /**
   * Reads and identifies files for last year's reports' index (server/src/lastyear.ts) on the
   * worker threads (started if needed, when the index holds enough files for a check to use
   * them), off the main thread; undefined: no workers, the caller reads them itself.
   */
  identify(files: readonly { path: string; uri: string }[], maxChars: number, total: number): Promise<(Identified | null)[]> | undefined {
    const pool = this.pool && this.pool.size > 0 ? this.pool : this.workers(total);
    if (!pool) return undefined;
    const task = pool.run({ type: 'identify', files: [...files], maxChars }) as Promise<(Identified | null)[]>;
    return task.finally(() => {
      if (!this.running && !this.warming) this.releaseWorkers();
    });
  }
  /** Whether `prewarm` warmed workers up; undefined until one has finished (govreport/debug/stats). */
  warmed: boolean | undefined;

  /** Live worker threads (govreport/debug/stats). */
  get workerCount(): number {
    return this.pool?.size ?? 0;
  }

  /** The run is over: the workers stop if no run needs them for a while. */
  private releaseWorkers(): void {
    if (!this.pool) return;
    if (this.poolTimer) clearTimeout(this.poolTimer);
    this.poolTimer = setTimeout(() => this.dispose(), POOL_IDLE_MS);
    this.poolTimer.unref();
  }

  /** Stops the worker threads. */
  dispose(): void {
    if (this.poolTimer) clearTimeout(this.poolTimer);
    this.poolTimer = undefined;
    void this.pool?.close();
    this.pool = undefined;
  }

  /** Whether a workspace check covered `uri` (its diagnostics are then kept when it is closed). */
  covers(uri: string): boolean {
    return this.covered.has(uri);
  }

  /**
   * The latest results of the workspace checks, one entry per report file they covered (files
   * changed on disk since: as checked again), in no particular order. For the batch summary view:
   * read it when a check ends (`run` resolved) or on demand; it reflects the files' state when
   * they were last checked, and an open file's own latest validation. Nothing is copied: do not
   * change what it yields. Files skipped or not reports are not in it (the run's answer lists
   * the skipped ones).
   */
  *results(): IterableIterator<WorkspaceFileResult> {
    for (const [uri, c] of this.covered) {
      const live = this.host.openFindings(uri);
      yield { uri, report: { body: c.id.key, year: c.id.year }, findings: live ?? c.findings, open: live !== undefined, facts: live ? undefined : (c.facts ?? undefined) };
    }
  }

  // -------------------------------------------------------------------------------------------
  // The check of every file

  async run(params: ValidateWorkspaceParams, token: CancellationToken, progress: Progress): Promise<ValidateWorkspaceResult> {
    // One run at a time: a new one takes over from one under way.
    if (this.running) {
      this.running.cancel();
      await this.running.done.catch(() => undefined);
    }
    let cancelledHere = false;
    const cancelled = () => cancelledHere || token.isCancellationRequested || progress.token?.isCancellationRequested === true;
    const work = this.runAll(params, cancelled, progress);
    const me = { cancel: () => (cancelledHere = true), done: work };
    this.running = me;
    try {
      return await work;
    } finally {
      if (this.running === me) this.running = undefined;
    }
  }

  private async runAll(params: ValidateWorkspaceParams, cancelled: () => boolean, progress: Progress): Promise<ValidateWorkspaceResult> {
    const t0 = performance.now();
    this.checked = true;
    const timing = new PhaseTiming();
    const en = this.host.locale() === 'en';
    const result: ValidateWorkspaceResult = { files: 0, reports: 0, errors: 0, warnings: 0, infos: 0, hints: 0, skipped: [], cancelled: false, elapsedMs: 0 };
    progress.begin(en ? 'Validating reports in the workspace' : '正在检查工作区中的年报', 0, en ? 'listing files' : '正在列出文件', true);
    let sliceStart = performance.now();
    let lastReport = sliceStart;
    let lastPublish = sliceStart;
    let pendingPublish: Publication[] = [];
    /** A file's diagnostics found: to send, unless the client holds them already. */
    const found = (uri: string, c: Checked) => {
      if (!this.host.holds?.(uri, c.hash)) pendingPublish.push([uri, c.diagnostics, c.hash]);
    };
    /**
     * Sends the diagnostics found (`all`: every one; else one batch of PUBLISH_FILES at most, or
     * of HELD_FILES when someone types: a hold has just ended).
     */
    const flush = (all = false) => {
      lastPublish = performance.now();
      if (pendingPublish.length === 0) return;
      const n = all ? pendingPublish.length : Math.min(this.host.typing() ? HELD_FILES : PUBLISH_FILES, pendingPublish.length);
      this.host.publish(pendingPublish.length === n ? pendingPublish : pendingPublish.slice(0, n));
      pendingPublish = pendingPublish.length === n ? [] : pendingPublish.slice(n);
    };
    /** Whether a batch is held back: someone types, and the last batch went less than MAX_HOLD_MS ago. */
    const held = (now: number) => this.host.typing() && now - lastPublish < MAX_HOLD_MS;
    /**
     * Ends the slice when it is long enough: sends what it found when a batch is due, lets the
     * open documents' validations (typing) run first, then other work (a turn of the event loop).
     */
    const pace = async (done: number, total: number, phase: string) => {
      const now = performance.now();
      if (now - sliceStart < SLICE_MS) return;
      if ((now - lastPublish >= PUBLISH_MS || pendingPublish.length >= PUBLISH_FILES) && !held(now)) flush();
      if (now - lastReport >= (this.host.typing() ? PROGRESS_TYPING_MS : PROGRESS_MS)) {
        lastReport = now;
        progress.report(total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0, `${phase} ${done}/${total}`);
      }
      await turn();
      for (let k = 0; k < YIELD_TURNS && this.host.busy(); k++) await turn();
      sliceStart = performance.now();
    };

    try {
      // The folders and their settings (once per folder).
      const folderUris = params.folders.length > 0 ? params.folders : this.host.folders();
      const include = params.include ?? DEFAULT_INCLUDE;
      const scopes: Scope[] = [];
      for (const uri of folderUris) {
        let path: string;
        try {
          path = fileURLToPath(uri);
        } catch {
          continue; // not on disk: nothing to list
        }
        scopes.push({ uri, path, filter: new GlobFilter(include, params.exclude), settings: await this.host.settings(uri) });
      }

      // 1. The files, as the CLI's walk lists them (a file under two folders once).
      const files: { uri: string; path: string; noFollow: boolean; scope: Scope }[] = [];
      const seen = new Set<string>();
      const skip = (uri: string, reason: WorkspaceSkipReason, why: string) => {
        result.skipped.push({ uri, reason, message: why });
        this.host.skipped(uri, why);
      };
      for (const scope of scopes) {
        const rel = (p: string) => p.slice(scope.path.length + 1).split(sep).join('/');
        const walk = walkFolder(
          scope.path,
          {
            follow: false,
            accept: (p) => scope.filter.file(rel(p)),
            enter: (p) => scope.filter.folder(rel(p)),
            unsupported: (p, name) => OLD_WORD_NAME.test(name) && scope.filter.file(rel(p).replace(OLD_WORD_NAME, '.docx')),
          },
          {
            file: (path, noFollow, key) => {
              const k = key ?? path;
              if (seen.has(k)) return;
              seen.add(k);
              files.push({ uri: pathToFileURL(path).href, path, noFollow, scope });
            },
            skip: (path, s) => {
              if (seen.has(path)) return;
              seen.add(path);
              result.files++;
              skip(pathToFileURL(path).href, s.reason, walkSkipText(s, en));
            },
            problem: (path, err) => this.host.skipped(pathToFileURL(path).href, (err as NodeJS.ErrnoException).code ?? String(err)),
          },
        );
        for (const _ of walk) {
          if (cancelled()) break;
          await pace(0, 0, en ? 'listing' : '列出');
        }
      }
      result.files += files.length;
      const n = files.length;
      timing.mark('list');

      // 2. Read each file once (kept for its check while the batch stays under KEPT_CHARS),
      //    identify the reports, pair them by body and year. Text files are read and identified
      //    by the worker threads when there are some, a few tasks ahead of the pairing.
      const pool = n > 0 ? this.workers(n) : undefined;
      const threads = pool?.size ?? 0;
      const readTasks: Promise<Read[]>[] = [];
      const readByWorker = (i: number): Promise<Read> => {
        const k = Math.floor(i / READ_FILES);
        for (let j = readTasks.length; j <= k + TASKS_AHEAD * threads && j * READ_FILES < n; j++) {
          const chunk = files.slice(j * READ_FILES, (j + 1) * READ_FILES);
          // Files of one folder's settings together (a chunk crossing two folders: the smaller limit; the larger is checked again below).
          const maxChars = Math.min(...chunk.map((f) => f.scope.settings.maxFileSize));
          const t = pool!.run({ type: 'read', files: chunk.map((f) => ({ path: f.path, uri: f.uri, noFollow: f.noFollow })), maxChars, en }) as Promise<Read[]>;
          t.catch(() => undefined); // awaited below; a lost one is read here
          readTasks.push(t);
        }
        return readTasks[k].then(
          (rs) => rs[i - k * READ_FILES],
          () => this.readFile(files[i].uri, files[i].path, files[i].noFollow, files[i].scope.settings.maxFileSize, en),
        );
      };
      const state: (Read | undefined)[] = new Array(n);
      let keptChars = 0;
      const readOnce = async (i: number): Promise<Read> => {
        const s = state[i];
        if (s !== undefined) return s;
        const f = files[i];
        const maxChars = f.scope.settings.maxFileSize;
        let r: Read;
        if (PUBLISHED_NAME.test(f.path)) r = await this.readPublished(f.uri);
        else if (!pool || this.host.openText(f.uri) !== undefined) r = this.readFile(f.uri, f.path, f.noFollow, maxChars, en);
        else {
          r = await readByWorker(i);
          // Read with a smaller folder's limit: read again with its own.
          if (r && 'skip' in r && r.skip === 'too-large') r = this.readFile(f.uri, f.path, f.noFollow, maxChars, en);
          // Opened while it was read: the editor's text wins.
          if (this.host.openText(f.uri) !== undefined) r = this.readFile(f.uri, f.path, f.noFollow, maxChars, en);
        }
        if (r && 'skip' in r) {
          skip(f.uri, r.skip, r.why);
          state[i] = r;
          return r;
        }
        if (r === null) {
          state[i] = null;
          return null;
        }
        if (r.onDisk || (keptChars += r.text.length) <= KEPT_CHARS) state[i] = r;
        return r;
      };
      /** A file read by a worker for the pairing (its identity only): its text, read here. */
      const withText = (i: number, r: Read): Read => (r && 'text' in r && r.onDisk ? this.readFile(files[i].uri, files[i].path, files[i].noFollow, files[i].scope.settings.maxFileSize, en) : r);
      let readCount = 0;
      let paired = false;
      const read = async (i: number): Promise<{ text: string; converted: boolean; id?: Identified } | null> => {
        if (cancelled()) return null;
        if (!paired) {
          await pace(readCount, n, en ? 'reading' : '读取');
          readCount++;
        }
        // Pairing needs the identity (a worker's read gives no text); last year's report, its text.
        const r = paired ? withText(i, await readOnce(i)) : await readOnce(i);
        return r && 'text' in r ? { text: r.text, converted: false, id: r.id } : null;
      };
      const pairs = await YearPairs.of(files.map((f) => f.uri), files.map((f) => f.uri), read);
      paired = true;
      // Files that are some file's last year's: their text is kept for that file's check.
      const wanted = new Set<number>();
      for (let i = 0; i < n; i++) if (pairs.previousIndex[i] >= 0) wanted.add(pairs.previousIndex[i]);
      timing.mark('read+pair');

      // 3. Check them in order, pushing each one's diagnostics (in batches, at the end of a slice).
      //    Text files not open go to the worker threads (CHECK_FILES a task, a few tasks ahead);
      //    their results are taken in order; a task whose worker died is done here.
      const add = (c: Counts) => {
        result.errors += c.errors;
        result.warnings += c.warnings;
        result.infos += c.infos;
        result.hints += c.hints;
      };
      const locale = this.host.locale();
      type Sent = { scope: Scope; items: CheckItem[]; ids: Identified[]; task: Promise<Checked[]> };
      const inFlight: Sent[] = [];
      let batch: { scope: Scope; items: CheckItem[]; ids: Identified[] } | undefined;
      const send = () => {
        if (!batch) return;
        const b = batch;
        batch = undefined;
        const task = pool!.run({ type: 'check', settings: b.scope.settings, locale, files: b.items }) as Promise<Checked[]>;
        task.catch(() => undefined); // taken in order below (or dropped when cancelled)
        inFlight.push({ ...b, task });
      };
      const take = async (s: Sent) => {
        let checked: Checked[];
        try {
          checked = await s.task;
        } catch (e) {
          if (!(e instanceof WorkerLost)) throw e;
          // Its worker died (or could not do it): done here.
          checked = s.items.map((it) => runTask({ type: 'check', settings: s.scope.settings, locale, files: [it] })[0] as Checked);
        }
        for (let k = 0; k < s.items.length; k++) {
          const c = checked[k];
          found(s.items[k].uri, c);
          this.remember(s.items[k].uri, s.scope, s.ids[k], c.findings, c.facts);
          add(c.counts);
        }
      };
      let taken = 0;
      for (let i = 0; i < n; i++) {
        if (cancelled()) break;
        await pace(taken, n, en ? 'checking' : '检查');
        const f = files[i];
        let r = await readOnce(i);
        if (!wanted.has(i)) state[i] = null; // its text is not needed any more
        if (!r || 'skip' in r) continue;
        const id = r.id ?? identify(r.text, f.uri);
        // Where its diagnostics go: the file, or a published file's read-only document.
        const uri = r.doc?.uri ?? f.uri;
        if (!r.doc && this.host.openText(uri) === undefined) this.host.identified?.(uri, id);
        result.reports++;
        const settings = f.scope.settings;
        if (pool && !r.doc && this.host.openText(uri) === undefined) {
          // To a worker, with last year's text when it has one.
          let previous: CheckItem['previous'];
          const p = pairs.previousIndex[i];
          if (settings.lastYear && p >= 0) {
            const pr = await readOnce(p);
            const fp = files[p];
            if (pr && 'text' in pr) previous = { ...(pr.onDisk ? { path: fp.path, noFollow: fp.noFollow, maxChars: fp.scope.settings.maxFileSize, en } : { text: pr.text }), name: fp.uri, label: this.host.label(fp.uri) };
          }
          if (batch && (batch.scope !== f.scope || batch.items.length >= CHECK_FILES)) send();
          batch ??= { scope: f.scope, items: [], ids: [] };
          batch.items.push({ ...(r.onDisk ? { path: f.path, noFollow: f.noFollow, maxChars: settings.maxFileSize, en } : { text: r.text, notes: r.notes }), uri, previous });
          batch.ids.push(id);
          if (batch.items.length >= CHECK_FILES) send();
          while (inFlight.length > TASKS_AHEAD * threads && !cancelled()) {
            await take(inFlight.shift()!);
            taken += CHECK_FILES;
          }
          continue;
        }
        taken++;
        // Read by a worker, opened since (or its worker lost): its text read here.
        if (r.onDisk) {
          const t = withText(i, r);
          if (!t || 'skip' in t) continue;
          r = t;
        }
        let counts: Counts | undefined;
        let findings: readonly Finding[] = [];
        let facts: SummaryFacts | null = null;
        if (this.host.openText(uri) !== undefined) {
          // An open report's diagnostics are its own validation's (of the editor's text).
          counts = await this.host.openCounts(uri);
        }
        if (!counts) {
          const prev = settings.lastYear && pairs.has(i) ? await pairs.previousFor(i) : undefined;
          const previous: PreviousReport | undefined = prev ? { report: prev.report, name: prev.name, label: this.host.label(prev.name) } : undefined;
          const a = analyse(uri, null, r.text, settings, analysisKey(settings), locale, r.notes, previous);
          r.doc?.finish(a);
          if (a.report) pairs.checked(i, a.report, r.doc !== undefined);
          const c = checkedOf(a);
          found(uri, c);
          counts = c.counts;
          findings = c.findings;
          facts = c.facts;
        }
        this.remember(uri, f.scope, id, findings, facts);
        add(counts);
      }
      send();
      while (inFlight.length > 0 && !cancelled()) {
        await take(inFlight.shift()!);
        await pace(n, n, en ? 'checking' : '检查');
      }
      timing.mark('check');
      // What is left (every diagnostic is sent before the answer): while someone types, in one
      // batch, not held (one pause of the editor, the results complete); else a batch at a time.
      while (pendingPublish.length > 0 && !cancelled()) {
        flush(this.host.typing());
        await turn();
      }
      for (const s of scopes) this.scopes.set(s.uri, s);
      result.cancelled = cancelled();
      result.elapsedMs = Math.round(performance.now() - t0);
      timing.mark('publish');
      timing.log(n);
      return result;
    } finally {
      flush(true);
      progress.done();
      this.releaseWorkers();
    }
  }

  /**
   * A file's text as the CLI reads it (or the open document's): a skip with its reason, or null
   * when it is not a report (a text that does not look like one, unless named *.report.txt).
   */
  private readFile(uri: string, path: string, noFollow: boolean, maxChars: number, en: boolean): Read {
    const open = this.host.openText(uri);
    if (open !== undefined) return { text: open };
    return readReportFile(path, noFollow, maxChars, en);
  }

  /** A published file converted (a skip with its reason when it cannot be); null when it is not a report. */
  private async readPublished(fileUri: string): Promise<Read> {
    const d = await this.host.convert(fileUri);
    if ('skip' in d) return d;
    if (!looksLikeReport(d.checked)) return null;
    return { text: d.checked, doc: d };
  }

  private remember(uri: string, scope: Scope, id: Identified, findings: readonly Finding[], facts: SummaryFacts | null = null): void {
    this.forget(uri);
    this.covered.set(uri, { scope, id, findings, facts });
    if (id.key !== null && id.year !== null) {
      const k = pairKey(id.key, id.year);
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(uri);
    }
  }

  private forget(uri: string): Covered | undefined {
    const c = this.covered.get(uri);
    if (!c) return undefined;
    this.covered.delete(uri);
    if (c.id.key !== null && c.id.year !== null) this.byKey.get(pairKey(c.id.key, c.id.year))?.delete(uri);
    return c;
  }

  // -------------------------------------------------------------------------------------------
  // Keeping the results: closed files, changes on disk

  /**
   * An open document was closed: when the check covered it, it is checked again from disk (its
   * diagnostics become the file's, not nothing). Whether it was (the caller then clears nothing).
   */
  closed(uri: string): boolean {
    if (!this.covered.has(uri)) return false;
    this.enqueue(publishedSourceOf(uri) ?? uri);
    return true;
  }

  /**
   * Files created, changed or deleted on disk: those in a checked folder's scope are checked
   * again. A folder deleted (or renamed away: the watcher tells of the folder alone, not of the
   * files in it) takes the results of the files under it: they are checked again, and gone.
   */
  changedOnDisk(uris: string[]): void {
    let folders: string[] | undefined;
    for (const uri of uris) {
      if (this.covered.has(uri) || this.scopeOf(uri)) this.enqueue(uri);
      else (folders ??= []).push(uri.endsWith('/') ? uri : `${uri}/`);
    }
    if (!folders) return;
    for (const covered of this.covered.keys()) {
      const file = publishedSourceOf(covered) ?? covered;
      if (folders.some((f) => file.startsWith(f))) this.enqueue(file);
    }
  }

  /** The scope of a checked folder that takes `uri` (its globs, no dot folder nor node_modules on the way). */
  private scopeOf(uri: string): Scope | undefined {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    for (const s of this.scopes.values()) {
      if (!path.startsWith(s.path + sep)) continue;
      const parts = path.slice(s.path.length + 1).split(sep);
      let ok = true;
      for (let k = 0; k < parts.length - 1 && ok; k++) {
        if (parts[k].startsWith('.') || parts[k] === 'node_modules' || !s.filter.folder(parts.slice(0, k + 1).join('/'))) ok = false;
      }
      if (ok && s.filter.file(parts.join('/'))) return s;
    }
    return undefined;
  }

  private enqueue(uri: string): void {
    this.queued.add(uri);
    if (this.queueTimer) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = undefined;
      if (!this.draining) this.draining = this.drain().finally(() => (this.draining = undefined));
    }, WATCH_DELAY_MS);
  }

  /** Waits until the changes on disk queued so far are checked (tests, the end of a run). */
  async settled(): Promise<void> {
    while (this.queueTimer || this.draining) {
      if (this.draining) await this.draining;
      else await new Promise((r) => setTimeout(r, WATCH_DELAY_MS));
    }
  }

  private async drain(): Promise<void> {
    const en = this.host.locale() === 'en';
    let sliceStart = performance.now();
    // By URI: a file checked twice before a flush (a dependent) sends its latest diagnostics.
    const out = new Map<string, Diagnostic[]>();
    const flush = () => {
      if (out.size === 0) return;
      this.host.publish([...out]);
      out.clear();
    };
    try {
      while (this.queued.size > 0) {
        const batch = [...this.queued];
        this.queued.clear();
        for (const uri of batch) {
          if (performance.now() - sliceStart >= SLICE_MS) {
            flush();
            await turn();
            for (let k = 0; k < YIELD_TURNS && this.host.busy(); k++) await turn();
            sliceStart = performance.now();
          }
          try {
            await this.recheck(uri, en, out);
          } catch (e) {
            this.host.skipped(uri, String(e));
          }
        }
      }
    } finally {
      flush();
    }
  }

  /**
   * Checks one file (a file: URI) again from disk (an open one is left to its own validation);
   * its diagnostics go to `out` (a published file's: its read-only document's).
   */
  private async recheck(fileUri: string, en: boolean, out: Map<string, Diagnostic[]>): Promise<void> {
    const published = PUBLISHED_NAME.test(fileUri);
    const uri = published ? (publishedUriOf(fileUri) ?? fileUri) : fileUri;
    const before = this.covered.get(uri)?.id;
    // The reports that take it as last year's, before and after the change, are checked again
    // (in the next round: they do not cascade further).
    const dependents = (id: Identified | undefined) => {
      if (id) for (const d of this.dependentsOfId(id)) if (d !== uri) this.queued.add(d);
    };
    if (this.host.openText(uri) !== undefined) {
      // An open report shows its own validation; its dependents read its editor text.
      dependents(before);
      return;
    }
    const scope = this.covered.get(uri)?.scope ?? this.scopeOf(fileUri);
    if (!scope) return;
    let path: string;
    try {
      path = fileURLToPath(fileUri);
    } catch {
      return;
    }
    const r = published ? await this.readPublished(fileUri) : this.readFile(uri, path, false, scope.settings.maxFileSize, en);
    if (!r || 'skip' in r) {
      // Gone, unreadable, no longer a report: nothing of it stays.
      this.forget(uri);
      if (r && !(r.skip === 'unreadable' && /ENOENT/.test(r.why))) this.host.skipped(uri, r.why);
      out.set(uri, []);
      dependents(before);
      return;
    }
    const id = identify(r.text, fileUri);
    this.remember(uri, scope, id, []);
    const previous = scope.settings.lastYear ? await this.previousOf(uri, id) : undefined;
    const a = analyse(uri, null, r.text, scope.settings, analysisKey(scope.settings), this.host.locale(), r.notes, previous);
    r.doc?.finish(a);
    this.covered.get(uri)!.findings = a.findings;
    this.covered.get(uri)!.facts = a.report ? summaryFacts(a.report, a.findings) : null;
    out.set(uri, diagnosticsOf(a));
    dependents(before);
    dependents(id);
  }

  private dependentsOfId(id: Identified): string[] {
    if (id.key === null || id.year === null) return [];
    return [...(this.byKey.get(pairKey(id.key, id.year + 1)) ?? [])];
  }

  /** Last year's report of a covered file, among the covered reports (as the batch pairs them). */
  private async previousOf(uri: string, id: Identified): Promise<PreviousReport | undefined> {
    if (id.key === null || id.year === null) return undefined;
    const candidates = [...(this.byKey.get(pairKey(id.key, id.year - 1)) ?? [])].filter((u) => u !== uri);
    if (candidates.length === 0) return undefined;
    const ids = candidates.map((u) => this.covered.get(u)!.id);
    const k = choosePrevious(id, ids.map((_, i) => i), ids);
    if (k < 0) return undefined;
    const prev = candidates[k];
    const source = publishedSourceOf(prev);
    let text = source ? undefined : this.host.openText(prev);
    if (text === undefined) {
      const c = this.covered.get(prev)!;
      const r = source ? await this.readPublished(source) : this.readFile(prev, fileURLToPath(prev), false, c.scope.settings.maxFileSize, this.host.locale() === 'en');
      if (!r || 'skip' in r) return undefined;
      text = r.text;
    }
    return { report: parseReport(text), name: prev, label: this.host.label(prev) };
  }
}

function walkSkipText(s: WalkSkip, en: boolean): string {
  switch (s.reason) {
    case 'not-a-regular-file':
      return s.detail === 'symbolic-link-not-followed' ? (en ? 'symbolic link, not followed' : '符号链接，未跟随') : en ? `not a regular file (${s.detail})` : `不是普通文件（${s.detail}）`;
    case 'unreadable':
      return en ? `cannot read (${s.detail})` : `无法读取（${s.detail}）`;
    case 'unsupported-format':
      return en ? 'a format not read here' : '不支持的格式';
  }
}

export type { WorkspaceSkipped };
