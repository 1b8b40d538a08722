import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FastDigest, HmacTarget, KeyTable } from './hmac.js';

const DIGESTS: FastDigest[] = ['sha1', 'sha256'];

describe('table HMAC', () => {
  it.each(DIGESTS)(
    '%s: finds exactly the key Node computes the MAC with (any key and message length)',
    (digest) => {
      fc.assert(
        fc.property(
          fc.array(fc.uint8Array({ maxLength: 150 }), { minLength: 1, maxLength: 6 }),
          fc.nat(),
          fc.uint8Array({ maxLength: 300 }),
          (keys, pick, message) => {
            const right = keys[pick % keys.length]!;
            const mac = createHmac(digest, right).update(message).digest();
            const found = new HmacTarget(digest, message, mac).find(new KeyTable(digest, keys));
            expect(found).toBeGreaterThanOrEqual(0);
            expect(createHmac(digest, keys[found]!).update(message).digest()).toEqual(mac);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it.each(DIGESTS)('%s: finds nothing when no key fits, and honours the range', (digest) => {
    const keys = Array.from({ length: 50 }, (_, i) => Buffer.from(`candidate-${i}`));
    const message = randomBytes(200);
    const target = new HmacTarget(digest, message, createHmac(digest, 'not listed').update(message).digest());
    expect(target.find(new KeyTable(digest, keys))).toBe(-1);
    const table = new KeyTable(digest, keys);
    const at30 = new HmacTarget(digest, message, createHmac(digest, keys[30]!).update(message).digest());
    expect(at30.find(table)).toBe(30);
    expect(at30.find(table, 0, 30)).toBe(-1);
    expect(at30.find(table, 31)).toBe(-1);
  });

  it('fits only a MAC of the digest length', () => {
    expect(HmacTarget.fits('sha1', new Uint8Array(20))).toBe(true);
    expect(HmacTarget.fits('sha1', new Uint8Array(32))).toBe(false);
    expect(HmacTarget.fits('sha256', new Uint8Array(32))).toBe(true);
  });
});
