import { randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Credentials in each vendor's format, made up at test time from random bytes: no key-shaped literal
 * sits in the repository, and none of these was ever issued by anyone.
 */
const DIGITS = '0123456789';
// Without vowels and x, a random value can never spell a placeholder word (`fake`, `your`, `xxxx`),
// which Parapet rightly ignores: the tests stay deterministic in what they find.
const UPPER = 'BCDFGHJKLMNPQRSTVWYZ';
const LOWER = 'bcdfghjklmnpqrstvwyz';
const BASE62 = DIGITS + UPPER + LOWER;
/** The full alphabet, for checksums (GitHub encodes its CRC32 in all 62 characters). */
const FULL62 = `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz`;

export function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

function base62(n: number): string {
  let out = '';
  let v = n >>> 0;
  do {
    out = FULL62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(6, '0');
}

const join = (...parts: string[]) => parts.join('');

export const fake = {
  awsKeyId: () => join('AK', 'IA', randomFrom(`${UPPER}234567`, 16)),
  awsSecret: () => randomFrom(`${UPPER}${LOWER}${DIGITS}/+`, 40),
  stripeLive: () => join('sk', '_live_', randomFrom(BASE62, 24)),
  stripeRestricted: () => join('rk', '_live_', randomFrom(BASE62, 24)),
  stripeTest: () => join('sk', '_test_', randomFrom(BASE62, 24)),
  stripePublishable: () => join('pk', '_live_', randomFrom(BASE62, 24)),
  /** A classic GitHub token whose last six characters are the CRC32 of the thirty before them. */
  github: (prefix = 'ghp') => {
    const body = randomFrom(BASE62, 30);
    return join(prefix, '_', body, base62(crc32(body)));
  },
  /** The same shape with a checksum that does not match. */
  githubBadChecksum: () => {
    const body = randomFrom(BASE62, 30);
    const good = base62(crc32(body));
    const bad = good.slice(0, 5) + (good[5] === 'B' ? 'C' : 'B');
    return join('gh', 'p_', body, bad);
  },
  githubFineGrained: () => join('github', '_pat_', randomFrom(BASE62, 22), '_', randomFrom(BASE62, 59)),
  gitlab: () => join('gl', 'pat-', randomFrom(`${BASE62}_-`, 20)),
  slackBot: () =>
    join('xo', 'xb-', randomFrom(DIGITS, 12), '-', randomFrom(DIGITS, 13), '-', randomFrom(BASE62, 24)),
  slackWebhook: () =>
    join(
      'https://hooks.',
      'slack.com/services/T',
      randomFrom(UPPER + DIGITS, 8),
      '/B',
      randomFrom(UPPER + DIGITS, 8),
      '/',
      randomFrom(BASE62, 24),
    ),
  google: () => join('AI', 'za', randomFrom(`${BASE62}_-`, 35)),
  /** A PEM private key body: random base64 (no real key), in lines of 64. */
  pem: (label = 'RSA ') => {
    const lines = randomFrom(`${BASE62}+/`, 800)
      .match(/.{1,64}/g)!
      .join('\n');
    return join('-----BEGIN ', label, 'PRIVATE KEY-----\n', lines, '\n-----END ', label, 'PRIVATE KEY-----');
  },
  /** A high-entropy value such as a developer pastes as an API secret. */
  opaque: (length = 32) => randomFrom(BASE62, length),
};
