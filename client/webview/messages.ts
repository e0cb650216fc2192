// The messages between the table view's webview (client/webview/tables.ts) and the extension
// (client/src/tableView.ts). Types only: both sides are bundled apart.
import type { TablesResult } from '../../protocol/src';

/** The user-interface words of the webview, localized by the extension (vscode.l10n). */
export interface TableViewLabels {
  /** "Tables of 报告.txt" */
  title: string;
  /** "2021 format · 2021 report · 1 error, 2 warnings" */
  summary: string;
  showAsText: string;
  notFound: string;
  /** A table whose layout could not be read: "Its layout could not be read reliably: not checked". */
  unread: string;
  /** Legend, one word each. */
  error: string;
  warning: string;
  information: string;
  related: string;
  blank: string;
  missing: string;
  /** How each value state reads, for the details. */
  states: Record<'number' | 'odd' | 'blank' | 'text' | 'too-long' | 'missing' | 'implied', string>;
  severities: Record<'error' | 'warning' | 'information' | 'hint', string>;
  /** "Part of a relation that does not hold" */
  relatedLong: string;
  /** "Enter or click: go to it in the text" */
  jumpHint: string;
  /** "Not in the text" */
  noRange: string;
  /** "Move over a cell, or focus it with Tab and the arrow keys, for its findings and formula." */
  detailHint: string;
  /** Accessible name of a table's grid: "{0}" is the table's name. */
  gridLabel: string;
  /** Beside a value: "last year" (its value and the change follow). */
  lastYear: string;
  /** In the details: "Last year (2021年报.txt)". */
  lastYearLong: string;
}

export type ToWebview =
  | { type: 'update'; data: TablesResult; labels: TableViewLabels }
  /** The cell under the editor's cursor, shown as current (null: none). */
  | { type: 'select'; key: string | null }
  /** Focus a cell as the keyboard would (tests, and "go to cell" from the text). */
  | { type: 'focus'; key: string }
  /** Activate a cell as a click would (tests). */
  | { type: 'click'; key: string };

/** A cell the view marks, as the DOM has it (what the tests read back). */
export interface MarkedCell {
  key: string;
  severity: string | null;
  related: boolean;
  state: string | null;
}

export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; key: string }
  | { type: 'openText' }
  | {
      type: 'rendered';
      /** The document version drawn. */
      version: number | null;
      /** `vscode-light`, `vscode-dark`, `vscode-high-contrast` or `vscode-high-contrast-light`. */
      theme: string;
      /** Value cells drawn. */
      cells: number;
      /** Value cells with a severity or in a broken relation, read from the DOM. */
      marked: MarkedCell[];
      /** The key of the focused cell, if any. */
      focused: string | null;
    };
