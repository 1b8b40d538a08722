import { htmlOf } from '../discovery/html.js';
import {
  type CspPolicy,
  type InlineKind,
  inlineScript,
  inlineScriptAllowed,
  metaPolicies,
  responsePolicies,
} from './lib/csp.js';
import { renderedDocuments } from './lib/documents.js';
import { defineCheck } from './types.js';

const CSP_HEADERS = ['content-security-policy', 'content-security-policy-report-only'];

export default defineCheck({
  meta: {
    id: 'csp-missing',
    title: 'Content-Security-Policy missing or allows inline scripts',
    category: 'headers',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10038', 'zap:10055'],
    maxRequests: 0,
    rules: {
      'csp-missing': {
        title: 'No enforced Content-Security-Policy against injected scripts',
        severity: 'low',
        owasp: 'API8',
        cwe: 693,
      },
    },
  },
  async *run(ctx) {
    for (const ex of renderedDocuments(ctx)) {
      const html = htmlOf(ex);
      const { enforced, reportOnly } = responsePolicies(ex.response!.headers);
      if (!inlineScriptAllowed(enforced)) continue;
      const meta = metaPolicies(html.metaHttpEquiv);
      const all = [...enforced, ...meta];
      const interactive = html.forms.length > 0 || html.controls > 0;
      const metaExcerpt = meta
        .map((p) => `<meta http-equiv="Content-Security-Policy" content="${p.raw}">`)
        .join(' ');
      const reportOnlyNote =
        reportOnly.length > 0
          ? ' A Content-Security-Policy-Report-Only header is present: it reports violations and blocks nothing.'
          : '';

      if (!inlineScriptAllowed(all)) {
        // Browsers do enforce a meta policy's script rules, but only from the element on.
        yield ctx.finding('csp-missing', ex, {
          confidence: 'tentative',
          severity: 'low',
          headers: CSP_HEADERS,
          excerpt: metaExcerpt,
          detail: `${enforced.length > 0 ? 'The Content-Security-Policy header does not restrict scripts; only a <meta> element does.' : 'The only Content-Security-Policy is in a <meta> element.'} Browsers enforce it only from that element on, so markup injected before it escapes it, and it cannot carry frame-ancestors, sandbox or reporting.${reportOnlyNote}`,
        });
        continue;
      }
      yield ctx.finding('csp-missing', ex, {
        confidence: 'firm',
        severity: interactive ? 'medium' : 'low',
        headers: CSP_HEADERS,
        ...(meta.length > 0 ? { excerpt: metaExcerpt } : {}),
        detail: describe(all) + reportOnlyNote,
      });
    }
  },
});

/** Why the policies (possibly none) let an injected inline script run. */
function describe(policies: readonly CspPolicy[]): string {
  for (const p of policies) {
    for (const kind of ['element', 'attribute'] as InlineKind[]) {
      const { verdict, directive } = inlineScript(p, kind);
      if (verdict !== 'unsafe-inline') continue;
      const where = p.source === 'meta' ? 'The <meta> policy' : 'The enforced policy';
      return `${where} allows inline scripts: "${directive} ${p.directives.get(directive!)!.join(' ')}" holds 'unsafe-inline' with no nonce, hash or 'strict-dynamic' to neutralise it.`;
    }
  }
  if (policies.length > 0) {
    return 'The enforced Content-Security-Policy has no script-src or default-src, so it does not restrict scripts.';
  }
  return 'No enforced Content-Security-Policy header.';
}
