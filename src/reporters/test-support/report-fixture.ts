import type { Report } from '../../report/report.js';
import type { Finding } from '../../types.js';

/** A hand-built report with findings out of order, a masked credential and hostile bytes from the target. */
export function reportFixture(): Report {
  const base: Omit<Finding, 'rule' | 'title' | 'severity' | 'confidence' | 'evidence'> = {
    check: 'fixture',
    category: 'headers',
    method: 'GET',
    url: 'http://127.0.0.1:5000/',
    instances: 1,
    identity: 'primary',
    description: 'Nothing stops another site from doing this.',
    remediation: { text: 'Set the header.', stack: 'generic', docs: 'docs/rules/x.md' },
    mappings: { owasp: 'API8', owaspTitle: 'Security Misconfiguration', cwe: 693, pciDss: [], soc2: [] },
    fingerprint: 'f0',
  };
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'parapet', version: '0.1.0' },
    target: 'http://127.0.0.1:5000/',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:02.000Z',
    partial: false,
    config: {
      target: 'http://127.0.0.1:5000/',
      mode: 'safe',
      budget: 400,
      concurrency: 8,
      rate: 100,
      timeoutMs: 10_000,
      maxBodyBytes: 2_097_152,
      scope: [],
      insecure: false,
      credentialHeaders: ['authorization'],
    },
    stack: {
      server: [{ id: 'nginx', name: 'nginx', version: '1.25.3', evidence: 'Server: nginx/1.25.3' }],
      framework: [{ id: 'flask', name: 'Flask', evidence: 'session cookie signed by itsdangerous' }],
      language: [{ id: 'python', name: 'Python', evidence: 'implied by Flask' }],
      auth: [{ id: 'bearer', name: 'Bearer token', evidence: 'WWW-Authenticate: Bearer on /api' }],
      database: [],
    },
    score: 72,
    grade: 'C',
    scoringVersion: 1,
    categories: [
      { category: 'framing', score: 60, findings: 1 },
      { category: 'headers', score: 95, findings: 2 },
    ],
    findings: [
      {
        ...base,
        rule: 'csp-missing',
        title: 'No enforcing Content-Security-Policy',
        severity: 'low',
        confidence: 'tentative',
        evidence: { request: 'GET http://127.0.0.1:5000/', status: 200, detail: 'No CSP header.' },
      },
      {
        ...base,
        rule: 'clickjacking',
        title: 'Document can be framed cross-origin',
        category: 'framing',
        severity: 'high',
        confidence: 'firm',
        url: 'http://127.0.0.1:5000/items/{id}',
        instances: 3,
        evidence: {
          request: 'GET http://127.0.0.1:5000/items/1',
          status: 200,
          headers: { authorization: 'Bearer s3cr…', 'x-frame-options': 'ALLOW-FROM https://a.test' },
          excerpt: '<form action="/login">\x1b[2J\x1b]0;pwned\x07<input name="user">',
          detail: 'ALLOW-FROM is ignored by browsers, so the page can be framed.',
        },
        remediation: {
          text: 'Send a frame-ancestors directive:\n\n```python\n@app.after_request\ndef frame(resp):\n    resp.headers["Content-Security-Policy"] = "frame-ancestors \'none\'"\n    return resp\n```\n\nSee **the docs**.',
          stack: 'flask',
          basis: 'Flask detected: session cookie signed by itsdangerous',
          docs: 'docs/rules/clickjacking.md',
        },
        mappings: {
          owasp: 'API8',
          owaspTitle: 'Security Misconfiguration',
          cwe: 1021,
          asvs: ['v5.0.0-3.4.6'],
          pciDss: ['6.4.3'],
          soc2: ['CC6.1'],
        },
      },
      {
        ...base,
        rule: 'hsts-missing',
        title: 'No Strict-Transport-Security',
        category: 'transport',
        severity: 'medium',
        confidence: 'confirmed',
        evidence: { request: 'GET http://127.0.0.1:5000/', status: 200, detail: 'No HSTS header.' },
      },
    ],
    notes: ['127.0.0.1 answered 429; Parapet slowed down.'],
    coverage: {
      pages: 12,
      forms: 2,
      skipped: 4,
      checks: [
        { id: 'clickjacking', category: 'framing', status: 'ran' },
        { id: 'csrf-probe', category: 'csrf', status: 'skipped', reason: 'needs --active' },
      ],
    },
    stats: { requests: 123, bytes: 45_678, durationMs: 2_345 },
  };
}

/**
 * A report where issues repeat across URLs, as on a site without security headers: the same missing
 * header on every page, the same cookie set by several responses, a form without a token on two pages
 * (its URL inside the evidence). Beside them, findings that must stay apart: another cookie, another
 * Server header value, another parameter.
 */
export function repeatedFixture(): Report {
  const report = reportFixture();
  const [csp, click] = report.findings as [Finding, Finding];
  const origin = 'http://127.0.0.1:5000';
  const at = (f: Finding, path: string, change: Partial<Finding> = {}): Finding => {
    const url = path.startsWith('http') ? path : `${origin}${path}`;
    return {
      ...f,
      ...change,
      url,
      instances: 1,
      evidence: { ...f.evidence, ...change.evidence, request: `${change.method ?? 'GET'} ${url}` },
      fingerprint: `${f.rule}${path}`,
    };
  };
  const framed: Finding = {
    ...click,
    evidence: { request: '', status: 200, detail: 'No frame-ancestors and no X-Frame-Options.' },
  };
  const pages = ['/', '/about', '/blog', '/careers', '/contact', '/docs', '/faq', '/help', '/pricing'];
  const cookie = (name: string, path: string): Finding =>
    at(
      {
        ...csp,
        rule: 'cookie-httponly-missing',
        title: 'Credential cookie readable by scripts',
        category: 'cookies',
        confidence: 'firm',
      },
      path,
      {
        evidence: {
          request: '',
          status: 200,
          excerpt: `Set-Cookie: ${name}=ab12…; Path=/`,
          detail: `Set-Cookie for \`${name}\` without HttpOnly.`,
        },
      },
    );
  const form = (path: string): Finding =>
    at(
      {
        ...csp,
        rule: 'csrf-token-missing',
        title: 'Form without an anti-CSRF token',
        category: 'csrf',
        severity: 'medium',
        confidence: 'firm',
      },
      path,
      {
        method: 'POST',
        evidence: {
          request: '',
          status: 200,
          excerpt: `<form method="POST" action="${origin}${path}">`,
          detail: `The POST form to ${origin}${path} (on ${origin}${path}) carries no token.`,
        },
      },
    );
  const server = (value: string, path: string): Finding =>
    at(
      { ...csp, rule: 'server-version-disclosure', title: 'Server version disclosed', confidence: 'firm' },
      path,
      {
        evidence: {
          request: '',
          status: 200,
          headers: { server: value },
          detail: 'The Server header names a version.',
        },
      },
    );
  const xss = (param: string, path: string): Finding =>
    at(
      {
        ...csp,
        rule: 'reflected-xss',
        title: 'Reflected cross-site scripting',
        category: 'injection',
        severity: 'high',
        confidence: 'confirmed',
      },
      path,
      {
        subject: param,
        evidence: { request: '', status: 200, detail: `${param} came back unescaped in HTML.` },
      },
    );
  return {
    ...report,
    findings: [
      ...pages.map((p) => at(framed, p)),
      at(framed, 'http://127.0.0.1:5001/embed'),
      xss('q', '/search'),
      xss('name', '/profile'),
      form('/contact'),
      form('/newsletter'),
      cookie('sid', '/'),
      cookie('sid', '/login'),
      cookie('remember', '/login'),
      server('nginx/1.25.3', '/'),
      server('Apache/2.4.1', '/legacy'),
    ],
  };
}
