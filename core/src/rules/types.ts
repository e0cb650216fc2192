import type { DecodeNote } from '../encoding';
import type { PreviousReport, ReviewerOptions } from '../engine';
import type { Finding, Locale, RuleMeta, Severity } from '../findings';
import type { Report } from '../model';

/** A message, or a function that makes it. */
export type Message = string | (() => string);

export interface RuleContext {
  report: Report;
  locale: Locale;
  /** What decoding the file noticed (absent for a text from the editor); see `file-encoding`. */
  source?: { notes: readonly DecodeNote[] };
  /** The reviewer's settings (publication-deadline). */
  reviewer?: ReviewerOptions;
  /** Last year's report of the same body, when the caller gave one (see `lastYear` in util.ts). */
  previous?: PreviousReport;
  /**
   * Picks the message for the locale. Chinese is the product's language; English the fallback.
   * Either may be a function, called only when its locale is the one picked: a rule with many
   * findings then builds one message each, not two.
   */
  t(zh: Message, en: Message): string;
  /** Reports a finding; severity defaults to the rule's (configured) severity. */
  add(f: FindingInput): void;
}

/** What a rule reports: a finding without its rule, with an optional severity of its own. */
export type FindingInput = Omit<Finding, 'rule' | 'severity'> & { severity?: Severity };

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
