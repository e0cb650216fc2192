// govreport/summary: the batch summary of the summary view (issues 16, 18) — one row per report the
// latest workspace validation covered, plus the open reports it did not cover and the files it
// could not check. Each row is the core's (core/src/services/summary.ts, the rows of `govreport
// summary`), made of the very findings the check published, so the view, the CLI and the
// Problems view count the same.
//
// An open report's row comes from its current analysis (the one its diagnostics come from). A
// closed report's is made from the findings the workspace check kept (WorkspaceCheck.results)
// and, when the check kept them too, the few facts of its text a row needs (core summaryFacts:
// body, year, figures, unchecked relations, the findings' lines); else from the file's text read
// again (parsed, not checked again). A row is kept as long as the check keeps those findings (a
// file checked again has new ones). The work runs in slices of a few milliseconds, so typing in
// an open report is not held up meanwhile.
import { fileURLToPath } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver/node';
import { decode, maxEncodedBytes, parseReport, type Finding, type Locale } from '../../core/src';
import { rowOfFacts, skippedRow, summaryRow, type SummaryFacts, type SummaryRow } from '../../core/src/services/summary';
import { readRegularFileSync } from '../../host/src/files';
import type { SummaryReportRow, SummaryResult, ValidateWorkspaceResult } from '../../protocol/src';
import type { Analysis } from './analysis';
import type { Settings } from './settings';

/** A report the workspace check covered, with what it found in it (WorkspaceCheck.results). */
export interface CoveredReport {
  uri: string;
  findings: readonly Finding[];
  /** Open in the editor: its row is its own validation's. */
  open: boolean;
  /**
   * The few fields of its text a row needs (core summaryFacts), when the check kept them as it
   * parsed the file, made with these very findings: then the file is not read and parsed again.
   */
  facts?: SummaryFacts;
}

/** What the summary needs from the server. */
export interface SummaryHost {
  locale(): Locale;
  /** How a row names a report: its path in the workspace. */
  label(uri: string): string;
  /** The reports the workspace checks covered and their findings (server/src/workspace.ts). */
  covered(): Iterable<CoveredReport>;
  /** The workspace folder holding a file (its URI), whose settings it was checked with. */
  folderOf(uri: string): string;
  /** A folder's settings. */
  settings(folderUri: string): Promise<Settings>;
  /** The open reports (govreport documents). */
  openUris(): string[];
  /** An open report's current analysis; undefined when it is not open or validation is off for it. */
  openAnalysis(uri: string): Promise<Analysis | undefined>;
}

/** Longest stretch of work between two turns of the event loop (ms), as the workspace check. */
const SLICE_MS = 8;

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The row of one analysis (a file over govreport.maxFileSize: not checked, with why). */
export function rowOf(a: Analysis, file: string, en: boolean): SummaryReportRow {
  let row: SummaryRow;
  if (a.report) row = summaryRow(file, a.report, a.findings);
  else {
    const { length, limit, bytes } = a.tooLarge ?? { length: 0, limit: 0 };
    row = skippedRow(file, 'too-large', en ? `${length} ${bytes ? 'bytes or more' : 'characters'}, over govreport.maxFileSize (${limit})` : `${bytes ? `至少 ${length} 字节` : `${length} 个字符`}，超过 govreport.maxFileSize（${limit}）`);
  }
  return { ...row, uri: a.uri };
}

export class SummaryRows {
  /** Closed reports' rows, by the findings they were made of (new findings: a new row). */
  private readonly cache = new WeakMap<readonly Finding[], SummaryReportRow>();
  /** The files the latest workspace validation could not check. */
  private skipped: ValidateWorkspaceResult['skipped'] = [];
  private validated = false;

  constructor(private readonly host: SummaryHost) {}

  /** A workspace validation finished: the files it could not check are listed too. */
  workspaceDone(result: ValidateWorkspaceResult): void {
    this.validated = true;
    this.skipped = result.skipped;
  }

  async rows(token?: CancellationToken): Promise<SummaryResult> {
    const t0 = performance.now();
    const en = this.host.locale() === 'en';
    const rows: SummaryReportRow[] = [];
    const seen = new Set<string>();
    let sliceStart = performance.now();
    const pace = async () => {
      if (performance.now() - sliceStart < SLICE_MS) return;
      await turn();
      sliceStart = performance.now();
    };
    const open = new Set(this.host.openUris());
    const settings = new Map<string, Promise<Settings>>();
    const settingsOf = (uri: string) => {
      const folder = this.host.folderOf(uri);
      let p = settings.get(folder);
      if (!p) settings.set(folder, (p = this.host.settings(folder)));
      return p;
    };
    for (const c of [...this.host.covered()]) {
      if (token?.isCancellationRequested) break;
      await pace();
      seen.add(c.uri);
      if (c.open || open.has(c.uri)) {
        const a = await this.host.openAnalysis(c.uri);
        if (a) {
          rows.push(rowOf(a, this.host.label(c.uri), en));
          continue;
        }
      }
      const row = await this.closedRow(c, settingsOf);
      if (row) rows.push(row);
    }
    // Open reports the workspace validation did not cover (outside its folders, untitled, new).
    for (const uri of open) {
      if (seen.has(uri) || token?.isCancellationRequested) continue;
      await pace();
      const a = await this.host.openAnalysis(uri);
      if (a) rows.push(rowOf(a, this.host.label(uri), en));
      seen.add(uri);
    }
    if (this.validated) {
      for (const s of this.skipped) {
        if (!seen.has(s.uri)) rows.push({ ...skippedRow(this.host.label(s.uri), s.reason, s.message), uri: s.uri });
      }
    }
    return { validated: this.validated, rows, elapsedMs: Math.round(performance.now() - t0) };
  }

  /**
   * A closed report's row: its findings, with the lines and figures of its text on disk;
   * undefined when the file is gone or no longer text (the watcher's check says so).
   */
  private async closedRow(c: CoveredReport, settingsOf: (uri: string) => Promise<Settings>): Promise<SummaryReportRow | undefined> {
    const kept = this.cache.get(c.findings);
    if (kept && kept.uri === c.uri) return kept;
    const made = c.facts && rowOfFacts(this.host.label(c.uri), c.facts, c.findings);
    if (made) {
      const row = { ...made, uri: c.uri };
      this.cache.set(c.findings, row);
      return row;
    }
    const settings = await settingsOf(c.uri);
    let text: string;
    try {
      text = decode(readRegularFileSync(fileURLToPath(c.uri), { maxBytes: maxEncodedBytes(settings.maxFileSize) }).bytes).text;
    } catch {
      return undefined;
    }
    const report = parseReport(text, { formatVersion: settings.formatVersion });
    const row = { ...summaryRow(this.host.label(c.uri), report, c.findings), uri: c.uri };
    this.cache.set(c.findings, row);
    return row;
  }
}
