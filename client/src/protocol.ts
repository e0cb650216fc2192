// Custom LSP messages exchanged with the GovReport language server (dist/server.js).
// The server must use exactly these method names and payload shapes.

/** Request `govreport/validate`: validate a text (also one the server has not opened). */
export const VALIDATE_REQUEST = 'govreport/validate';

export interface ValidateParams {
  /** Document URI as a string (`vscode.Uri.toString()`). */
  uri: string;
  /** Full text of the document. */
  text: string;
  /** VS Code language id of the document (`govreport`, `plaintext`, …). */
  languageId: string;
}

export interface ValidateResult {
  /** Number of error diagnostics. */
  errors: number;
  /** Number of warning diagnostics. */
  warnings: number;
  /** Number of information (and hint) diagnostics. */
  infos: number;
  /** Detected or configured format version, e.g. "2019" or "2021"; null when unknown. */
  formatVersion: string | null;
  /** Report year, e.g. 2020; null when unknown. */
  year: number | null;
  /** The LSP diagnostics that were also published for `uri`. */
  diagnostics: unknown[];
}

/** Request `govreport/showTables`: the parsed tables of a document as aligned text grids. */
export const SHOW_TABLES_REQUEST = 'govreport/showTables';

export interface ShowTablesParams {
  /** Document URI as a string. */
  uri: string;
  /**
   * Full text of the document. The client always sends it so that the server can answer for a
   * document it does not hold (for example one still in plain text); a server may ignore it.
   */
  text?: string;
}

export interface ShowTablesResult {
  /** Plain text holding the aligned grids of tables 二, 三 and 四. */
  text: string;
}

/** Notification `govreport/status` (server → client), sent after a validation whose status differs from the last one sent for that document. */
export const STATUS_NOTIFICATION = 'govreport/status';

export interface StatusParams {
  uri: string;
  formatVersion: string | null;
  year: number | null;
  errors: number;
  warnings: number;
  infos: number;
}

/** Reads a count that a server might send either as a number or as a list of items. */
export function countOf(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.length;
  return 0;
}

/** Normalises a validate result or status payload into a status record. */
export function toStatus(uri: string, value: Partial<ValidateResult | StatusParams> | null | undefined): StatusParams {
  const v = (value ?? {}) as Record<string, unknown>;
  const fv = v.formatVersion;
  const year = v.year;
  return {
    uri,
    formatVersion: typeof fv === 'string' || typeof fv === 'number' ? String(fv) : null,
    year: typeof year === 'number' ? year : typeof year === 'string' && /^\d{4}$/.test(year) ? Number(year) : null,
    errors: countOf(v.errors),
    warnings: countOf(v.warnings),
    infos: countOf(v.infos),
  };
}
