import { htmlOf } from '../discovery/html.js';
import { headerValues } from '../engine/exchange.js';
import { isDeletion, parseSetCookie } from '../engine/set-cookie.js';
import type { Exchange } from '../types.js';
import { renderedDocuments } from './lib/documents.js';
import { framingPolicy } from './lib/framing.js';
import { defineCheck } from './types.js';

/** Names session and login cookies go by across frameworks (anti-CSRF cookies excluded). */
const SESSION_COOKIE = /sess|sid|auth|token|jwt|login|remember|identity/i;
const NOT_SESSION = /csrf|xsrf/i;
const FRAMING_HEADERS = ['x-frame-options', 'content-security-policy', 'content-security-policy-report-only'];

export default defineCheck({
  meta: {
    id: 'clickjacking',
    title: 'Document can be framed cross-origin',
    category: 'framing',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10020'],
    maxRequests: 0,
    rules: {
      clickjacking: {
        title: 'Page can be framed by any site (clickjacking)',
        severity: 'high',
        owasp: 'API8',
        cwe: 1021,
      },
    },
  },
  async *run(ctx) {
    const documents = renderedDocuments(ctx);
    if (documents.length === 0 && ctx.exchanges({ kind: 'json', status: '2xx' }).length > 0) {
      ctx.note(
        'no HTML page was found; framing protection only matters for pages a browser renders, so JSON was not judged.',
      );
    }
    for (const ex of documents) {
      const html = htmlOf(ex);
      const policy = framingPolicy(ex.response!.headers, html.metaHttpEquiv);
      if (policy.blocksCrossOrigin) continue;
      const targets = clickTargets(ex);
      yield ctx.finding('clickjacking', ex, {
        confidence: 'firm',
        severity: targets.length > 0 ? 'high' : 'medium',
        headers: FRAMING_HEADERS,
        detail: `${policy.reason} The page ${targets.length > 0 ? `has ${targets.join(' and ')}` : 'has no form, button or session cookie'}.`,
      });
    }
  },
});

/** What a framed page offers an attacker to click: controls, and a session that makes clicks count. */
function clickTargets(ex: Exchange): string[] {
  const html = htmlOf(ex);
  const out: string[] = [];
  if (html.forms.length > 0) out.push(plural(html.forms.length, 'form'));
  else if (html.controls > 0) out.push(plural(html.controls, 'button or input', 'buttons or inputs'));
  const cookie = sessionCookie(ex);
  if (cookie) out.push(cookie);
  return out;
}

function sessionCookie(ex: Exchange): string | undefined {
  const isSession = (name: string) => SESSION_COOKIE.test(name) && !NOT_SESSION.test(name);
  for (const header of headerValues(ex.response?.headers, 'set-cookie')) {
    const c = parseSetCookie(header);
    if (c && !isDeletion(c, Date.now()) && isSession(c.name)) return `sets the session cookie ${c.name}`;
  }
  for (const pair of (ex.request.headers.cookie ?? '').split(';')) {
    const name = pair.split('=')[0]!.trim();
    if (name && isSession(name)) return `is served to a session (cookie ${name})`;
  }
  return undefined;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
