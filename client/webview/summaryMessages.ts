// The messages between the summary view's webview (client/webview/summary.ts) and the extension
// (client/src/summaryView.ts). Types only: both sides are bundled apart.
import type { SummaryResult } from '../../protocol/src';

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
  | { type: 'update'; data: SummaryResult; labels: SummaryLabels }
  /** Activate a report's file name as a click would (tests). */
  | { type: 'click'; uri: string };

export type FromSummaryWebview =
  | { type: 'ready' }
  /** Open a report at a line (1-based; 0: at the top). */
  | { type: 'open'; uri: string; line: number }
  | { type: 'validate' }
  | {
      type: 'rendered';
      /** Rows in the data, rows drawn so far (all once the last chunk is in). */
      rows: number;
      drawn: number;
      /** ms from the data's arrival to the first rows painted, and to the last row drawn. */
      firstPaintMs: number;
      allMs: number | null;
      theme: string;
      /** The column sorted by and its direction, if any. */
      sort: { key: string; dir: 'ascending' | 'descending' } | null;
      /** The files of the first rows drawn, in order (at most 50). */
      first: string[];
    };
