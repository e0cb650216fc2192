// What the workspace check (server/src/workspace.ts) does to a file on disk, in a worker thread
// (server/src/checkWorker.ts) or, when none is there, on the main thread: read it as the CLI reads
// it and identify it for the pairing; check its text. Plain data in, plain data out.
import type { Diagnostic } from 'vscode-languageserver/node';
import { BinaryFileError, decode, looksLikeReport, maxEncodedBytes, parseReport, type DecodeNote, type Finding, type Locale, type PreviousReport } from '../../core/src';
import { identify, pairReports, type Identified } from '../../core/src/pairing';
import { summaryFacts, type SummaryFacts } from '../../core/src/services/summary';
import { FileSkipped, readRegularFileSync } from '../../host/src/files';
import type { WorkspaceSkipReason } from '../../protocol/src';
import { analyse, countsOf, diagnosticsOf, type Analysis, type Counts } from './analysis';
import type { PositionEncoding } from './positions';
import { analysisKey, type Settings } from './settings';

/** A file read: its text (and the decoder's notes), a skip with its reason, or null (not a report). */
export type ReadResult = { text: string; notes?: readonly DecodeNote[]; id?: Identified } | { skip: WorkspaceSkipReason; why: string } | null;

/** What a worker is started with. */
export interface WorkerInit {
  encoding: PositionEncoding;
}

/** A file to check: its text, and last year's report's text when it has one. */
export interface CheckItem {
  uri: string;
  text: string;
  notes?: readonly DecodeNote[];
  previous?: { text: string; name: string; label: string };
}

/** What a check finds in a file. */
export interface Checked {
  findings: Finding[];
  /** What the summary view's row needs of the report (null: no report read), made here where it was parsed. */
  facts: SummaryFacts | null;
  diagnostics: Diagnostic[];
  counts: Counts;
}

export type WorkerTask =
  | { type: 'read'; files: { path: string; uri: string; noFollow: boolean }[]; maxChars: number; en: boolean }
  | { type: 'check'; settings: Settings; locale: Locale; files: CheckItem[] }
  /** Reads and checks these files as a check would, results dropped: warms the thread's engine up (WorkspaceCheck.prewarm). */
  | { type: 'warm'; settings: Settings; locale: Locale; files: { path: string; uri: string }[] };

export function runTask(task: WorkerTask): ReadResult[] | Checked[] {
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
    return task.files.map((f) => {
      const r = readReportFile(f.path, f.noFollow, task.maxChars, task.en);
      if (r && 'text' in r) r.id = identify(r.text, f.uri);
      return r;
    });
  }
  const key = analysisKey(task.settings);
  return task.files.map((f) => {
    const previous: PreviousReport | undefined = f.previous ? { report: parseReport(f.previous.text), name: f.previous.name, label: f.previous.label } : undefined;
    const a = analyse(f.uri, null, f.text, task.settings, key, task.locale, f.notes, previous);
    return checkedOf(a);
  });
}

export function checkedOf(a: Analysis): Checked {
  return { findings: a.findings as Finding[], facts: a.report ? summaryFacts(a.report, a.findings) : null, diagnostics: diagnosticsOf(a), counts: countsOf(a) };
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
