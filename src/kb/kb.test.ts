/**
 * The knowledge base as data: every entry complete (a fix per framework, ASVS ids, mappings that exist
 * in src/kb/standards.ts), the validators themselves, and the choice of a finding's fix from the stack.
 * The structural checks of each entry run in src/checks/contract.test.ts (`kbProblems`).
 */
import { describe, expect, it } from 'vitest';
import { kbGaps, kbProblems } from '../docs/kb-validate.js';
import { PARTS } from '../fingerprint/parts.js';
import type { Stack, StackPart } from '../types.js';
import { AUTH_PART_CONTEXTS } from './contexts.js';
import { KB } from './index.js';
import { selectRemediation } from './select.js';
import { ASVS, PCI_DSS, SOC2 } from './standards.js';
import { AUTH_CONTEXTS, type RuleDoc } from './types.js';

const part = (id: string, evidence = `${id} seen`): StackPart => ({ id, name: id.toUpperCase(), evidence });
const stack = (s: Partial<Record<keyof Stack, string[]>>): Stack => ({
  server: (s.server ?? []).map((id) => part(id)),
  framework: (s.framework ?? []).map((id) => part(id)),
  language: [],
  auth: (s.auth ?? []).map((id) => part(id)),
  database: (s.database ?? []).map((id) => part(id)),
});

const doc: RuleDoc = {
  topic: 'Clickjacking',
  summary: 'Another site can frame the page.',
  meaning: 'Framed pages take clicks.',
  decides: 'Fires on HTML.',
  fix: {
    generic: 'Send frame-ancestors.',
    flask: 'FLASK-FIX\n\n```python fix=flask\n@app.after_request\ndef h(r):\n    return r\n```',
    nginx: 'NGINX-FIX',
  },
  authContexts: {
    'api-keys': { text: 'KEYS-TEXT', fix: { flask: 'KEYS-FLASK-CODE' }, faq: [{ q: 'Why?', a: 'Because.' }] },
    'cookie-session': 'COOKIE-TEXT',
  },
  contexts: { postgresql: 'PG-TEXT' },
  limitations: 'Only what it saw.',
  references: [{ title: 'CSP', url: 'https://www.w3.org/TR/CSP3/' }],
  asvs: ['3.4.6'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.6'],
};

describe('every knowledge-base entry', () => {
  it('has a fix for each framework and cites ASVS (rule: what it lacks)', () => {
    const gaps = Object.fromEntries(
      Object.entries(KB)
        .map(([rule, d]) => [rule, kbGaps(d)] as const)
        .filter(([, g]) => g.length > 0),
    );
    expect(gaps).toEqual({});
  });
});

describe('the standards tables', () => {
  it('hold well-formed ids with a description each', () => {
    for (const [id, text] of Object.entries(ASVS))
      expect(`${id}:${/^\d+\.\d+\.\d+$/.test(id)}:${text.length > 10}`).toBe(`${id}:true:true`);
    for (const id of Object.keys(PCI_DSS)) expect(id).toMatch(/^\d{1,2}(\.\d{1,2}){1,3}$/);
    for (const id of Object.keys(SOC2)) expect(id).toMatch(/^(CC|A|C|PI|P)\d\.\d{1,2}$/);
  });
});

describe('auth contexts and the fingerprint', () => {
  it('map only auth parts, and every context is reachable from one', () => {
    for (const id of Object.keys(AUTH_PART_CONTEXTS))
      expect(PARTS[id as keyof typeof PARTS]?.kind, id).toBe('auth');
    expect([...new Set(Object.values(AUTH_PART_CONTEXTS))].sort()).toEqual([...AUTH_CONTEXTS].sort());
  });
});

describe('the validators', () => {
  it('accept a complete entry', () => {
    expect(kbProblems(doc)).toEqual([]);
  });

  it('flag what would break a page or cite something unknown', () => {
    const bad: RuleDoc = {
      ...doc,
      topic: ' ',
      fix: {
        generic: 'x',
        flask: '```python fix=django\nx = 1\n```\n\n```\nplain\n```\n\n```js\nopen',
      },
      authContexts: {
        jwt: { text: '## Heading', faq: [{ q: 'A statement.', a: 'x' }] },
        'cookie-session': { text: 'ok', fix: { cobol: 'x' } as never },
      },
      asvs: ['3.4.99'],
      pciDss: ['6.9.9'],
      soc2: ['CC9.9'],
    };
    expect(kbProblems(bad)).toEqual([
      'flask: a fix=django snippet outside the django fix',
      'flask has a code fence in "", not a known language',
      'flask has an unclosed code fence',
      'topic " " is not a short name',
      'authContexts.jwt has a level-2 heading "Heading"',
      'authContexts.jwt.faq[0] is not a question',
      'authContexts.cookie-session: fix for unknown stack cobol',
      'ASVS "3.4.99" is not in src/kb/standards.ts',
      'PCI DSS "6.9.9" is not in src/kb/standards.ts',
      'SOC 2 "CC9.9" is not in src/kb/standards.ts',
    ]);
  });

  it('list the frameworks an entry lacks and missing ASVS ids', () => {
    const { asvs: _a, ...rest } = doc;
    expect(kbGaps(rest)).toEqual([
      'no fix for django',
      'no fix for fastapi',
      'no fix for express',
      'no fix for rails',
      'no fix for spring',
      'no fix for aspnet',
      'no fix for go',
      'no fix for laravel',
      'no ASVS requirement',
    ]);
  });
});

describe('selectRemediation', () => {
  it('takes the framework fix, adds the auth context with its framework code, and links the matching page', () => {
    const r = selectRemediation('clickjacking', doc, stack({ framework: ['flask'], auth: ['api-key'] }));
    expect(r.stack).toBe('flask');
    expect(r.text.indexOf('FLASK-FIX')).toBeLessThan(r.text.indexOf('KEYS-TEXT'));
    expect(r.text.indexOf('KEYS-TEXT')).toBeLessThan(r.text.indexOf('KEYS-FLASK-CODE'));
    expect(r.basis).toBe('FLASK detected: flask seen; API-KEY detected: api-key seen');
    expect(r.docs).toBe('docs/kb/clickjacking/flask-api-keys.md');
    expect(r.contexts).toEqual(['api-keys']);
  });

  it('adds every context the stack shows, auth before database, each once', () => {
    const r = selectRemediation(
      'clickjacking',
      doc,
      stack({
        framework: ['flask'],
        auth: ['cookie-session', 'bearer', 'api-key'],
        database: ['postgresql'],
      }),
    );
    expect(r.contexts).toEqual(['cookie-session', 'api-keys', 'postgresql']);
    expect(r.text).toMatch(/FLASK-FIX[\s\S]*COOKIE-TEXT[\s\S]*KEYS-TEXT[\s\S]*KEYS-FLASK-CODE[\s\S]*PG-TEXT/);
    expect(r.docs).toBe('docs/kb/clickjacking/flask-cookie-session.md');
  });

  it('falls back to the generic fix and the rule page when no framework has a fix', () => {
    const r = selectRemediation('clickjacking', doc, stack({ framework: ['rails'], auth: ['api-key'] }));
    expect(r).toMatchObject({ stack: 'generic', docs: 'docs/rules/clickjacking.md', contexts: ['api-keys'] });
    expect(r.text).toBe('Send frame-ancestors.\n\nKEYS-TEXT');
    expect(r.basis).toBe('API-KEY detected: api-key seen');
  });

  it('a server fix gets the context text but no page (pages are per framework)', () => {
    const r = selectRemediation('clickjacking', doc, stack({ server: ['nginx'], auth: ['cookie-session'] }));
    expect(r).toMatchObject({ stack: 'nginx', docs: 'docs/rules/clickjacking.md' });
    expect(r.text).toBe('NGINX-FIX\n\nCOOKIE-TEXT');
  });

  it('leaves the remediation as it was when the stack shows no context the rule writes for', () => {
    const r = selectRemediation(
      'clickjacking',
      doc,
      stack({ framework: ['flask'], auth: ['basic', 'bearer'] }),
    );
    expect(r).toEqual({
      text: doc.fix.flask,
      stack: 'flask',
      basis: 'FLASK detected: flask seen',
      docs: 'docs/rules/clickjacking.md',
    });
  });
});
