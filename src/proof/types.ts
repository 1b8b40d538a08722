import type { Page } from 'playwright-core';
import type { RuleId } from '../catalogue.js';
import type { RawFinding } from '../checks/types.js';
import type { ScanConfig } from '../config/schema.js';
import type { Site } from '../discovery/site.js';
import type { Exchange } from '../types.js';
import type { Artifacts } from './artifacts.js';
import type { AttackerSite } from './attacker.js';

/** What a prover gets: the scan's material, a browser tab factory and a second site to attack from. */
export interface ProofContext {
  readonly config: ScanConfig;
  readonly site: Site;
  /** Every exchange of the scan, the active probes' requests among them. */
  readonly exchanges: readonly Exchange[];
  /** A new tab in the scan's browser context: the scan's cookies are set, requests out of scope are blocked. */
  page(): Promise<Page>;
  /** The attacker's site: another origin (and site) than the target's, served by Parapet. */
  readonly attacker: AttackerSite;
  /** Where screenshots and proof-of-concept pages go (`--artifacts`); undefined when not asked for. */
  readonly artifacts: Artifacts | undefined;
  note(text: string): void;
  readonly signal: AbortSignal;
}

/**
 * Proves (or disproves) one rule's findings in a real browser after the checks ran. It returns the
 * findings to keep: confirmed ones rewritten, unproven ones unchanged, withdrawn ones left out (each
 * withdrawal with a note saying why).
 */
export interface Prover {
  rule: RuleId;
  prove(findings: readonly RawFinding[], ctx: ProofContext): Promise<RawFinding[]>;
}
