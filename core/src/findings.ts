// What a rule reports. Plain data: the server turns it into an LSP Diagnostic, the CLI into
// text/JSON/SARIF. Fixes travel here as edits, never as message text to be parsed back.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Locale = 'zh' | 'en';

/** Replace [start, end) with newText (offsets into the text the report was parsed from). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Shown as the quick fix title. */
  title: string;
  /** Safe fixes never change what the report says; they are applied by fix-all and `--fix`. */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedInfo {
  start: number;
  end: number;
  message: string;
  /**
   * Set when the place is in last year's report (`CheckOptions.previous`): its name as the caller
   * gave it (a path, a URI); `start`/`end` are then offsets into that report's text
   * (`CheckResult.previous.report` turns them into positions).
   */
  file?: string;
}

export interface Finding {
  /** The rule id, used as the diagnostic code. */
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  related?: RelatedInfo[];
  fix?: Fix;
  /** For sums: the cell and numbers, for hovers and tests. */
  data?: Record<string, unknown>;
}

export interface RuleMeta {
  /** Stable kebab-case id. */
  id: string;
  description: { zh: string; en: string };
  defaultSeverity: Severity;
  /** Whether the rule offers a fix, and whether that fix is safe to apply without review. */
  fix: 'safe' | 'suggested' | 'none';
}

export const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];
