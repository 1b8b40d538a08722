import { describe, expect, it } from 'vitest';
import { renderJson } from './json.js';
import { repeatedFixture, reportFixture } from './test-support/report-fixture.js';
import { renderText } from './text.js';

const report = reportFixture();
const plain = renderText(report, { color: false, width: 100 });

describe('text reporter', () => {
  it('shows the target, the grade and score, the stack with its evidence and the category bars', () => {
    expect(plain).toContain('http://127.0.0.1:5000/');
    expect(plain).toContain('Grade C');
    expect(plain).toContain('72/100');
    expect(plain).toMatch(/Server\s+nginx 1\.25\.3 \(Server: nginx\/1\.25\.3\)/);
    expect(plain).toMatch(/Framework\s+Flask \(session cookie signed by itsdangerous\)/);
    expect(plain).toMatch(/Auth\s+Bearer token/);
    expect(plain).toMatch(/framing\s+█{12}░{8}\s+60\s+1 finding/);
  });

  it('lists findings by severity, then confidence, each with its rule, confidence and affected URL', () => {
    const order = [
      'Document can be framed',
      'No Strict-Transport-Security',
      'No enforcing Content-Security-Policy',
    ].map((t) => plain.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(plain).toContain('clickjacking · confidence firm');
    expect(plain).toContain('GET http://127.0.0.1:5000/items/{id} (and 2 more)');
    expect(plain).toContain('not counted in the score');
  });

  it('quotes the evidence with the credential masked and the target’s control bytes defused', () => {
    expect(plain).toContain('GET http://127.0.0.1:5000/items/1 → 200');
    expect(plain).toContain('authorization: Bearer s3cr…');
    expect(plain).toContain('x-frame-options: ALLOW-FROM https://a.test');
    expect(plain).toContain('│ <form action="/login">');
    expect(plain).toContain('ALLOW-FROM is ignored by browsers');
    expect(plain).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('renders the fix for the detected stack with its code indented and no Markdown fences', () => {
    expect(plain).toContain('How to fix (Flask)');
    expect(plain).toContain('Chosen because Flask detected: session cookie signed by itsdangerous.');
    expect(plain).toContain('Send a frame-ancestors directive:');
    expect(plain).toMatch(/^ {10}@app\.after_request$/m);
    expect(plain).toMatch(/^ {14}resp\.headers\["Content-Security-Policy"\]/m);
    expect(plain).not.toContain('```');
    expect(plain).toContain('See the docs.');
    expect(plain).toContain('Docs: docs/rules/clickjacking.md');
    expect(plain).toContain('Nothing stops another site from doing this.');
  });

  it('shows the mappings, notes, coverage and stats', () => {
    expect(plain).toMatch(
      /OWASP API8:2023 Security Misconfiguration · CWE-1021 · ASVS v5\.0\.0-3\.4\.6 · PCI DSS 6\.4\.3 · SOC\s+2 CC6\.1/,
    );
    expect(plain).toContain('127.0.0.1 answered 429; Parapet slowed down.');
    expect(plain).toContain('12 pages · 2 forms · 4 URLs found but not fetched');
    expect(plain).toContain('skipped csrf-probe: needs --active');
    expect(plain).toContain('123 requests');
    expect(plain).toContain('44.6 KB');
    expect(plain).toContain('2.3 s');
  });

  it('wraps prose to the width it is given; code lines stay whole', () => {
    const narrow = renderText(report, { width: 60 });
    const long = narrow.split('\n').filter((l) => l.length > 60);
    expect(long).toEqual([expect.stringMatching(/^ {14}resp\.headers/)]);
  });

  it('uses colour only when asked', () => {
    expect(plain).not.toContain('\x1b');
    expect(renderText(report, { color: true })).toContain('\x1b[');
  });

  it('marks a suppressed finding with its reason and expiry', () => {
    const suppressed = renderText({
      ...report,
      findings: report.findings.map((f) =>
        f.rule === 'clickjacking'
          ? { ...f, suppressed: { reason: 'Framed by our portal', expires: '2099-01-31' } }
          : f,
      ),
    });
    expect(suppressed).toMatch(/Suppressed until 2099-01-31: Framed by our portal \(not counted/);
    expect(plain).not.toContain('Suppressed');
  });

  it('says so when the scan was partial and when nothing was found', () => {
    const empty = renderText({ ...report, partial: true, findings: [], categories: [] });
    expect(empty).toContain('Partial scan');
    expect(empty).toContain('No findings.');
    expect(plain).not.toContain('Partial scan');
  });
});

describe('text reporter with repeated findings', () => {
  const text = renderText(repeatedFixture(), { width: 100 });
  const blocks = (title: string) => text.split('\n').filter((l) => l.includes(title)).length;

  it('counts every finding in the header, and says how many distinct issues it shows', () => {
    expect(text).toContain('19 findings (8 distinct): 12 high, 2 medium, 5 low');
    expect(text).toContain('Findings (19, 8 distinct)');
    expect(plain).not.toContain('distinct');
  });

  it('shows an issue repeated on many URLs once, with the other URLs on one line', () => {
    expect(blocks('Document can be framed cross-origin')).toBe(1);
    expect(blocks('No frame-ancestors and no X-Frame-Options.')).toBe(1);
    expect(text).toMatch(
      /GET http:\/\/127\.0\.0\.1:5000\/\n {4}Also on 9 more URLs: \/about, \/blog, \/careers, \/contact, \/docs, … \(\+4 more\)\n/,
    );
  });

  it('groups findings whose evidence differs only by their own URL', () => {
    expect(blocks('Form without an anti-CSRF token')).toBe(1);
    expect(text).toMatch(/POST http:\/\/127\.0\.0\.1:5000\/contact\n {4}Also on 1 more URL: \/newsletter\n/);
  });

  it('keeps apart another cookie, another header value and another parameter', () => {
    expect(blocks('Credential cookie readable by scripts')).toBe(2);
    expect(text).toContain('Set-Cookie for `sid` without HttpOnly.');
    expect(text).toContain('Set-Cookie for `remember` without HttpOnly.');
    expect(text.match(/Also on 1 more URL: \/login\n/g)).toHaveLength(1);
    expect(blocks('Server version disclosed')).toBe(2);
    expect(text).toContain('server: nginx/1.25.3');
    expect(text).toContain('server: Apache/2.4.1');
    expect(blocks('Reflected cross-site scripting')).toBe(2);
    expect(text.match(/Also on/g)).toHaveLength(3);
  });

  it('keeps a suppressed finding out of the group of live ones, marked as before', () => {
    const report = repeatedFixture();
    const suppressed = renderText({
      ...report,
      findings: report.findings.map((f) =>
        f.url.endsWith('/about')
          ? { ...f, suppressed: { reason: 'Framed by our portal', expires: '2099-01-31' } }
          : f,
      ),
    });
    expect(suppressed.split('\n').filter((l) => l.includes('Document can be framed'))).toHaveLength(2);
    expect(suppressed).toContain('Also on 8 more URLs: /blog, /careers, /contact, /docs, /faq, … (+3 more)');
    expect(suppressed).toMatch(
      /Suppressed until 2099-01-31: Framed by our portal[\s\S]*?GET http:\/\/127\.0\.0\.1:5000\/about\n/,
    );
  });

  it('keeps the order by severity', () => {
    const order = [
      'Reflected cross-site scripting',
      'Document can be framed',
      'Form without an anti-CSRF token',
      'Credential cookie readable by scripts',
    ].map((t) => text.indexOf(t));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('json reporter', () => {
  it('is the report itself, pretty-printed, keys in the order they were built', () => {
    const text = renderJson(report);
    expect(JSON.parse(text)).toEqual(report);
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(report));
    expect(text).toMatch(/^\{\n {2}"schemaVersion"/);
  });
});
