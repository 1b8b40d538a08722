import { describe, expect, it } from 'vitest';
import type { Finding } from '../../types.js';
import { alsoOnLine, groupFindings } from './group.js';

const ORIGIN = 'http://127.0.0.1:5000';

type Change = Omit<Partial<Finding>, 'evidence'> & { evidence?: Partial<Finding['evidence']> };

/** A finding on `path`; `{url}` and `{path}` in the evidence texts stand for its own location. */
function at(path: string, change: Change = {}): Finding {
  const url = path.startsWith('http') ? path : `${ORIGIN}${path}`;
  const own = (s: string) => s.replaceAll('{url}', url).replaceAll('{path}', path);
  const ev = { status: 200, detail: 'No X-Frame-Options.', ...change.evidence };
  return {
    rule: 'clickjacking',
    check: 'clickjacking',
    title: 'Page can be framed',
    category: 'framing',
    severity: 'high',
    confidence: 'firm',
    method: 'GET',
    instances: 1,
    identity: 'anonymous',
    description: 'Any site can frame it.',
    remediation: { text: 'Send frame-ancestors.', stack: 'generic', docs: 'docs/rules/clickjacking.md' },
    mappings: { owasp: 'API8', owaspTitle: 'Security Misconfiguration', cwe: 1021, pciDss: [], soc2: [] },
    fingerprint: path,
    ...change,
    url,
    evidence: {
      ...ev,
      request: `${change.method ?? 'GET'} ${url}`,
      detail: own(ev.detail),
      ...(ev.excerpt !== undefined ? { excerpt: own(ev.excerpt) } : {}),
    },
  };
}

const sizes = (findings: Finding[]) => groupFindings(findings).map((g) => 1 + g.others.length);

describe('groupFindings', () => {
  it.each<[string, Finding[]]>([
    ['the same evidence on two pages', [at('/a'), at('/b')]],
    [
      'evidence that names its own URL',
      [
        at('/a', { evidence: { detail: 'The POST form to {url} (on {url}) has no token.' } }),
        at('/b', { evidence: { detail: 'The POST form to {url} (on {url}) has no token.' } }),
      ],
    ],
    [
      'evidence that names its own path, and an excerpt with its URL',
      [
        at('/a', {
          evidence: { detail: 'GET {path} answered 200.', excerpt: 'action="{url}"' },
        }),
        at('/b', {
          evidence: { detail: 'GET {path} answered 200.', excerpt: 'action="{url}"' },
        }),
      ],
    ],
    [
      'URL patterns, their evidence naming the URL requested',
      [
        {
          ...at('/items/1', { evidence: { detail: 'GET {path} answered 200.' } }),
          url: `${ORIGIN}/items/{id}`,
          instances: 3,
        },
        {
          ...at('/users/2', { evidence: { detail: 'GET {path} answered 200.' } }),
          url: `${ORIGIN}/users/{id}`,
          instances: 2,
        },
      ],
    ],
  ])('groups %s', (_, findings) => expect(sizes(findings)).toEqual([2]));

  it.each<[string, Change]>([
    ['another cookie', { evidence: { detail: 'Set-Cookie for `remember` without HttpOnly.' } }],
    ['another header value', { evidence: { headers: { server: 'Apache/2.4.1' } } }],
    ['another parameter', { subject: 'query:name' }],
    ['another excerpt', { evidence: { excerpt: '<form id=2>' } }],
    ['another status', { evidence: { status: 403 } }],
    ['another severity', { severity: 'medium' }],
    ['another confidence', { confidence: 'tentative' }],
    ['another method', { method: 'POST' }],
    ['another identity', { identity: 'primary' }],
    ['another fix', { remediation: { text: 'Use Flask-Talisman.', stack: 'flask', docs: 'docs/x.md' } }],
    ['a suppression', { suppressed: { reason: 'accepted', expires: '2099-01-01' } }],
  ])('keeps apart %s', (_, change) => {
    const base = { evidence: { detail: 'No X-Frame-Options.', headers: { server: 'nginx' } } };
    const first = at('/a', base);
    expect(sizes([first, at('/b', base)])).toEqual([2]);
    const evidence = { ...base.evidence, ...change.evidence };
    expect(sizes([first, at('/b', { ...base, ...change, evidence })])).toEqual([1, 1]);
  });

  it.each([
    ['a longer path that starts with its own', 'It links to {path}-us.'],
    ['the same path on another site', 'It loads https://cdn.test{path}.'],
    ['a query on its own path', 'It posts to {path}?next=1.'],
  ])('does not take %s for its own location', (_, detail) => {
    expect(sizes([at('/about', { evidence: { detail } }), at('/blog', { evidence: { detail } })])).toEqual([
      1, 1,
    ]);
  });

  it('keeps the order of the first finding of each group', () => {
    const other = { rule: 'csp-missing' };
    const groups = groupFindings([at('/a'), at('/a', other), at('/b'), at('/b', other), at('/c')]);
    expect(groups.map((g) => [g.first.rule, g.others.map((f) => f.url)])).toEqual([
      ['clickjacking', [`${ORIGIN}/b`, `${ORIGIN}/c`]],
      ['csp-missing', [`${ORIGIN}/b`]],
    ]);
  });
});

describe('alsoOnLine', () => {
  const target = `${ORIGIN}/`;
  const group = (paths: string[]) => groupFindings(paths.map((p) => at(p)))[0]!;

  it('is nothing for a finding seen once', () => {
    expect(alsoOnLine(group(['/']), target, (s) => s)).toBeUndefined();
  });

  it('counts the other URLs and quotes a few, sorted, same-origin ones as paths', () => {
    const pages = ['/', '/team', '/blog', '/about?x=1', 'http://127.0.0.1:5001/embed', '/faq', '/docs'];
    expect(alsoOnLine(group(pages), target, (s) => `[${s}]`, 3)).toBe(
      'Also on 6 more URLs: [/about?x=1], [/blog], [/docs], … (+3 more)',
    );
    expect(alsoOnLine(group(pages), target, (s) => s, 10)).toBe(
      'Also on 6 more URLs: /about?x=1, /blog, /docs, /faq, /team, http://127.0.0.1:5001/embed',
    );
    expect(alsoOnLine(group(['/', '/a']), target, (s) => s)).toBe('Also on 1 more URL: /a');
  });
});
