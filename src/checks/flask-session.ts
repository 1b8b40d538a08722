import { maskSecret } from '../config/mask.js';
import { headerValues } from '../engine/exchange.js';
import { isDeletion, parseSetCookie } from '../engine/set-cookie.js';
import { SESSION_FIELDS } from '../kb/signatures/secrets.js';
import type { Exchange } from '../types.js';
import { decodeFlaskSession, type FlaskSession, findFlaskSecret } from './lib/flask-session.js';
import { pathOf } from './lib/where.js';
import { maskedSecret, secretWordlist } from './lib/wordlist.js';
import { defineCheck } from './types.js';

/** Distinct cookie values examined at most; one cookie name is searched for its secret once. */
const MAX_COOKIES = 40;
const MAX_DEPTH = 3;

interface Seen {
  name: string;
  value: string;
  ex: Exchange;
  /** `set by GET /login` or `given to Parapet`. */
  origin: string;
  /** Parapet was given it (`--cookie`) rather than seeing it set. */
  given?: true;
}

export default defineCheck({
  meta: {
    id: 'flask-session',
    title: 'Flask session cookies: guessable secret key, readable contents',
    category: 'authentication',
    mode: 'passive',
    since: '0.1.0',
    maxRequests: 0,
    rules: {
      'flask-session-weak-secret': {
        title: 'Session cookies can be forged: the secret key is a known weak value',
        severity: 'critical',
        owasp: 'API2',
        cwe: 1391,
      },
      'session-data-exposed': {
        title: 'The session cookie shows sensitive data to whoever holds it',
        severity: 'low',
        owasp: 'API3',
        cwe: 315,
      },
    },
  },
  async *run(ctx) {
    const words = secretWordlist();
    const searched = new Set<string>();
    const exposed = new Set<string>();
    for (const cookie of sessionCookies(ctx.exchanges(), ctx.config.credentials?.cookie)) {
      const session = decodeFlaskSession(cookie.value);
      if (!session) continue;
      const excerpt = `${cookie.given ? 'Cookie' : 'Set-Cookie'}: ${cookie.name}=${maskSecret(cookie.value)}`;
      if (!searched.has(cookie.name)) {
        searched.add(cookie.name);
        const i = findFlaskSecret(session, words);
        if (i >= 0) {
          yield ctx.finding('flask-session-weak-secret', cookie.ex, {
            confidence: 'confirmed',
            excerpt,
            detail: `The Flask session cookie \`${cookie.name}\` (${cookie.origin}) verifies with the secret key ${maskedSecret(words.labels[i]!)} from Parapet's list of weak keys: anyone can sign a session of their choosing, as any user with any role.`,
          });
        }
      }
      if (exposed.has(cookie.name)) continue;
      const fields = sensitiveFields(session);
      if (fields.length === 0) continue;
      exposed.add(cookie.name);
      const high = fields.some((f) => f.high);
      yield ctx.finding('session-data-exposed', cookie.ex, {
        confidence: 'firm',
        severity: high ? 'high' : 'low',
        excerpt,
        detail: `The session cookie \`${cookie.name}\` (${cookie.origin}) is signed, not encrypted: whoever holds it reads ${describeKeys(session)}. Sensitive: ${fields.map((f) => `${f.path}=${f.shown}`).join(', ')}.`,
      });
    }
  },
});

/** Every cookie the target set (not deleted) and the cookies Parapet was given, each value once. */
function sessionCookies(exchanges: readonly Exchange[], configured: string | undefined): Seen[] {
  const out: Seen[] = [];
  const values = new Set<string>();
  const add = (c: Omit<Seen, 'value'> & { value: string }) => {
    if (!c.value || values.has(c.value) || out.length >= MAX_COOKIES) return;
    values.add(c.value);
    out.push(c);
  };
  const now = Date.now();
  for (const ex of exchanges) {
    for (const raw of headerValues(ex.response?.headers, 'set-cookie')) {
      const c = parseSetCookie(raw);
      if (!c || isDeletion(c, now)) continue;
      add({
        name: c.name,
        value: c.value,
        ex,
        origin: `set by ${ex.request.method} ${pathOf(ex.request.url)}`,
      });
    }
  }
  const first = exchanges.find((ex) => ex.identity === 'primary') ?? exchanges[0];
  if (configured && first) {
    for (const pair of configured.split(';')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      add({
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
        ex: first,
        origin: 'given to Parapet',
      });
    }
  }
  return out;
}

interface Field {
  path: string;
  shown: string;
  high: boolean;
}

/** Fields whose names say they hold secrets, privileges or personal data (nested objects too). */
function sensitiveFields(session: FlaskSession): Field[] {
  const out: Field[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix + key;
      const name = key.toLowerCase().replace(/[^a-z0-9]/g, '');
      if (value && typeof value === 'object' && !Array.isArray(value) && depth < MAX_DEPTH) {
        walk(value as Record<string, unknown>, `${path}.`, depth + 1);
        continue;
      }
      if (value === null || value === '' || SESSION_FIELDS.ignore.test(name)) continue;
      const high = SESSION_FIELDS.high.test(name);
      if (!high && !SESSION_FIELDS.low.test(name)) continue;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      out.push({ path, shown: `\`${maskSecret(text)}\``, high });
    }
  };
  walk(session.data, '', 0);
  return out;
}

function describeKeys(session: FlaskSession): string {
  const keys = Object.keys(session.data);
  const list = keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', …' : '');
  return `${keys.length === 1 ? 'its field' : 'its fields'} ${list}${session.compressed ? ' (after inflating the compressed payload)' : ''}`;
}
