// The GovReport protocol beyond LSP: the custom requests and the notification the client and the
// server exchange, their method names, parameter and result types, and beside each type a schema
// of its fields. A compile-time check ties each schema to its type (same fields, same value
// types); the server checks the parameters it receives against their schema, and the protocol
// tests (test/protocol/protocol.test.ts) hold the server's real answers to theirs, so the two
// sides cannot drift apart unnoticed. Imported by client/src (bundled into dist/client.js) and
// server/src; it imports nothing from vscode or vscode-languageserver.
import type { DecodeNote } from '../../core/src/encoding';
import { FORMATS, type FormatVersion } from '../../core/src/formats';
import type { Layout } from '../../core/src/model';
import type { GridCell, GridTable } from '../../core/src/services/tableview';
import { FIGURES, type SummaryRow } from '../../core/src/services/summary';

// ---------------------------------------------------------------------------------------------
// Types

/** What one validation of a document found: the report's reading and the count of findings. */
export interface ReportSummary {
  /** The format version the report was checked as; null when it was not checked (too large). */
  formatVersion: FormatVersion | null;
  /** The report's year; null when unknown. */
  year: number | null;
  /** How the report's tables are laid out (decides the inlay hints' `auto`); null when not checked. */
  layout: Layout | null;
  /** Error diagnostics. */
  errors: number;
  /** Warning diagnostics. */
  warnings: number;
  /** Information and hint diagnostics (what the client shows as notes). */
  infos: number;
  /** Hint diagnostics alone (a part of `infos`). */
  hints: number;
  /**
   * Last year's report, for the cross-year rules: `found` (compared with `lastYearUri`, named
   * `lastYearLabel`), `none` found, `searching` (validated again when done), `unidentified` (no
   * body or year read, nothing to look for), `off` (govreport.lastYear.enable); null when not
   * looked for (a text not open in the editor).
   */
  lastYear: LastYearState | null;
  lastYearUri: string | null;
  lastYearLabel: string | null;
}

export type LastYearState = 'found' | 'none' | 'searching' | 'unidentified' | 'off';

/** `govreport/validate` (client → server): validate a document, also one the server does not hold. */
export const VALIDATE_METHOD = 'govreport/validate';

export interface ValidateParams {
  /** The document's URI (`vscode.Uri.toString()`); its diagnostics are published for it. */
  uri: string;
  /**
   * The text to validate. Without it the server validates the open document of that URI, or
   * reads the file: URI from disk (any encoding `decode` reads).
   */
  text?: string;
  /** What decoding the file's bytes noticed, when the client read the text from a file (for the `file-encoding` rule). */
  notes?: DecodeNote[];
}

export interface ValidateResult extends ReportSummary {
  /** How many diagnostics were published for the URI. */
  diagnostics: number;
}

/** `govreport/showTables` (client → server): the tables of a document as aligned text grids. */
export const SHOW_TABLES_METHOD = 'govreport/showTables';

export interface ShowTablesParams {
  uri: string;
  /** The document's text; without it, the open document of that URI or the file on disk. */
  text?: string;
}

export interface ShowTablesResult {
  /** Plain text holding the grids of tables 二, 三 and 四 (or why there are none). */
  text: string;
}

/** `govreport/tables` (client → server): the tables of a document as grids, for the table view. */
export const TABLES_METHOD = 'govreport/tables';

export interface TablesParams {
  uri: string;
  /** The document's text; without it, the open document of that URI or the file on disk. */
  text?: string;
}

/** A position as VS Code counts it: 0-based line, UTF-16 column (whatever encoding LSP negotiated). */
export interface TablesPosition {
  line: number;
  character: number;
}

/** One cell of a grid (core/src/services/tableview.ts), with its place in the text as a range. */
export type TablesCell = Omit<GridCell, 'start' | 'end'> & { range: { start: TablesPosition; end: TablesPosition } | null };

/** One table: the template's grid, headers and group labels spanning, each value as read. */
export type TablesTable = Omit<GridTable, 'rows'> & { rows: TablesCell[][] };

export interface TablesResult {
  uri: string;
  /** The version of the open document the tables were read from; null for a text or file not open. */
  version: number | null;
  formatVersion: FormatVersion | null;
  year: number | null;
  /** Why there are no tables (the document is over govreport.maxFileSize); null when there are. */
  message: string | null;
  errors: number;
  warnings: number;
  /** Information and hint findings. */
  infos: number;
  /** How last year's report is named, when the cells carry its values (`previous`); null otherwise. */
  lastYear: string | null;
  tables: TablesTable[];
}

/**
 * Scheme of the read-only documents that hold a published file (PDF, Word .docx, web page)
 * converted to a report's text. Such a document's URI is the source file's `file:` URI with this
 * scheme instead (same authority and path): `govreport-published:/home/me/report.pdf`.
 */
export const PUBLISHED_SCHEME = 'govreport-published';

/** The source file (`file:` URI) of a published file's read-only document; undefined for another URI. */
export function publishedSourceOf(uri: string): string | undefined {
  if (!uri.startsWith(`${PUBLISHED_SCHEME}:`)) return undefined;
  const rest = uri.slice(PUBLISHED_SCHEME.length + 1).replace(/[?#].*$/s, '');
  if (rest.startsWith('//')) return `file:${rest}`;
  if (rest.startsWith('/')) return `file://${rest}`;
  return undefined;
}

/** The read-only document of a published file (its `file:` URI); undefined for another URI. */
export function publishedUriOf(fileUri: string): string | undefined {
  if (!fileUri.startsWith('file://')) return undefined;
  const rest = fileUri.slice('file://'.length);
  return rest.startsWith('/') ? `${PUBLISHED_SCHEME}:${rest}` : `${PUBLISHED_SCHEME}://${rest}`;
}

/**
 * `govreport/readPublished` (client → server): the text of a published file's read-only document.
 * The server reads the source file and converts it (core/src/readers); a file it cannot read or
 * convert (encrypted, damaged, an old .doc, over a bound) is an error whose message says why, in
 * the server's locale.
 */
export const READ_PUBLISHED_METHOD = 'govreport/readPublished';

export interface ReadPublishedParams {
  /** The read-only document's URI (scheme `govreport-published`, see PUBLISHED_SCHEME). */
  uri: string;
}

export type PublishedFormat = 'pdf' | 'docx' | 'html';

export interface ReadPublishedResult {
  /** The source file's URI (`file:`). */
  source: string;
  format: PublishedFormat;
  /**
   * The document's text: one header line naming the source file (for a PDF, with the line where
   * each page starts), then the report in the tab-row layout. The header is not checked.
   */
  text: string;
  /** A PDF's pages read (those holding text); null for Word documents and web pages. */
  pages: number | null;
  /** What the reader noticed (no text layer, pages not read...): also diagnostics on the header line. */
  notes: number;
}

/**
 * `govreport/validateWorkspace` (client → server): the server lists the report files of the
 * folders, reads them from disk (every encoding `decode` reads), checks them, and pushes their
 * diagnostics; $/progress on `workDoneToken` (or a token the server creates) a few times a
 * second; cancelled by $/cancelRequest (or the progress' cancel), answering what was done. The
 * results persist: a file closed gets its on-disk findings back, and files created, changed or
 * deleted on disk (workspace/didChangeWatchedFiles) are checked again one by one.
 */
export const VALIDATE_WORKSPACE_METHOD = 'govreport/validateWorkspace';

export interface ValidateWorkspaceParams {
  /** The folders to search (file: URIs); empty: the server's workspace folders. */
  folders: string[];
  /** Glob of the files to check, relative to a folder (`**` `*` `?` `{a,b}`); default `**\/*.txt`. */
  include?: string;
  /** Glob of the files and folders to leave out (dot folders and node_modules are never searched). */
  exclude?: string;
  /** A $/progress token made by the client (LSP's WorkDoneProgressParams). */
  workDoneToken?: string | number;
}

/** Why a file that matched was not checked. */
export type WorkspaceSkipReason = 'too-large' | 'binary' | 'unreadable' | 'not-a-regular-file' | 'unsupported-format';

export interface WorkspaceSkipped {
  uri: string;
  reason: WorkspaceSkipReason;
  /** The reason in words (the server's locale), for the output. */
  message: string;
}

export interface ValidateWorkspaceResult {
  /** Files that matched the globs (reports, other texts, skipped files). */
  files: number;
  /** Files checked as reports. */
  reports: number;
  errors: number;
  warnings: number;
  /** Information and hint findings. */
  infos: number;
  hints: number;
  /** Files that matched and were not checked, with why (in the order met). */
  skipped: WorkspaceSkipped[];
  /** Cancelled before the end: the counts are of the files done. */
  cancelled: boolean;
  /** How long the server took (ms). */
  elapsedMs: number;
}

/**
 * `govreport/summary` (client → server): the batch summary for the summary view — one row per
 * report the latest workspace validation covered (as it is now: a file changed on disk since is
 * read again, an open report is its editor text), plus the open reports it did not cover, plus
 * the files it could not check; each row as `govreport summary` makes it
 * (core/src/services/summary.ts), with the report's URI.
 */
export const SUMMARY_METHOD = 'govreport/summary';

/** No parameters: the summary of what the server checked. */
export type SummaryParams = Record<string, never>;

/** One report's row: the core's summary row, named by its path in the workspace, and its URI. */
export type SummaryReportRow = SummaryRow & { uri: string };

export interface SummaryResult {
  /** Whether a workspace validation has run (without one the rows are the open reports'). */
  validated: boolean;
  rows: SummaryReportRow[];
  /** How long the server took (ms). */
  elapsedMs: number;
}

/**
 * `govreport/diagnosticsBatch` (server → client): the diagnostics of many files at once, sent by
 * the workspace check instead of one `textDocument/publishDiagnostics` per file to a client that
 * asked for it (initializationOptions.diagnosticsBatch: true). Each item replaces its file's
 * diagnostics, as a publishDiagnostics would (an empty list clears them). Never about a document
 * open in the editor (those are published one by one, as they are validated). Why: VS Code's
 * language client hands pushed diagnostics to the workbench one file per turn of its event loop,
 * and the workbench updates its markers once per file; 1,000 files a second of that kept the
 * extension host and the workbench busy enough to delay typing (issue 18).
 */
export const DIAGNOSTICS_BATCH_METHOD = 'govreport/diagnosticsBatch';

export interface DiagnosticsBatchParams {
  /** LSP Diagnostics (the protocol does not import their type). */
  items: { uri: string; diagnostics: object[] }[];
}

/**
 * `govreport/status` (server → client): sent after a validation of a document whose summary
 * differs from the last one sent for it, and after every govreport/validate.
 */
export const STATUS_METHOD = 'govreport/status';

export interface StatusParams extends ReportSummary {
  uri: string;
}

// ---------------------------------------------------------------------------------------------
// Schemas: how each field of a message is checked at run time, tied to the type at compile time.

/** A field that may be absent. */
interface Optional<S> {
  readonly optional: S;
}
/** A string out of a fixed set (every member of the type's union, no other), or null when `nullable`. */
interface OneOf<U extends string, N extends boolean> {
  readonly oneOf: { readonly [K in U]: true };
  readonly nullable: N;
}
/** Anything else: a named test. */
interface Custom {
  readonly custom: string;
  readonly test: (value: unknown) => boolean;
}

/** The schema a field of type V must have (so a schema that does not fit its type does not compile). */
export type FieldSchema<V> = undefined extends V
  ? Optional<FieldSchema<Exclude<V, undefined>>>
  : [V] extends [number]
    ? 'number'
    : [V] extends [number | null]
      ? 'number|null'
      : [V] extends [boolean]
        ? 'boolean'
        : [V] extends [string]
          ? string extends V
            ? 'string'
            : OneOf<V, false>
          : [V] extends [string | null]
            ? string extends Exclude<V, null>
              ? 'string|null'
              : OneOf<Exclude<V, null>, true>
            : Custom;

/** A schema of an object type T: exactly T's fields (an object literal with another is a compile error). */
export type Schema<T> = { readonly [K in keyof T]-?: FieldSchema<T[K]> };

type AnyField = 'number' | 'number|null' | 'boolean' | 'string' | 'string|null' | Optional<AnyField> | OneOf<string, boolean> | Custom;

/**
 * What is wrong with `value` as a message of this schema: a missing field, a field the schema
 * does not have, a value of another type. Empty when it fits exactly.
 */
export function schemaErrors(value: unknown, schema: object /* a Schema<T> of this module */): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`expected an object, got ${describe(value)}`];
  const fields = schema as unknown as Readonly<Record<string, AnyField>>;
  const obj = value as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(obj)) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) errors.push(`unexpected field ${key}`);
  }
  for (const key of Object.keys(fields)) {
    const field = fields[key];
    const present = Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
    if (!present) {
      if (!(typeof field === 'object' && 'optional' in field)) errors.push(`missing field ${key}`);
      continue;
    }
    if (!fits(obj[key], field)) errors.push(`field ${key}: expected ${expected(field)}, got ${describe(obj[key])}`);
  }
  return errors;
}

function fits(v: unknown, field: AnyField): boolean {
  switch (field) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'number|null':
      return v === null || (typeof v === 'number' && Number.isFinite(v));
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'string|null':
      return v === null || typeof v === 'string';
  }
  if ('optional' in field) return v === undefined || fits(v, field.optional);
  if ('oneOf' in field) return (v === null && field.nullable) || (typeof v === 'string' && Object.prototype.hasOwnProperty.call(field.oneOf, v));
  return field.test(v);
}

function expected(field: AnyField): string {
  if (typeof field === 'string') return field;
  if ('optional' in field) return `${expected(field.optional)} or absent`;
  if ('oneOf' in field) return Object.keys(field.oneOf).map((k) => JSON.stringify(k)).join(' | ') + (field.nullable ? ' | null' : '');
  return field.custom;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** One note of `decode`, as the `file-encoding` rule reads it. */
export function isDecodeNote(v: unknown): v is DecodeNote {
  if (v === null || typeof v !== 'object') return false;
  const n = v as Record<string, unknown>;
  const keys = Object.keys(n).sort().join(',');
  switch (n.kind) {
    case 'gb18030':
      return keys === 'firstInvalidUtf8,kind' && isCount(n.firstInvalidUtf8);
    case 'utf8-replaced':
      return keys === 'bytes,first,kind,sequences' && isCount(n.bytes) && isCount(n.sequences) && isCount(n.first);
    case 'utf16-no-bom':
      return keys === 'encoding,kind' && (n.encoding === 'utf-16le' || n.encoding === 'utf-16be');
  }
  return false;
}

const DECODE_NOTES: Custom = {
  custom: 'a list of decode notes',
  test: (v) => Array.isArray(v) && v.length <= 16 && v.every(isDecodeNote),
};

const FORMAT_VERSION: OneOf<FormatVersion, true> = {
  oneOf: Object.fromEntries(Object.keys(FORMATS).map((v) => [v, true])) as { [K in FormatVersion]: true },
  nullable: true,
};

const SUMMARY = {
  formatVersion: FORMAT_VERSION,
  year: 'number|null',
  layout: { oneOf: { 'cell-per-line': true, 'row-per-line': true, mixed: true, none: true }, nullable: true },
  errors: 'number',
  warnings: 'number',
  infos: 'number',
  hints: 'number',
  lastYear: { oneOf: { found: true, none: true, searching: true, unidentified: true, off: true }, nullable: true },
  lastYearUri: 'string|null',
  lastYearLabel: 'string|null',
} as const satisfies Schema<ReportSummary>;

export const VALIDATE_PARAMS = { uri: 'string', text: { optional: 'string' }, notes: { optional: DECODE_NOTES } } as const satisfies Schema<ValidateParams>;
export const VALIDATE_RESULT = { ...SUMMARY, diagnostics: 'number' } as const satisfies Schema<ValidateResult>;
export const SHOW_TABLES_PARAMS = { uri: 'string', text: { optional: 'string' } } as const satisfies Schema<ShowTablesParams>;
export const SHOW_TABLES_RESULT = { text: 'string' } as const satisfies Schema<ShowTablesResult>;
export const TABLES_PARAMS = { uri: 'string', text: { optional: 'string' } } as const satisfies Schema<TablesParams>;

const GRID_KINDS = new Set(['corner', 'head', 'title', 'group', 'label', 'value']);
const VALUE_STATES = new Set(['number', 'odd', 'blank', 'text', 'too-long', 'missing', 'implied']);
const SEVERITY_NAMES = new Set(['error', 'warning', 'information', 'hint']);
const CELL_KEYS = 'change,colspan,findings,formula,key,kind,name,previous,range,related,rowspan,severity,state,text';
const TABLE_KEYS = 'columns,found,id,name,rows,unread';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPosition = (v: unknown) => isObject(v) && Object.keys(v).sort().join(',') === 'character,line' && isCount(v.line) && isCount(v.character);

/** One cell of a grid, exactly the fields of TablesCell. */
export function isTablesCell(v: unknown): v is TablesCell {
  if (!isObject(v) || Object.keys(v).sort().join(',') !== CELL_KEYS) return false;
  const range = v.range;
  return (
    typeof v.kind === 'string' &&
    GRID_KINDS.has(v.kind) &&
    typeof v.text === 'string' &&
    isCount(v.colspan) &&
    isCount(v.rowspan) &&
    (v.key === null || typeof v.key === 'string') &&
    typeof v.name === 'string' &&
    (range === null || (isObject(range) && Object.keys(range).sort().join(',') === 'end,start' && isPosition(range.start) && isPosition(range.end))) &&
    (v.state === null || (typeof v.state === 'string' && VALUE_STATES.has(v.state))) &&
    (v.severity === null || (typeof v.severity === 'string' && SEVERITY_NAMES.has(v.severity))) &&
    typeof v.related === 'boolean' &&
    Array.isArray(v.findings) &&
    v.findings.every(
      (f) => isObject(f) && Object.keys(f).sort().join(',') === 'message,rule,severity' && typeof f.rule === 'string' && typeof f.message === 'string' && typeof f.severity === 'string' && SEVERITY_NAMES.has(f.severity),
    ) &&
    Array.isArray(v.formula) &&
    v.formula.every((l) => typeof l === 'string') &&
    (v.previous === null || typeof v.previous === 'string') &&
    (v.change === null || (typeof v.change === 'number' && Number.isFinite(v.change)))
  );
}

const TABLES_LIST: Custom = {
  custom: 'a list of tables (rows of cells)',
  test: (v) =>
    Array.isArray(v) &&
    v.every(
      (t) =>
        isObject(t) &&
        Object.keys(t).sort().join(',') === TABLE_KEYS &&
        typeof t.id === 'string' &&
        typeof t.name === 'string' &&
        typeof t.found === 'boolean' &&
        typeof t.unread === 'boolean' &&
        isCount(t.columns) &&
        Array.isArray(t.rows) &&
        t.rows.every((r) => Array.isArray(r) && r.every(isTablesCell)),
    ),
};

export const TABLES_RESULT = {
  uri: 'string',
  version: 'number|null',
  formatVersion: FORMAT_VERSION,
  year: 'number|null',
  message: 'string|null',
  errors: 'number',
  warnings: 'number',
  infos: 'number',
  lastYear: 'string|null',
  tables: TABLES_LIST,
} as const satisfies Schema<TablesResult>;
const SKIP_REASONS = new Set<string>(['too-large', 'binary', 'unreadable', 'not-a-regular-file', 'unsupported-format']);
const URI_LIST: Custom = { custom: 'a list of URIs', test: (v) => Array.isArray(v) && v.every((u) => typeof u === 'string' && u !== '') };
const PROGRESS_TOKEN: Custom = { custom: 'a progress token (string or integer)', test: (v) => typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v)) };
const SKIPPED_LIST: Custom = {
  custom: 'a list of skipped files',
  test: (v) =>
    Array.isArray(v) &&
    v.every((s) => isObject(s) && Object.keys(s).sort().join(',') === 'message,reason,uri' && typeof s.uri === 'string' && typeof s.message === 'string' && typeof s.reason === 'string' && SKIP_REASONS.has(s.reason)),
};
export const VALIDATE_WORKSPACE_PARAMS = { folders: URI_LIST, include: { optional: 'string' }, exclude: { optional: 'string' }, workDoneToken: { optional: PROGRESS_TOKEN } } as const satisfies Schema<ValidateWorkspaceParams>;
export const VALIDATE_WORKSPACE_RESULT = {
  files: 'number',
  reports: 'number',
  errors: 'number',
  warnings: 'number',
  infos: 'number',
  hints: 'number',
  skipped: SKIPPED_LIST,
  cancelled: 'boolean',
  elapsedMs: 'number',
} as const satisfies Schema<ValidateWorkspaceResult>;
const FIGURE_KEYS = FIGURES.map((f) => f.id).sort().join(',');
const ROW_KEYS = 'body,errors,figures,file,findings,formatVersion,infos,unchecked,uri,warnings,year';
const isNullableNumber = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

/** One row of the summary, exactly the fields of SummaryReportRow. */
export function isSummaryRow(v: unknown): v is SummaryReportRow {
  if (!isObject(v)) return false;
  const keys = Object.keys(v).filter((k) => k !== 'skipped').sort().join(',');
  if (keys !== ROW_KEYS || ('skipped' in v && typeof v.skipped !== 'string')) return false;
  const figures = v.figures;
  return (
    typeof v.uri === 'string' &&
    v.uri !== '' &&
    typeof v.file === 'string' &&
    (v.body === null || typeof v.body === 'string') &&
    (v.year === null || isCount(v.year)) &&
    (v.formatVersion === null || typeof v.formatVersion === 'string') &&
    isCount(v.errors) &&
    isCount(v.warnings) &&
    isCount(v.infos) &&
    isCount(v.unchecked) &&
    isObject(figures) &&
    Object.keys(figures).sort().join(',') === FIGURE_KEYS &&
    Object.values(figures).every(isNullableNumber) &&
    Array.isArray(v.findings) &&
    v.findings.every(
      (f) =>
        isObject(f) &&
        Object.keys(f).sort().join(',') === 'line,message,rule,severity' &&
        isCount(f.line) &&
        f.line >= 1 &&
        typeof f.rule === 'string' &&
        typeof f.message === 'string' &&
        typeof f.severity === 'string' &&
        SEVERITY_NAMES.has(f.severity),
    )
  );
}

const SUMMARY_ROWS: Custom = { custom: 'a list of summary rows', test: (v) => Array.isArray(v) && v.every(isSummaryRow) };
export const SUMMARY_PARAMS = {} as const satisfies Schema<SummaryParams>;
export const SUMMARY_RESULT = { validated: 'boolean', rows: SUMMARY_ROWS, elapsedMs: 'number' } as const satisfies Schema<SummaryResult>;
const BATCH_ITEMS: Custom = {
  custom: 'a list of {uri, diagnostics}',
  test: (v) => Array.isArray(v) && v.every((x) => isObject(x) && Object.keys(x).sort().join(',') === 'diagnostics,uri' && typeof x.uri === 'string' && Array.isArray(x.diagnostics) && x.diagnostics.every(isObject)),
};
export const DIAGNOSTICS_BATCH_PARAMS = { items: BATCH_ITEMS } as const satisfies Schema<DiagnosticsBatchParams>;
export const STATUS_PARAMS = { uri: 'string', ...SUMMARY } as const satisfies Schema<StatusParams>;
export const READ_PUBLISHED_PARAMS = { uri: 'string' } as const satisfies Schema<ReadPublishedParams>;
export const READ_PUBLISHED_RESULT = {
  source: 'string',
  format: { oneOf: { pdf: true, docx: true, html: true }, nullable: false },
  text: 'string',
  pages: 'number|null',
  notes: 'number',
} as const satisfies Schema<ReadPublishedResult>;

// ---------------------------------------------------------------------------------------------
// The messages: method, parameter and result schemas together (the types travel with them).

export interface RequestDef<P, R> {
  readonly method: string;
  readonly params: Schema<P>;
  readonly result: Schema<R>;
}

export interface NotificationDef<P> {
  readonly method: string;
  readonly params: Schema<P>;
}

export const VALIDATE_REQUEST: RequestDef<ValidateParams, ValidateResult> = { method: VALIDATE_METHOD, params: VALIDATE_PARAMS, result: VALIDATE_RESULT };
export const SHOW_TABLES_REQUEST: RequestDef<ShowTablesParams, ShowTablesResult> = { method: SHOW_TABLES_METHOD, params: SHOW_TABLES_PARAMS, result: SHOW_TABLES_RESULT };
export const TABLES_REQUEST: RequestDef<TablesParams, TablesResult> = { method: TABLES_METHOD, params: TABLES_PARAMS, result: TABLES_RESULT };
export const READ_PUBLISHED_REQUEST: RequestDef<ReadPublishedParams, ReadPublishedResult> = { method: READ_PUBLISHED_METHOD, params: READ_PUBLISHED_PARAMS, result: READ_PUBLISHED_RESULT };
export const VALIDATE_WORKSPACE_REQUEST: RequestDef<ValidateWorkspaceParams, ValidateWorkspaceResult> = { method: VALIDATE_WORKSPACE_METHOD, params: VALIDATE_WORKSPACE_PARAMS, result: VALIDATE_WORKSPACE_RESULT };
export const SUMMARY_REQUEST: RequestDef<SummaryParams, SummaryResult> = { method: SUMMARY_METHOD, params: SUMMARY_PARAMS, result: SUMMARY_RESULT };
export const STATUS_NOTIFICATION: NotificationDef<StatusParams> = { method: STATUS_METHOD, params: STATUS_PARAMS };
export const DIAGNOSTICS_BATCH_NOTIFICATION: NotificationDef<DiagnosticsBatchParams> = { method: DIAGNOSTICS_BATCH_METHOD, params: DIAGNOSTICS_BATCH_PARAMS };

/** The status of a document from the answer to its govreport/validate. */
export function statusFromResult(uri: string, r: ValidateResult): StatusParams {
  return { uri, formatVersion: r.formatVersion, year: r.year, layout: r.layout, errors: r.errors, warnings: r.warnings, infos: r.infos, hints: r.hints, lastYear: r.lastYear, lastYearUri: r.lastYearUri, lastYearLabel: r.lastYearLabel };
}
