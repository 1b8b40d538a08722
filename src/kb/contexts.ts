import { DB_ENGINE_NAMES, DB_ENGINES, type DbEngine } from './signatures/sql-errors.js';
import {
  AUTH_CONTEXTS,
  type AuthContext,
  type ContextDoc,
  type ContextEntry,
  FIX_FRAMEWORKS,
  type FixStack,
  type RuleDoc,
} from './types.js';

/** A context the knowledge base can write for: an authentication scheme or a database engine. */
export type ContextKey = AuthContext | DbEngine;

export const AUTH_CONTEXT_NAMES: Record<AuthContext, string> = {
  'api-keys': 'API keys',
  hmac: 'HMAC signatures',
  jwt: 'JWT bearer tokens',
  'cookie-session': 'cookie sessions',
};

/**
 * The fingerprint's auth part ids (`fingerprint/parts.ts`) and the context whose advice they call
 * for. An opaque `bearer` token is not a JWT, and Basic, Digest and Negotiate change no advice here.
 */
export const AUTH_PART_CONTEXTS: Readonly<Record<string, AuthContext>> = {
  'api-key': 'api-keys',
  hmac: 'hmac',
  jwt: 'jwt',
  'cookie-session': 'cookie-session',
};

/** Frameworks that get a page per context (servers in front get their fix in the rule page only). */
export const PAGE_FRAMEWORKS = FIX_FRAMEWORKS;
export type PageFramework = (typeof PAGE_FRAMEWORKS)[number];

export const KB_DOCS_DIR = 'docs/kb';

export interface RuleContext {
  key: ContextKey;
  kind: 'auth' | 'database';
  /** Display name: `API keys`, `PostgreSQL`. */
  name: string;
  doc: ContextDoc;
}

export function isAuthContext(key: string): key is AuthContext {
  return (AUTH_CONTEXTS as readonly string[]).includes(key);
}

export function isDbEngine(key: string): key is DbEngine {
  return (DB_ENGINES as readonly string[]).includes(key);
}

export function contextName(key: ContextKey): string {
  return isAuthContext(key) ? AUTH_CONTEXT_NAMES[key] : DB_ENGINE_NAMES[key];
}

export function asContextDoc(entry: ContextEntry): ContextDoc {
  return typeof entry === 'string' ? { text: entry } : entry;
}

/** One context of a rule, or undefined when the rule says nothing for it. */
export function ruleContext(doc: RuleDoc, key: ContextKey): RuleContext | undefined {
  const entry = isAuthContext(key) ? doc.authContexts?.[key] : doc.contexts?.[key];
  if (!entry) return undefined;
  return {
    key,
    kind: isAuthContext(key) ? 'auth' : 'database',
    name: contextName(key),
    doc: asContextDoc(entry),
  };
}

/** Every context a rule writes for: authentication schemes first, then database engines, each in table order. */
export function ruleContexts(doc: RuleDoc): RuleContext[] {
  return [...AUTH_CONTEXTS, ...DB_ENGINES].flatMap((key) => {
    const c = ruleContext(doc, key);
    return c ? [c] : [];
  });
}

/** The context's advice with its code for `stack`, as appended to a finding's fix. */
export function contextAdvice(context: RuleContext, stack: string): string {
  const code = context.doc.fix?.[stack as FixStack];
  return code ? `${context.doc.text.trim()}\n\n${code.trim()}` : context.doc.text.trim();
}

/** Whether the rule has a page for this framework and context: it needs the framework's fix and the context. */
export function hasKbPage(doc: RuleDoc, framework: string, key: ContextKey): boolean {
  return (
    (PAGE_FRAMEWORKS as readonly string[]).includes(framework) &&
    Boolean(doc.fix[framework as FixStack]) &&
    ruleContext(doc, key) !== undefined
  );
}

/** `docs/kb/<rule>/<framework>-<context>.md`, from the repository root. */
export function kbPagePath(rule: string, framework: string, key: ContextKey): string {
  return `${KB_DOCS_DIR}/${rule}/${framework}-${key}.md`;
}
