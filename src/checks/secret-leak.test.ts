import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fake } from '../../test/support/fake-keys.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { Confidence, Severity } from '../types.js';
import secretLeak from './secret-leak.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json' };
const JS = { 'content-type': 'text/javascript' };
const doc = (body: string): Page => ({ headers: HTML, body: html(body) });
const json = (value: unknown): Page => ({ headers: JSON_TYPE, body: JSON.stringify(value) });
/** A page whose script (fetched by discovery as a same-origin script) holds `code`. */
const withScript = (name: string, code: string): Record<string, Page> => ({
  [`/${name}`]: doc(`<script src="/static/${name}.js"></script>`),
  [`/static/${name}.js`]: { headers: JS, body: code },
});

interface Row {
  name: string;
  site: Record<string, Page>;
  /** The detail names this kind of credential. */
  kind: string;
  severity: Severity;
  confidence: Confidence;
}

const pem = fake.pem();
const fires: Row[] = [
  {
    name: 'an AWS key pair in a JavaScript config',
    site: withScript(
      'aws',
      `window.cfg = { accessKeyId: "${fake.awsKeyId()}", secretAccessKey: "${fake.awsSecret()}" };`,
    ),
    kind: 'AWS access key pair',
    severity: 'critical',
    confidence: 'firm',
  },
  {
    name: 'an AWS key ID alone in HTML',
    site: { '/aws-id': doc(`<!-- deploy key ${fake.awsKeyId()} -->`) },
    kind: 'AWS access key ID',
    severity: 'high',
    confidence: 'tentative',
  },
  {
    name: 'a Google Cloud service-account file served as JSON',
    site: {
      '/gcp': json({
        type: 'service_account',
        project_id: 'demo',
        private_key_id: fake.opaque(40),
        private_key: `${pem}\n`,
        client_email: 'svc@demo.iam.gserviceaccount.com',
      }),
    },
    kind: 'Google Cloud service-account key',
    severity: 'critical',
    confidence: 'firm',
  },
  {
    name: 'a PEM private key in a page',
    site: { '/pem': doc(`<pre>${pem}</pre>`) },
    kind: 'PEM private key',
    severity: 'high',
    confidence: 'firm',
  },
  {
    name: 'a Stripe live secret key in a script',
    site: withScript('stripe', `const stripe = Stripe("${fake.stripeLive()}");`),
    kind: 'Stripe live secret key',
    severity: 'critical',
    confidence: 'firm',
  },
  {
    name: 'a Stripe restricted live key in JSON',
    site: { '/rk': json({ payments: { key: fake.stripeRestricted() } }) },
    kind: 'Stripe live secret key',
    severity: 'critical',
    confidence: 'firm',
  },
  {
    name: 'a Stripe test key',
    site: { '/sk-test': json({ stripe: fake.stripeTest() }) },
    kind: 'Stripe test-mode secret key',
    severity: 'medium',
    confidence: 'firm',
  },
  {
    name: 'a GitHub token with a valid checksum',
    site: withScript('gh', `fetch(url, { headers: { Authorization: "token ${fake.github()}" } });`),
    kind: 'GitHub token',
    severity: 'high',
    confidence: 'firm',
  },
  {
    name: 'a GitHub app installation token (ghs_)',
    site: { '/ghs': json({ token: fake.github('ghs') }) },
    kind: 'GitHub token',
    severity: 'high',
    confidence: 'firm',
  },
  {
    name: 'a GitHub fine-grained token',
    site: { '/ghpat': doc(`<code>${fake.githubFineGrained()}</code>`) },
    kind: 'GitHub fine-grained personal access token',
    severity: 'high',
    confidence: 'firm',
  },
  {
    name: 'a GitLab token',
    site: { '/gl': json({ ci: { token: fake.gitlab() } }) },
    kind: 'GitLab personal access token',
    severity: 'high',
    confidence: 'firm',
  },
  {
    name: 'a Slack bot token in a script',
    site: withScript('slack', `const slack = new WebClient('${fake.slackBot()}');`),
    kind: 'Slack API token',
    severity: 'high',
    confidence: 'firm',
  },
  {
    name: 'a Slack webhook in JSON',
    site: { '/hook': json({ alerts: fake.slackWebhook() }) },
    kind: 'Slack incoming webhook URL',
    severity: 'medium',
    confidence: 'firm',
  },
  {
    name: 'a Google API key in a JSON answer',
    site: { '/gkey': json({ geocoder: fake.google() }) },
    kind: 'Google API key',
    severity: 'high',
    confidence: 'firm',
  },
  {
    name: 'a Google API key in browser code (public by design if restricted)',
    site: withScript('maps', `loadMaps({ key: "${fake.google()}" });`),
    kind: 'Google API key',
    severity: 'low',
    confidence: 'tentative',
  },
  {
    name: 'a hard-coded API secret in a script',
    site: withScript('hard', `export const settings = { apiSecret: "${fake.opaque(40)}", retries: 3 };`),
    kind: 'hard-coded secret (`apiSecret`)',
    severity: 'high',
    confidence: 'tentative',
  },
  {
    name: 'a key in a response header',
    site: { '/hdr': { headers: { ...JSON_TYPE, 'x-upstream-key': fake.stripeLive() }, body: '{}' } },
    kind: 'Stripe live secret key',
    severity: 'critical',
    confidence: 'firm',
  },
];

const OWN_KEY = fake.stripeLive();
const quiet: Array<{ name: string; site: Record<string, Page> }> = [
  { name: 'a GitHub token with a wrong checksum', site: { '/q': json({ token: fake.githubBadChecksum() }) } },
  {
    name: 'placeholders in documentation',
    site: {
      '/q': doc(
        '<pre>apiKey: "YOUR_API_KEY"\nsecret = \'&lt;token&gt;\'\nsecret: "changeme"\nStripe("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")\nAKIAXXXXXXXXXXXXXXXX\ntoken: "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"</pre>',
      ),
    },
  },
  {
    name: "vendors' documented example keys",
    site: {
      '/q': doc(
        '<pre>aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\ncurl -u sk_test_4eC39HqLyjWDarjtT1zdp7dc:</pre>',
      ),
    },
  },
  {
    name: 'low-entropy and non-secret assignments in a script',
    site: withScript(
      'q',
      `const a = { apiKey: "aaaaaaaaaaaaaaaaaaaaaaaa", secret: 'abcdefghijklmnopqrstuvwxyz', password: 'correcthorsebatterystaple', csrfToken: "${fake.opaque()}", sessionId: "${fake.opaque()}" };`,
    ),
  },
  {
    name: 'public keys by design: Stripe publishable key, reCAPTCHA site key',
    site: withScript(
      'q',
      `Stripe("${fake.stripePublishable()}"); grecaptcha.render({ sitekey: "${fake.opaque(40)}" });`,
    ),
  },
  {
    name: 'a PEM block with no real body, a public key and a certificate',
    site: {
      '/q': doc(
        `<pre>-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n${fake.opaque(80)}\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n${fake.opaque(80)}\n-----END CERTIFICATE-----</pre>`,
      ),
    },
  },
  {
    name: 'a JWT (not a credential format of this rule)',
    site: { '/q': json({ access_token: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.${fake.opaque(43)}` }) },
  },
  {
    name: 'an opaque session id in a header',
    site: { '/q': { headers: { ...JSON_TYPE, 'x-request-id': fake.opaque(32) }, body: '{}' } },
  },
];

const table: Record<string, Page | ((req: import('node:http').IncomingMessage) => Page)> = {};
const starts: string[] = [];
for (const row of [...fires, ...quiet]) {
  const prefix = `/r${starts.length}`;
  const paths = Object.keys(row.site);
  for (const [path, page] of Object.entries(row.site)) {
    const body = page.body?.replaceAll('src="/static/', `src="${prefix}/static/`);
    table[`${prefix}${path}`] = { ...page, ...(body !== undefined ? { body } : {}) };
  }
  starts.push(`${prefix}${paths[0]}`);
}
// The API echoes the key it was called with (what credential-reflected is about).
table['/whoami'] = (req) => json({ key: req.headers['x-api-key'] ?? null });
// Three items of one URL pattern, each with its own key; the same key on two unrelated pages.
const SHARED = fake.stripeLive();
table['/list'] = doc('<a href="/items/1">1</a><a href="/items/2">2</a><a href="/items/3">3</a>');
for (const id of [1, 2, 3]) table[`/items/${id}`] = json({ id, key: fake.gitlab() });
table['/home'] = doc(`<a href="/about">about</a><script>var k="${SHARED}"</script>`);
table['/about'] = doc(`<script>var k="${SHARED}"</script>`);

let site: TestServer;
beforeAll(async () => {
  site = await serve(pages(table));
});
afterAll(() => site.close());

const scanAt = (path: string, config = {}) => scanWith(`${site.origin}${path}`, [secretLeak], config);

describe('secret-leak', () => {
  it.each(fires.map((row, i) => [row.name, i] as const))('fires: %s', async (_, i) => {
    const row = fires[i]!;
    const { findings } = await scanAt(starts[i]!);
    expect(findings.map((f) => [f.rule, f.severity, f.confidence])).toEqual([
      ['secret-leak', row.severity, row.confidence],
    ]);
    expect(findings[0]!.evidence.detail).toContain(row.kind);
  });

  it.each(quiet.map((row, i) => [row.name, fires.length + i] as const))('quiet: %s', async (_, i) => {
    expect((await scanAt(starts[i]!)).findings).toEqual([]);
  });

  it("quiet: the user's own credential echoed back", async () => {
    const report = await scanAt('/whoami', { credentials: { headers: { 'X-Api-Key': OWN_KEY } } });
    expect(report.findings).toEqual([]);
  });

  it('never shows a credential whole: first four characters, then …', async () => {
    const i = fires.findIndex((r) => r.name.startsWith('a Stripe live secret key'));
    const [finding] = (await scanAt(starts[i]!)).findings;
    const key = /sk_live_\w+/.exec(fires[i]!.site['/static/stripe.js']!.body!)![0];
    expect(JSON.stringify(finding)).not.toContain(key);
    expect(JSON.stringify(finding)).not.toContain(key.slice(0, 8));
    expect(finding!.evidence.detail).toContain('`sk_l…`');
    expect(finding!.evidence.detail).toContain('the response body');
  });

  it('names the header a key travelled in', async () => {
    const i = fires.findIndex((r) => r.name === 'a key in a response header');
    const [finding] = (await scanAt(starts[i]!)).findings;
    expect(finding!.evidence.detail).toContain('the X-Upstream-Key header');
  });

  it('reports one finding per URL pattern', async () => {
    const { findings } = await scanAt('/list');
    expect(findings.map((f) => [new URL(f.url.replace(/[{}]/g, '')).pathname, f.instances])).toEqual([
      ['/items/id', 3],
    ]);
  });

  it('reports a credential once, where it was first seen, and counts the rest', async () => {
    const { findings } = await scanAt('/home');
    expect(findings.map((f) => new URL(f.url).pathname)).toEqual(['/home']);
    expect(findings[0]!.evidence.detail).toContain('in 1 other response');
  });
});
