import { afterAll, describe, expect, it } from 'vitest';
import { isParapetError } from '../errors.js';
import { KB } from '../kb/index.js';
import type { RuleDoc } from '../kb/types.js';
import { renderExplain } from './explain-command.js';

const doc: RuleDoc = {
  topic: 'Clickjacking',
  summary: 'Another site can show this page in a frame and trick users into clicking it.',
  meaning: 'An attacker frames the page under a **decoy** and lines up a button.',
  decides: '- Fires on 2xx HTML documents.\n- Does not fire on JSON or redirects.',
  fix: {
    generic: "Send `frame-ancestors`:\n\n```http\nContent-Security-Policy: frame-ancestors 'none'\n```",
    flask: '```python\n@app.after_request\ndef framing(response):\n    return response\n```',
    nginx: '```nginx\nadd_header Content-Security-Policy "frame-ancestors \'none\'" always;\n```',
  },
  limitations: 'Parapet cannot see frames a browser extension adds.',
  references: [
    {
      title: 'MDN: frame-ancestors',
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors',
    },
  ],
  authContexts: {
    'api-keys': {
      text: 'The key-management pages run on a cookie session.',
      fix: { flask: '```python\napp.config.update(SESSION_COOKIE_SAMESITE="Lax")\n```' },
      faq: [{ q: 'Can a JSON API be framed?', a: 'No: frames show documents.' }],
    },
  },
  asvs: ['3.4.6'],
  pciDss: ['6.4.3'],
  soc2: ['CC6.1'],
};
const hadDoc = KB.clickjacking;
KB.clickjacking = doc;
afterAll(() => {
  if (hadDoc) KB.clickjacking = hadDoc;
  else delete KB.clickjacking;
});

function failure(rule: string): string {
  try {
    renderExplain(rule, { color: false, width: 80 });
  } catch (err) {
    if (isParapetError(err, 'PARAPET_UNKNOWN_RULE')) return err.message;
    throw err;
  }
  throw new Error('did not fail');
}

describe('parapet explain', () => {
  const text = renderExplain('clickjacking', { color: false, width: 80 });

  it('prints every part of the rule doc, in order', () => {
    const order = [
      'Another site can show this page',
      'What it means',
      'An attacker frames the page under a decoy',
      'How Parapet decides',
      '• Fires on 2xx HTML documents.',
      'How to fix',
      "    Content-Security-Policy: frame-ancestors 'none'",
      'With API keys',
      'The key-management pages run on a cookie session.',
      'Flask',
      'nginx',
      '      add_header Content-Security-Policy',
      'Known limitations',
      'References',
      'MDN: frame-ancestors:',
      'https://developer.mozilla.org/docs/Web/HTTP/Headers',
      'Mappings',
      'API8 Security Misconfiguration',
      'CWE-1021',
      'OWASP ASVS 5.0.0: v5.0.0-3.4.6 (CSP frame-ancestors',
      'PCI DSS 4.0: 6.4.3 (payment page scripts',
      'SOC 2: CC6.1 (logical access',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('```');
    expect(text).toContain('category framing');
  });

  it('with --stack, shows that stack’s fix only', () => {
    const flask = renderExplain('clickjacking', { color: false, width: 80, stack: 'flask' });
    expect(flask).toContain('@app.after_request');
    expect(flask).not.toContain('add_header');
    expect(flask.replace(/\s+/g, ' ')).toContain(
      'parapet explain clickjacking --stack <flask> --context <api-keys>',
    );
  });

  it('with --stack and --context, prints the page for that combination', () => {
    const page = renderExplain('clickjacking', {
      color: false,
      width: 80,
      stack: 'flask',
      context: 'api-key',
    });
    const order = [
      'Clickjacking in Flask with API keys',
      'What changes with API keys',
      'The key-management pages run on a cookie session.',
      'The fix in Flask',
      '@app.after_request',
      'With API keys',
      'SESSION_COOKIE_SAMESITE',
      'Questions and answers',
      'Can a JSON API be framed?',
      'See also',
    ].map((x) => page.indexOf(x));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).not.toContain('```');
    expect(page).not.toContain('<!--');
    // links are shown as paths from the repository root
    expect(page).toContain('rule page (docs/rules/clickjacking.md)');
  });

  it('refuses a stack, context or combination it has nothing for, saying what exists', () => {
    const usage = (options: { stack?: string; context?: string }) => {
      try {
        renderExplain('clickjacking', { color: false, width: 80, ...options });
      } catch (err) {
        if (isParapetError(err, 'PARAPET_USAGE')) return err.message;
        throw err;
      }
      throw new Error('did not fail');
    };
    expect(usage({ stack: 'cobol' })).toMatch(/^unknown stack 'cobol' \(one of flask, django/);
    expect(usage({ context: 'ldap' })).toMatch(/^unknown context 'ldap'/);
    expect(usage({ context: 'jwt' })).toBe(
      'clickjacking has no specific advice for jwt (it has advice for api-keys)',
    );
    expect(usage({ stack: 'django', context: 'api-keys' })).toBe(
      'clickjacking has no specific advice for django with api-keys (pages with api-keys: flask)',
    );
  });

  it('suggests the nearest rule id, or the rules command when none is near', () => {
    expect(failure('hsts-mising')).toBe("unknown rule 'hsts-mising' (did you mean 'hsts-missing'?)");
    expect(failure('zzz-qqq-www')).toBe("unknown rule 'zzz-qqq-www' (run `parapet rules` for the list)");
  });
});
