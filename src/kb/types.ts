import type { DbEngine } from './signatures/sql-errors.js';

/** Frameworks and servers the knowledge base writes fixes for (StackPart ids from fingerprinting). */
export const FIX_STACKS = [
  'flask',
  'django',
  'fastapi',
  'express',
  'rails',
  'spring',
  'aspnet',
  'go',
  'laravel',
  'nginx',
  'apache',
  'caddy',
] as const;
export type FixStack = (typeof FIX_STACKS)[number];

export interface Reference {
  title: string;
  url: string;
}

/**
 * Everything Parapet says about one rule, in Parapet's own words. The rule's doc page, the
 * finding's description and its remediation are all generated from this.
 */
export interface RuleDoc {
  /** One or two sentences: why the finding matters (the finding's description). */
  summary: string;
  /** Markdown: what the weakness is and how an attacker uses it. */
  meaning: string;
  /** Markdown: exactly how Parapet decides, including what does not fire. */
  decides: string;
  /** Markdown fixes: `generic` always, and one per stack where the fix differs. */
  fix: { generic: string } & Partial<Record<FixStack, string>>;
  /**
   * Markdown advice for one database engine, appended to the chosen fix when the stack names that
   * engine (the fix stays chosen by framework; this adds the driver's side of it).
   */
  contexts?: Partial<Record<DbEngine, string>>;
  /** Markdown: what the check cannot see or may get wrong. */
  limitations: string;
  references: Reference[];
  /** PCI DSS 4.0 requirement numbers that apply, e.g. `6.2.4`. */
  pciDss: string[];
  /** SOC 2 trust services criteria, e.g. `CC6.1`. */
  soc2: string[];
}
