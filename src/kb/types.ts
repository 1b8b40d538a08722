import type { DbEngine } from './signatures/sql-errors.js';

/** Frameworks the knowledge base writes fixes for, in the order pages list them. */
export const FIX_FRAMEWORKS = [
  'flask',
  'django',
  'fastapi',
  'express',
  'rails',
  'spring',
  'aspnet',
  'go',
  'laravel',
] as const;
/** Frameworks and servers the knowledge base writes fixes for (StackPart ids from fingerprinting). */
export const FIX_STACKS = [...FIX_FRAMEWORKS, 'nginx', 'apache', 'caddy'] as const;
export type FixStack = (typeof FIX_STACKS)[number];

/**
 * The ways of authenticating that change a rule's advice. Fingerprinting names the scheme it saw
 * (`kb/contexts.ts` maps its auth part ids to these keys).
 */
export const AUTH_CONTEXTS = ['api-keys', 'hmac', 'jwt', 'cookie-session'] as const;
export type AuthContext = (typeof AUTH_CONTEXTS)[number];

/** A short question and its answer, for the pages of one rule × framework × context. */
export interface Faq {
  q: string;
  a: string;
}

/** What one context (an auth scheme, a database engine) changes about a rule. */
export interface ContextDoc {
  /** Markdown: how the context creates, exposes or changes the weakness, and what it adds to the fix. */
  text: string;
  /** The context's part of the fix in one framework's own code, where that framework needs one. */
  fix?: Partial<Record<FixStack, string>>;
  /** Short questions and answers for the combination pages. */
  faq?: Faq[];
}

/** A context's advice: plain Markdown, or the text with per-framework code and questions. */
export type ContextEntry = string | ContextDoc;

export interface Reference {
  title: string;
  url: string;
}

/**
 * Everything Parapet says about one rule, in Parapet's own words. The rule's doc page, the
 * finding's description and its remediation are all generated from this.
 */
export interface RuleDoc {
  /**
   * The weakness in a few words, for titles such as "Clickjacking in Flask with API keys"
   * (the rule's title when absent).
   */
  topic?: string;
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
  contexts?: Partial<Record<DbEngine, ContextEntry>>;
  /**
   * Advice for one authentication scheme, appended to the chosen fix when the stack shows that scheme.
   * Only where the scheme changes the advice.
   */
  authContexts?: Partial<Record<AuthContext, ContextEntry>>;
  /** Markdown: what the check cannot see or may get wrong. */
  limitations: string;
  references: Reference[];
  /**
   * OWASP ASVS requirement ids (version `ASVS_VERSION` in `kb/standards.ts`, without the version
   * prefix), e.g. `3.4.6`. Each must be in that file's table.
   */
  asvs?: string[];
  /** PCI DSS 4.0 requirement numbers that apply, e.g. `6.2.4`. */
  pciDss: string[];
  /** SOC 2 trust services criteria, e.g. `CC6.1`. */
  soc2: string[];
}
