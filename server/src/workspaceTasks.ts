// What the workspace check (server/src/workspace.ts) does to a file on disk, in a worker thread
// (server/src/checkWorker.ts) or, when none is there, on the main thread: read it as the CLI reads
// it and identify it for the pairing; check its text. Plain data in, plain data out.
import { createHash } from 'node:crypto';
import type { Diagnostic } from 'vscode-languageserver/node';
import { BinaryFileError, decode, looksLikeReport, maxEncodedBytes, parseReport, type DecodeNote, type Finding, type Locale, type PreviousReport } from '../../core/src';
import { identify, pairReports, type Identified } from '../../core/src/pairing';
import { summaryFacts, type SummaryFacts } from '../../core/src/services/summary';
import { FileSkipped, readRegularFileSync } from '../../host/src/files';
import type { WorkspaceSkipReason } from '../../protocol/src';
import { analyse, countsOf, diagnosticsOf, type Analysis, type Counts } from './analysis';
import type { PositionEncoding } from './positions';
import { analysisKey, type Settings } from './settings';

/**
 * A file read: its text (and the decoder's notes), a skip with its reason, or null (not a report).
 * `onDisk`: read by a worker's read task, which sends its identity only (`text` empty): read it
 * again for its text.
 */
export type ReadResult = { text: string; notes?: readonly DecodeNote[]; id?: Identified; onDisk?: true } | { skip: WorkspaceSkipReason; why: string } | null;

/** What a worker is started with. */
export interface WorkerInit {
  encoding: PositionEncoding;
}

/**
 * A file's text for a check: the text itself (an open document's, one read on the main thread),
 * or where to read it on disk as the read task read it (the worker reads it again: a text read
 * by a worker never crosses to the main thread and back, nor is kept there).
 */
export type TextSource = { text: string; notes?: readonly DecodeNote[] } | { path: string; noFollow: boolean; maxChars: number; en: boolean };

/** A file to check: its text, and last year's report's text when it has one. */
export type CheckItem = TextSource & {
  uri: string;
  previous?: TextSource & { name: string; label: string };
};

/** What a check finds in a file. */
export interface Checked {
  findings: Finding[];
  /** A hash of `diagnostics` (`diagnosticsHash`): the server sends a client what it holds already only once. */
  hash: string;
  /** What the summary view's row needs of the report (null: no report read), made here where it was parsed. */
  facts: SummaryFacts | null;
  diagnostics: Diagnostic[];
  counts: Counts;
}

export type WorkerTask =
  | { type: 'read'; files: { path: string; uri: string; noFollow: boolean }[]; maxChars: number; en: boolean }
  | { type: 'check'; settings: Settings; locale: Locale; files: CheckItem[] }
  /**
   * Reads and identifies these files for last year's reports' index (server/src/lastyear.ts):
   * each one's identity, or null when it is unreadable, not text, or has no body and year.
   */
  | { type: 'identify'; files: { path: string; uri: string }[]; maxChars: number }
  /** Reads and checks these files as a check would, results dropped: warms the thread's engine up (WorkspaceCheck.prewarm). */
  | { type: 'warm'; settings: Settings; locale: Locale; files: { path: string; uri: string }[] };

export function runTask(task: WorkerTask): ReadResult[] | Checked[] | (Identified | null)[] {
  if (task.type === 'identify') {
    // As LastYear reads a file (its own limit, symbolic links followed, any text).
    return task.files.map((f) => {
      let text: string;
      try {
        text = decode(readRegularFileSync(f.path, { maxBytes: maxEncodedBytes(task.maxChars) }).bytes).text;
      } catch {
        return null;
      }
      const id = identify(text, f.uri);
      return id.key !== null && id.year !== null ? id : null;
    });
  }
  if (task.type === 'warm') {
    // As a check does it: read, identified, paired by year among these files, checked (with last year's).
    const key = analysisKey(task.settings);
    const texts: ({ text: string; notes?: readonly DecodeNote[] } | null)[] = [];
    const ids: (Identified | null)[] = [];
    for (const f of task.files) {
      const r = readReportFile(f.path, true, task.settings.maxFileSize, task.locale === 'en');
      const ok = r && 'text' in r ? r : null;
      texts.push(ok);
      ids.push(ok ? identify(ok.text, f.uri) : null);
    }
    const previous = pairReports(ids);
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (!t) continue;
      const p = previous[i] >= 0 ? texts[previous[i]] : null;
      const prev: PreviousReport | undefined = p ? { report: parseReport(p.text), name: task.files[previous[i]].uri, label: task.files[previous[i]].uri } : undefined;
      checkedOf(analyse(task.files[i].uri, null, t.text, task.settings, key, task.locale, t.notes, prev));
    }
    return [];
  }
  if (task.type === 'read') {
    // What the pairing needs (the identity; a skip; not a report), not the text: the check task reads it again.
    return task.files.map((f): ReadResult => {
      const r = readReportFile(f.path, f.noFollow, task.maxChars, task.en);
      if (r && 'text' in r) return { text: '', onDisk: true, id: identify(r.text, f.uri) };
      return r;
    });
  }
  const key = analysisKey(task.settings);
  return task.files.map((f) => {
    const p = f.previous ? textOf(f.previous) : undefined;
    const previous: PreviousReport | undefined = p && f.previous ? { report: parseReport(p.text), name: f.previous.name, label: f.previous.label } : undefined;
    const t = textOf(f);
    // Gone or changed into a non-report since it was read for the pairing: nothing found in it.
    if (!t) return { findings: [], hash: diagnosticsHash([]), facts: null, diagnostics: [], counts: { errors: 0, warnings: 0, infos: 0, hints: 0 } };
    const a = analyse(f.uri, null, t.text, task.settings, key, task.locale, t.notes, previous);
    return checkedOf(a);
  });
}

/** The text of a TextSource (read from disk as the read task read it), or null when it is no longer a report there. */
export function textOf(s: TextSource): { text: string; notes?: readonly DecodeNote[] } | null {
  if ('text' in s) return s;
  const r = readReportFile(s.path, s.noFollow, s.maxChars, s.en);
  return r && 'text' in r ? r : null;
}

export function checkedOf(a: Analysis): Checked {
  const diagnostics = diagnosticsOf(a);
  return { findings: a.findings as Finding[], hash: diagnosticsHash(diagnostics), facts: a.report ? summaryFacts(a.report, a.findings) : null, diagnostics, counts: countsOf(a) };
}

/** A file's diagnostics as a short string that changes when they do (SHA-1 of their JSON). */
export function diagnosticsHash(diagnostics: readonly Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64');
}

/**
 * A file's text as the CLI reads it: a skip with its reason, or null when it is not a report (a
 * text that does not look like one, unless named *.report.txt).
 */
export function readReportFile(path: string, noFollow: boolean, maxChars: number, en: boolean): ReadResult {
  let text: string;
  let notes: readonly DecodeNote[] | undefined;
  try {
    const d = decode(readRegularFileSync(path, { maxBytes: maxEncodedBytes(maxChars), noFollow }).bytes);
    text = d.text;
    if (d.notes.length > 0) notes = d.notes;
  } catch (e) {
    if (e instanceof BinaryFileError) return { skip: 'binary', why: en ? 'not a text file (binary)' : '不是文本文件（二进制）' };
    if (e instanceof FileSkipped) {
      if (e.reason === 'too-large') return { skip: 'too-large', why: en ? `${e.size} bytes or more: over govreport.maxFileSize (${maxChars} characters); not read` : `至少 ${e.size} 字节，超过 govreport.maxFileSize（${maxChars} 个字符），未读取` };
      if (e.reason === 'not-a-regular-file') return { skip: 'not-a-regular-file', why: en ? `not a regular file (${e.detail})` : `不是普通文件（${e.detail}）` };
      return { skip: 'unreadable', why: en ? `cannot read (${e.detail})` : `无法读取（${e.detail}）` };
    }
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { skip: 'unreadable', why: en ? `cannot read (${code})` : `无法读取（${code}）` };
  }
  if (text.length > maxChars) return { skip: 'too-large', why: en ? `${text.length} characters, more than govreport.maxFileSize (${maxChars})` : `${text.length} 个字符，超过 govreport.maxFileSize（${maxChars}）` };
  if (!/\.report\.txt$/i.test(path) && !looksLikeReport(text)) return null;
  return { text, notes };
}
