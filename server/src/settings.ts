// The `govreport.*` settings as the server uses them: read per resource, normalised (anything
// malformed falls back to its default, so a bad settings.json never stops validation).
import { FORMAT_VERSIONS, RULE_META, type FormatVersion, type ReviewerOptions, type RuleSetting } from '../../core/src';
import { DEFAULT_MAX_FILE_SIZE } from '../../host/src/files';

export type RunMode = 'onType' | 'onSave';
export type InlayMode = 'auto' | 'on' | 'off';

export interface Settings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  formatVersion: 'auto' | FormatVersion;
  validateRun: RunMode;
  inlayHints: InlayMode;
  /**
   * Largest document checked, in characters (UTF-16 code units, the text's length), for an open
   * document, a given text and a file read from disk alike; a file larger than
   * `maxEncodedBytes(maxFileSize)` bytes cannot be that short and is not read.
   */
  maxFileSize: number;
  /** `govreport.reviewer.*`: the kind of body and deadlines for publication-deadline. */
  reviewer: ReviewerOptions;
  /** `govreport.lastYear.enable`: look for last year's report of each open report (cross-year rules). */
  lastYear: boolean;
  /** `govreport.lastYear.folders`: where to look for last year's reports (none: the whole workspace). */
  lastYearFolders: string[];
  /** `govreport.workspace.warmUp`: start and warm the workspace check's workers while idle after start-up. */
  workspaceWarmUp: boolean;
}

export { DEFAULT_MAX_FILE_SIZE };

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  formatVersion: 'auto',
  validateRun: 'onType',
  inlayHints: 'auto',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  reviewer: {},
  lastYear: true,
  lastYearFolders: [],
  workspaceWarmUp: true,
});

const RULE_SETTINGS = new Set<string>(['off', 'error', 'warning', 'information', 'hint']);
const KNOWN_RULES = new Set(RULE_META.map((m) => m.id));

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads `a.b` either nested (`{ a: { b } }`, what VS Code sends) or flat (`{ 'a.b': … }`). */
function dotted(raw: Record<string, unknown>, a: string, b: string): unknown {
  const nested = raw[a];
  if (nested && typeof nested === 'object' && b in (nested as object)) return (nested as Record<string, unknown>)[b];
  return raw[`${a}.${b}`];
}

export function normalizeSettings(value: unknown): Settings {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ...DEFAULT_SETTINGS, rules: {}, reviewer: {}, lastYearFolders: [] };
  const raw = value as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (raw.rules && typeof raw.rules === 'object' && !Array.isArray(raw.rules)) {
    for (const [id, v] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && RULE_SETTINGS.has(v) && (KNOWN_RULES.has(id) || id === 'internal-error')) rules[id] = v as RuleSetting;
    }
  }
  const max = raw.maxFileSize;
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : true,
    rules,
    formatVersion: pick(raw.formatVersion, ['auto', ...FORMAT_VERSIONS] as const, 'auto'),
    validateRun: pick(dotted(raw, 'validate', 'run'), ['onType', 'onSave'] as const, 'onType'),
    inlayHints: pick(dotted(raw, 'inlayHints', 'enable'), ['auto', 'on', 'off'] as const, 'auto'),
    maxFileSize: typeof max === 'number' && Number.isFinite(max) && max > 0 ? max : DEFAULT_MAX_FILE_SIZE,
    reviewer: reviewerOf(raw),
    lastYear: dotted(raw, 'lastYear', 'enable') !== false,
    lastYearFolders: foldersOf(dotted(raw, 'lastYear', 'folders')),
    workspaceWarmUp: dotted(raw, 'workspace', 'warmUp') !== false,
  };
}

/** A list of folder paths; anything else left out. */
function foldersOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter((f): f is string => typeof f === 'string' && f.trim() !== '' && !f.includes('\0')).map((f) => f.trim()).slice(0, 100);
}

/** `govreport.reviewer.*`, anything malformed left out (the rule's defaults then apply). */
function reviewerOf(raw: Record<string, unknown>): ReviewerOptions {
  const out: ReviewerOptions = {};
  const kind = dotted(raw, 'reviewer', 'bodyKind');
  if (kind === 'government' || kind === 'department') out.bodyKind = kind;
  const d = dotted(raw, 'reviewer', 'deadlines');
  if (d && typeof d === 'object' && !Array.isArray(d)) {
    const deadlines: NonNullable<ReviewerOptions['deadlines']> = {};
    for (const k of ['government', 'department'] as const) {
      const v = (d as Record<string, unknown>)[k];
      if (typeof v === 'string' && /^\d{1,2}-\d{1,2}$/.test(v)) deadlines[k] = v;
    }
    if (deadlines.government || deadlines.department) out.deadlines = deadlines;
  }
  if (dotted(raw, 'reviewer', 'requireDate') === true) out.requireDate = true;
  return out;
}

/** What an analysis depends on: two settings with the same key give the same findings. */
export function analysisKey(s: Settings): string {
  const rules = Object.keys(s.rules)
    .sort()
    .map((k) => `${k}=${s.rules[k]}`)
    .join(',');
  const r = s.reviewer;
  return `${s.formatVersion}|${s.maxFileSize}|${rules}|${r.bodyKind ?? ''}|${r.deadlines?.government ?? ''}|${r.deadlines?.department ?? ''}|${r.requireDate ? 1 : 0}|${s.lastYear ? 1 : 0}|${s.lastYearFolders.join('\0')}`;
}
