import { DomUtils, parseDocument } from 'htmlparser2';
import {
  DB_ENGINE_NAMES,
  type DbEngine,
  SQL_ERROR_SIGNATURES,
  type SqlErrorSignature,
  SUPERSEDES,
} from '../../kb/signatures/sql-errors.js';

/** How much of a body is searched: error pages put the message near the top. */
export const SQL_SCAN_CHARS = 256 * 1024;
const EXCERPT_BEFORE = 120;
const EXCERPT_AFTER = 320;

export interface SqlErrorMatch {
  sig: SqlErrorSignature;
  index: number;
  text: string;
}

export interface SqlErrorVerdict {
  engine: DbEngine;
  /** `PostgreSQL`, or `PostgreSQL (or a server speaking its protocol)` when only shared shapes matched. */
  engineName: string;
  /** Some match names the engine outright (not only shapes it shares with others). */
  specific: boolean;
  drivers: string[];
  /** The engine's first match in the text. */
  lead: SqlErrorMatch;
  matches: SqlErrorMatch[];
}

/**
 * The first match of every SQL error signature in `body`. A match whose text the request carried
 * (`echo`, e.g. the decoded request URL) is skipped: the page may only be repeating it.
 */
export function sqlErrorMatches(body: string, echo = ''): SqlErrorMatch[] {
  const text = body.slice(0, SQL_SCAN_CHARS);
  const carried = echo.toLowerCase();
  const out: SqlErrorMatch[] = [];
  for (const sig of SQL_ERROR_SIGNATURES) {
    const m = sig.pattern.exec(text);
    if (!m || carried.includes(m[0].toLowerCase())) continue;
    out.push({ sig, index: m.index, text: m[0] });
  }
  return out;
}

/** The engine a set of matches names: a specific shape over a shared one, CockroachDB over PostgreSQL. */
export function classifySqlError(matches: readonly SqlErrorMatch[]): SqlErrorVerdict | undefined {
  if (matches.length === 0) return undefined;
  const present = new Set(matches.map((m) => m.sig.engine));
  const superseded = new Set<DbEngine>();
  for (const e of present) for (const s of SUPERSEDES[e] ?? []) superseded.add(s);
  const live = matches.filter((m) => !superseded.has(m.sig.engine));
  const specific = live.filter((m) => !m.sig.shared);
  const pool = specific.length > 0 ? specific : live;
  // The engine with the most distinct shapes; ties go to the one seen first in the text.
  const score = new Map<DbEngine, { count: number; first: SqlErrorMatch }>();
  for (const m of pool) {
    const s = score.get(m.sig.engine);
    if (!s) score.set(m.sig.engine, { count: 1, first: m });
    else {
      s.count++;
      if (m.index < s.first.index) s.first = m;
    }
  }
  const [engine, best] = [...score].sort(
    ([, a], [, b]) => b.count - a.count || a.first.index - b.first.index,
  )[0]!;
  // Drivers of this engine, and of engines it supersedes (psycopg2 over CockroachDB).
  const related = new Set<DbEngine>([engine, ...(SUPERSEDES[engine] ?? [])]);
  const mine = matches.filter((m) => related.has(m.sig.engine));
  const drivers = [...new Set(mine.flatMap((m) => (m.sig.driver ? [m.sig.driver] : [])))];
  const isSpecific = specific.length > 0;
  return {
    engine,
    engineName: isSpecific
      ? DB_ENGINE_NAMES[engine]
      : `${DB_ENGINE_NAMES[engine]} (or a server speaking its protocol)`,
    specific: isSpecific,
    drivers,
    lead: best.first,
    matches: mine,
  };
}

/** The text around a match, as a reader would see it (tags dropped and entities decoded in HTML). */
export function sqlErrorExcerpt(body: string, match: SqlErrorMatch, html: boolean): string {
  const lineStart = body.lastIndexOf('\n', match.index) + 1;
  let start = Math.max(lineStart, match.index - EXCERPT_BEFORE);
  const end = match.index + match.text.length;
  let tail = body.slice(end, end + EXCERPT_AFTER);
  if (!html) return body.slice(start, end) + tail;
  // Start after a tag cut in half, and end before one.
  const head = body.slice(start, match.index);
  const gt = head.indexOf('>');
  const lt = head.indexOf('<');
  if (gt !== -1 && (lt === -1 || gt < lt)) start += gt + 1;
  tail = tail.replace(/<[^>]{0,400}$/, '');
  // Tags become spaces (so `<h1>a</h1><pre>b` reads `a b`); the parse then decodes entities.
  const text = (body.slice(start, end) + tail).replace(/<[^<>]{0,400}>/g, ' ');
  return DomUtils.textContent(parseDocument(text, { decodeEntities: true }));
}
