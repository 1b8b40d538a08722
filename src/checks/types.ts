import type { ScanConfig } from '../config/schema.js';
import type { Site } from '../discovery/site.js';
import type { SendOptions } from '../engine/engine.js';
import type { ContentKind, StatusClass } from '../engine/exchange.js';
import type { Category, Confidence, Exchange, Mode, OwaspApi, Severity } from '../types.js';

export interface RuleMeta {
  title: string;
  severity: Severity;
  owasp: OwaspApi;
  cwe: number | null;
}

export interface CheckMeta<R extends string = string> {
  /** The check's id; equal to its file name. */
  id: string;
  title: string;
  category: Category;
  /** passive: reads recorded exchanges (GET re-fetches allowed within maxRequests); safe: GET/HEAD/OPTIONS; active: anything, only with --active. */
  mode: Mode;
  /** Parapet version that introduced the check. */
  since: string;
  /** Equivalent rules in other tools, e.g. `zap:10020`. */
  sameAs?: string[];
  /** The most requests one run may send; the engine refuses more. */
  maxRequests: number;
  /** The rule ids this check emits (from RULES.md), with their defaults. */
  rules: Record<R, RuleMeta>;
}

export interface ExchangeFilter {
  kind?: ContentKind | ContentKind[];
  status?: StatusClass | StatusClass[];
}

export interface FindingInput {
  confidence: Confidence;
  /**
   * What the finding is about within its URL, when one URL can have several (a cookie name, a
   * header, a parameter): part of the dedupe key and of the finding's fingerprint.
   */
  subject?: string;
  /** What was observed, in one or two sentences (becomes evidence.detail). */
  detail: string;
  severity?: Severity;
  /** Override the affected URL (a pattern like `/users/{id}`, or another URL than the exchange's). */
  url?: string;
  method?: string;
  /** Response header names to quote in the evidence. */
  headers?: string[];
  /** A body excerpt to quote (it is trimmed and masked later). */
  excerpt?: string;
  /** How many responses this finding stands for, when the check grouped them itself (default 1). */
  instances?: number;
}

/** What a check yields; the scan adds title, category, description, fix and mappings. */
export interface RawFinding {
  rule: string;
  check: string;
  subject?: string;
  severity: Severity;
  confidence: Confidence;
  method: string;
  url: string;
  identity: string;
  /** Set when the check grouped several responses into this one finding. */
  instances?: number;
  evidence: {
    request: string;
    status?: number;
    headers?: Record<string, string>;
    excerpt?: string;
    detail: string;
  };
}

export interface CheckContext<R extends string = string> {
  readonly config: ScanConfig;
  readonly target: URL;
  readonly site: Site;
  readonly signal: AbortSignal;
  /** Discovery's exchanges that have a response, filtered. */
  exchanges(filter?: ExchangeFilter): Exchange[];
  /** Sends a request through the engine (counted against meta.maxRequests). */
  request(opts: Omit<SendOptions, 'initiator'>): Promise<Exchange>;
  /** Builds a finding for one of this check's rules from the exchange that proves it. */
  finding(rule: R, ex: Exchange, input: FindingInput): RawFinding;
  /** A note for the report: something that could not be tested, and why. */
  note(text: string): void;
}

export interface Check<R extends string = string> {
  meta: CheckMeta<R>;
  run(ctx: CheckContext<R>): AsyncIterable<RawFinding>;
}

/** Declares a check; the rule ids in `meta.rules` type the ids `ctx.finding` accepts. */
export function defineCheck<R extends string>(check: Check<R>): Check<R> {
  return check;
}
