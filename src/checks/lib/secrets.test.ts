import { describe, expect, it } from 'vitest';
import { fake } from '../../../test/support/fake-keys.js';
import { ASSIGNMENT, SECRET_FORMATS } from '../../kb/signatures/secrets.js';
import { JWT_IN_TEXT } from './jwt.js';
import { findSecrets, githubChecksumValid } from './secrets.js';

const SCRIPT = { client: true, assignments: true, anonymous: true };
const kinds = (text: string, opts = SCRIPT) => findSecrets(text, opts).map((h) => h.kind);
const MB = 1_000_000;
const repeat = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

describe('credential formats', () => {
  it('validates the GitHub checksum', () => {
    for (let i = 0; i < 50; i++) expect(githubChecksumValid(fake.github())).toBe(true);
    expect(githubChecksumValid(fake.githubBadChecksum())).toBe(false);
  });

  it('pairs an AWS key ID with a secret next to it, and not with a far or hex one', () => {
    const id = fake.awsKeyId();
    expect(
      findSecrets(`aws_access_key_id=${id}\naws_secret_access_key=${fake.awsSecret()}`, SCRIPT),
    ).toMatchObject([{ kind: 'aws-access-key', severity: 'critical', confidence: 'firm' }]);
    expect(findSecrets(`${id}${' '.repeat(2000)}${fake.awsSecret()}`, SCRIPT)).toMatchObject([
      { kind: 'aws-access-key', severity: 'high', confidence: 'tentative' },
    ]);
    expect(findSecrets(`${id} ${'0123456789abcdef'.repeat(3).slice(0, 40)}`, SCRIPT)[0]?.severity).toBe(
      'high',
    );
  });

  it('names a service-account key file as such', () => {
    const json = JSON.stringify({ type: 'service_account', private_key_id: 'x', private_key: fake.pem('') });
    expect(findSecrets(json, SCRIPT)).toMatchObject([{ kind: 'gcp-service-account', severity: 'critical' }]);
  });

  it('treats a Google API key in browser code as probably public, elsewhere as a leak', () => {
    const key = fake.google();
    expect(findSecrets(`const k = "${key}"`, SCRIPT)).toMatchObject([
      { kind: 'google-api-key', severity: 'low', confidence: 'tentative' },
    ]);
    expect(
      findSecrets(`{"key":"${key}"}`, { client: false, assignments: false, anonymous: true }),
    ).toMatchObject([{ kind: 'google-api-key', severity: 'high', confidence: 'firm' }]);
  });

  it('masks what it shows: the first four characters', () => {
    const key = fake.stripeLive();
    const [hit] = findSecrets(key, SCRIPT);
    expect(hit?.shown).toBe(`${key.slice(0, 4)}…`);
  });

  it('reports a hard-coded assignment only for a secret name, a mixed random value and no placeholder', () => {
    const v = fake.opaque();
    expect(kinds(`const config = { apiKey: "${v}" };`)).toEqual(['hardcoded-secret']);
    expect(kinds(`client_secret = '${v}'`)).toEqual(['hardcoded-secret']);
    expect(kinds(`"AWS_SECRET_ACCESS_KEY": "${fake.awsSecret()}"`)).toEqual(['hardcoded-secret']);
    expect(kinds(`csrfToken: "${v}"`)).toEqual([]);
    expect(kinds(`recaptchaSiteKey: "${v}"`)).toEqual([]);
    expect(kinds(`publishableKey: "${v}"`)).toEqual([]);
    expect(kinds(`userName: "${v}"`)).toEqual([]);
    expect(kinds(`apiKey: "YOUR_API_KEY_GOES_HERE"`)).toEqual([]);
    expect(kinds(`secret: 'xxxxxxxxxxxxxxxxxxxxxxxx'`)).toEqual([]);
    expect(kinds(`secret: 'abcdefghijklmnopqrstuvwxyz'`)).toEqual([]);
    expect(kinds(`password: 'correcthorsebatterystaple'`)).toEqual([]);
    expect(kinds(`apiKey: "https://api.example.com/v1"`)).toEqual([]);
    expect(kinds(`accessToken: "${v}"`, { ...SCRIPT, anonymous: false })).toEqual([]);
    expect(kinds(`accessToken: "${v}"`)).toEqual(['hardcoded-secret']);
  });

  it('leaves a known format to its own kind when it is also assigned', () => {
    expect(kinds(`stripeKey: "${fake.stripeLive()}"`)).toEqual(['stripe-live-key']);
  });
});

describe('adversarial inputs: every pattern stays linear and finds what is there', () => {
  const cases: Array<[string, string]> = [
    ['1 MB of AKIA', repeat('AKIA')],
    ['1 MB of base64 characters', repeat('aB3+/xY9')],
    ['1 MB of one letter', 'A'.repeat(MB)],
    ['1 MB of sk_live_', repeat('sk_live_')],
    ['1 MB of ghp_', repeat('ghp_')],
    ['1 MB of glpat-', repeat('glpat-')],
    ['1 MB of xoxb-123456-', repeat('xoxb-123456-')],
    ['1 MB of AIza', repeat('AIza')],
    ['1 MB of BEGIN PRIVATE KEY headers', repeat('-----BEGIN RSA PRIVATE KEY-----')],
    ['a header then 1 MB of base64 and no END', `-----BEGIN PRIVATE KEY-----\n${'QUJD'.repeat(MB / 4)}`],
    ['1 MB of apiKey: "', repeat('apiKey: "')],
    ['1 MB of identifiers and colons', repeat('secretKey:')],
    ['1 MB of a JWT-like run with no dots', repeat('eyJhbGciOi')],
    ['1 MB of hooks.slack.com', repeat('https://hooks.slack.com/services/T')],
  ];

  it.each(cases)('%s: nothing found', (_, text) => {
    expect(findSecrets(text, SCRIPT)).toEqual([]);
    expect(text.match(JWT_IN_TEXT) ?? []).toEqual([]);
  });

  it.each(cases)('%s, then a real key: the key is found', (_, text) => {
    const key = fake.stripeLive();
    expect(findSecrets(`${text} ${key}`, SCRIPT).map((h) => h.value)).toEqual([key]);
  });

  it('keeps every pattern free of quantified groups and sticky state', () => {
    for (const re of [...SECRET_FORMATS.map((f) => f.pattern), ASSIGNMENT, JWT_IN_TEXT]) {
      expect(re.flags).toBe('g');
      // An optional group is fine; a repeated one is where backtracking explodes.
      expect(re.source).not.toMatch(/\)(?:[*+]|\{\d+,\d*\})/);
      // No unbounded repeat at all outside character classes: every run has a ceiling.
      const outsideClasses = re.source.replace(/\[(?:\\.|[^\]\\])*\]/g, 'C');
      expect(outsideClasses).not.toMatch(/(?<!\\)[*+]|\{\d+,\}/);
    }
  });
});
