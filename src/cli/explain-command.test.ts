import { afterAll, describe, expect, it } from 'vitest';
import { isParapetError } from '../errors.js';
import { KB } from '../kb/index.js';
import type { RuleDoc } from '../kb/types.js';
import { renderExplain } from './explain-command.js';

const doc: RuleDoc = {
  summary: 'Another site can show this page in a frame and trick users into clicking it.',
  meaning: 'An attacker frames the page under a **decoy** and lines up a button.',
  decides: '- Fires on 2xx HTML documents.\n- Does not fire on JSON or redirects.',
  fix: {
    generic: "Send `frame-ancestors`:\n\n```http\nContent-Security-Policy: frame-ancestors 'none'\n```",
    nginx: '```nginx\nadd_header Content-Security-Policy "frame-ancestors \'none\'" always;\n```',
  },
  limitations: 'Parapet cannot see frames a browser extension adds.',
  references: [
    {
      title: 'MDN: frame-ancestors',
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors',
    },
  ],
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
      'nginx',
      '      add_header Content-Security-Policy',
      'Known limitations',
      'References',
      'MDN: frame-ancestors:',
      'https://developer.mozilla.org/docs/Web/HTTP/Headers',
      'Mappings',
      'API8 Security Misconfiguration',
      'CWE-1021',
      'PCI DSS 4.0: 6.4.3',
      'SOC 2: CC6.1',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('```');
    expect(text).toContain('category framing');
  });

  it('suggests the nearest rule id, or the rules command when none is near', () => {
    expect(failure('hsts-mising')).toBe("unknown rule 'hsts-mising' (did you mean 'hsts-missing'?)");
    expect(failure('zzz-qqq-www')).toBe("unknown rule 'zzz-qqq-www' (run `parapet rules` for the list)");
  });
});
