import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FlaskCookieSpec, realFlaskCookies } from '../../../test/support/flask-cookies.js';
import { decodeFlaskSession, findFlaskSecret, flaskSignature } from './flask-session.js';
import { parseWordlist, secretWordlist } from './wordlist.js';

const RANDOM_SECRET = randomBytes(32).toString('hex');
const specs: Record<string, FlaskCookieSpec> = {
  plain: { secret: 'changeme', session: { user: 'alice', role: 'admin' } },
  compressed: { secret: 'changeme', session: { items: Array.from({ length: 40 }, () => 'same text') } },
  random: { secret: RANDOM_SECRET, session: { user: 'bob' } },
  docsBytes: { secret: 'hex:5f352379324c22463451387a0aec5d2f', session: { n: 1 } },
  tagged: { secret: 'dev', session: { t: null }, transform: '{"pair": (1, 2), "raw": b"x"}' },
  sha256: { secret: 'keyboard cat', session: { user: 'carol' }, digest: 'sha256' },
};
const names = Object.keys(specs);
const cookies: Record<string, string> = {};

beforeAll(() => {
  const made = realFlaskCookies(names.map((n) => specs[n]!));
  names.forEach((n, i) => {
    cookies[n] = made[i]!;
  });
});

const words = secretWordlist();
const secretOf = (name: string) => {
  const session = decodeFlaskSession(cookies[name]!)!;
  const i = findFlaskSecret(session, words);
  return i < 0 ? undefined : words.labels[i];
};

describe('Flask session cookies made by Flask', () => {
  it('decodes a plain cookie: its data, digest and signing time', () => {
    const s = decodeFlaskSession(cookies.plain!)!;
    expect(s.data).toEqual({ user: 'alice', role: 'admin' });
    expect(s.compressed).toBe(false);
    expect(s.digest).toBe('sha1');
    expect(Math.abs(s.signedAt!.getTime() - Date.now())).toBeLessThan(120_000);
  });

  it('decodes a compressed cookie (leading dot, zlib payload)', () => {
    expect(cookies.compressed!.startsWith('.')).toBe(true);
    const s = decodeFlaskSession(cookies.compressed!)!;
    expect(s.compressed).toBe(true);
    expect(s.data).toEqual(specs.compressed!.session);
  });

  it('keeps tagged JSON values readable', () => {
    expect(decodeFlaskSession(cookies.tagged!)!.data).toEqual({
      pair: { ' t': [1, 2] },
      raw: { ' b': 'eA==' },
    });
  });

  it('computes the signature Flask computed, for the right secret only', () => {
    for (const name of ['plain', 'compressed', 'random']) {
      const s = decodeFlaskSession(cookies[name]!)!;
      expect(flaskSignature(Buffer.from(specs[name]!.secret), s.signed)).toEqual(s.signature);
      expect(flaskSignature(Buffer.from('changeme!'), s.signed)).not.toEqual(s.signature);
    }
  });

  it('finds a wordlist secret, plain or compressed, and not a random one', () => {
    expect(secretOf('plain')).toBe('changeme');
    expect(secretOf('compressed')).toBe('changeme');
    expect(secretOf('tagged')).toBe('dev');
    expect(secretOf('random')).toBeUndefined();
  });

  it("finds the bytes key from Flask's quickstart, shown as Python bytes", () => {
    expect(secretOf('docsBytes')).toBe("b'_5#y2L\"F4Q8z\\n\\xec]/'");
  });

  it('follows an app that configured SHA-256 as digest', () => {
    expect(decodeFlaskSession(cookies.sha256!)!.digest).toBe('sha256');
    expect(secretOf('sha256')).toBe('keyboard cat');
  });

  it('finds the same secret with a list of its own (no shared table)', () => {
    const small = parseWordlist('nope\nalso-nope\nchangeme\n');
    expect(findFlaskSecret(decodeFlaskSession(cookies.plain!)!, small)).toBe(2);
  });
});

describe('what is not a Flask session', () => {
  const jwt = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.${randomBytes(32).toString('base64url')}`;
  it.each([
    ['a JWT', jwt],
    ['an opaque id', randomBytes(16).toString('hex')],
    [
      'a payload that is not JSON',
      `${Buffer.from('hello').toString('base64url')}.ZmFrZQ.${randomBytes(20).toString('base64url')}`,
    ],
    [
      'a JSON array',
      `${Buffer.from('[1,2]').toString('base64url')}.ZmFrZQ.${randomBytes(20).toString('base64url')}`,
    ],
    [
      'a compressed payload that does not inflate',
      `.eJzzzzzz.ZmFrZQ.${randomBytes(20).toString('base64url')}`,
    ],
    ['a signature of no digest length', `eyJhIjoxfQ.ZmFrZQ.${randomBytes(25).toString('base64url')}`],
    ['an Express signed cookie', 's%3Aabc.def'],
  ])('%s', (_, value) => {
    expect(decodeFlaskSession(value)).toBeUndefined();
  });
});
