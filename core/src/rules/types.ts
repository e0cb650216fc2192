import type { Finding, Locale, RuleMeta, Severity } from '../findings';
import type { Report } from '../model';

export interface RuleContext {
  report: Report;
  locale: Locale;
  /** Picks the message for the locale. Chinese is the product's language; English the fallback. */
  t(zh: string, en: string): string;
  /** Reports a finding; severity defaults to the rule's (configured) severity. */
  add(f: Omit<Finding, 'rule' | 'severity'> & { severity?: Severity }): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
