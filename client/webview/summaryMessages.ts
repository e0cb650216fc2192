// The messages between the summary view's webview (client/webview/summary.ts) and the extension
// (client/src/summaryView.ts). Types only: both sides are bundled apart.
import type { SummaryReportRow, SummaryResult } from '../../protocol/src';

/**
 * A row as the webview gets it: without its findings, which come when the row is opened
 * (10,000 reports' findings are tens of megabytes to copy into the webview; their rows a few).
 */
export type SummaryViewRow = Omit<SummaryReportRow, 'findings'>;
export type SummaryViewData = Omit<SummaryResult, 'rows'> & { rows: SummaryViewRow[] };

/** One column of the table: its header, its tooltip, whether it sorts as numbers. */
export interface SummaryColumn {
  key: string;
  label: string;
  title: string;
  numeric: boolean;
}

/** The user-interface words of the webview, localized by the extension (vscode.l10n). */
export interface SummaryLabels {
  title: string;
  /** "12 reports · 3 errors · 20 warnings · 4 notes · 1 not checked" */
  counts: string;
  /** Why there are only the open reports, and the button that validates the workspace. */
  notValidated: string;
  validate: string;
  sortHint: string;
  /** The filter box's placeholder and label. */
  filter: string;
  /** "{0} of {1} reports shown" (a filter on). */
  shown: string;
  columns: SummaryColumn[];
  show: string;
  none: string;
  skipped: string;
  /** "line {0}" */
  line: string;
  openFile: string;
  severities: Record<'error' | 'warning' | 'information' | 'hint', string>;
  empty: string;
}

export type ToSummaryWebview =
  | { type: 'update'; data: SummaryViewData; labels: SummaryLabels }
  /** A row's findings, asked for when it was opened. */
  | { type: 'findings'; uri: string; findings: SummaryReportRow['findings'] }
  /** Activate a report's file name as a click would (tests). */
  | { type: 'click'; uri: string }
  /** Type into the filter box (tests). */
  | { type: 'filter'; text: string };

export type FromSummaryWebview =
  | { type: 'ready' }
  /** Open a report at a line (1-based; 0: at the top). */
  | { type: 'open'; uri: string; line: number }
  | { type: 'validate' }
  /** The findings of a row opened. */
  | { type: 'findings'; uri: string }
  | {
      type: 'rendered';
      /** What drew: 'update' (new data), 'sort', 'filter', 'scroll', 'theme'. */
      why: string;
      /** Rows in the data; rows the filter keeps; rows in the DOM now, from position `from`. */
      rows: number;
      shown: number;
      drawn: number;
      from: number;
      /** ms from the data's arrival, the click on a header or the key typed to the frame painted (null: scroll, theme). */
      ms: number | null;
      theme: string;
      /** The column sorted by and its direction, if any; the filter's text. */
      sort: { key: string; dir: 'ascending' | 'descending' } | null;
      filter: string;
      /** The files of the rows in the DOM, in order (at most 50). */
      first: string[];
      /** The files of the first 50 rows shown (sorted and filtered), drawn or not. */
      shownFirst: string[];
    };
