import { htmlOf } from '../discovery/html.js';
import type { Exchange } from '../types.js';
import { groupFailures } from './lib/group.js';
import {
  type DocumentPolicy,
  documentReferrerPolicy,
  leaksFullUrl,
  leakyElements,
} from './lib/referrer-policy.js';
import { type UrlSecret, urlSecrets } from './lib/url-secrets.js';
import { defineCheck } from './types.js';

const RULE = 'referrer-policy-missing';

export default defineCheck({
  meta: {
    id: 'referrer-policy',
    title: 'Full page URLs may leak to other origins',
    category: 'headers',
    mode: 'passive',
    since: '0.1.0',
    maxRequests: 0,
    rules: {
      [RULE]: {
        title: 'Referrer-Policy lets full URLs leak cross-origin',
        severity: 'low',
        owasp: 'API8',
        cwe: 200,
      },
    },
  },
  async *run(ctx) {
    // Pages without secrets in their URL: an explicitly leaky policy is a low, site-wide finding.
    const plain: Exchange[] = [];
    const plainLeaky: Exchange[] = [];
    for (const ex of ctx.exchanges({ kind: 'document', status: '2xx' })) {
      const doc = documentReferrerPolicy(ex);
      const secrets = urlSecrets(ex.request.url);
      if (secrets.length === 0) {
        plain.push(ex);
        if (leaksFullUrl(doc.policy)) plainLeaky.push(ex);
        continue;
      }
      const finding = secretPageFinding(ex, doc, secrets);
      if (!finding) continue;
      yield ctx.finding(RULE, ex, { ...finding, headers: ['referrer-policy'] });
    }
    for (const group of groupFailures(plain, plainLeaky)) {
      const doc = documentReferrerPolicy(group.example);
      yield ctx.finding(RULE, group.example, {
        confidence: 'firm',
        url: group.url,
        instances: group.instances,
        headers: ['referrer-policy'],
        detail: `${group.instances} of ${group.judged} HTML pages set the policy ${doc.policy} (${doc.raw}), which sends the full page URL to other origins.`,
      });
    }
  },
});

type SecretFinding = { confidence: 'firm' | 'tentative'; severity: 'medium' | 'low'; detail: string };

/** A page whose URL carries a credential: medium when a policy lets it out, low when only the browser default holds it back. */
function secretPageFinding(
  ex: Exchange,
  doc: DocumentPolicy,
  secrets: readonly UrlSecret[],
): SecretFinding | undefined {
  const names = secrets.map((s) => s.name).join(', ');
  if (leaksFullUrl(doc.policy)) {
    return {
      confidence: 'firm',
      severity: 'medium',
      detail: `The URL carries a secret (${names}) and the page sets the policy ${doc.policy} (${doc.raw}): every link, image, script or fetch to another origin receives it in Referer.${otherOrigins(ex)}`,
    };
  }
  const elements = leakyElements(ex);
  if (elements.length > 0) {
    const el = elements[0]!;
    return {
      confidence: 'firm',
      severity: 'medium',
      detail: `The URL carries a secret (${names}) and <${el.tag} referrerpolicy="${el.policy}"> sends the full URL to ${new URL(el.url).origin}${elements.length > 1 ? ` (and ${elements.length - 1} more elements)` : ''}.`,
    };
  }
  if (doc.source === 'default') {
    return {
      confidence: 'tentative',
      severity: 'low',
      detail: `The URL carries a secret (${names}) and the page sets no referrer policy: current browsers default to strict-origin-when-cross-origin, older ones and some embedded browsers send the full URL to other origins.`,
    };
  }
  return undefined;
}

function otherOrigins(ex: Exchange): string {
  const html = htmlOf(ex);
  const page = new URL(ex.request.url);
  const origins = new Set<string>();
  for (const raw of [...html.links, ...html.scriptSrcs]) {
    try {
      const u = new URL(raw, new URL(html.base ?? page.href, page));
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin !== page.origin)
        origins.add(u.origin);
    } catch {
      // not a URL
    }
  }
  if (origins.size === 0) return '';
  const list = [...origins].slice(0, 3).join(', ');
  return ` The page already links to ${origins.size} other origin${origins.size > 1 ? 's' : ''} (${list}).`;
}
