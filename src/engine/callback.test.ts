import { describe, expect, it } from 'vitest';
import { CallbackListener, callbackHostFor } from './callback.js';

describe('callbackHostFor', () => {
  it.each([
    ['http://127.0.0.1:5000/', undefined, '127.0.0.1'],
    ['http://localhost:3000/', undefined, '127.0.0.1'],
    ['http://[::1]:8080/', undefined, '127.0.0.1'],
    ['https://shop.example.test/', undefined, undefined],
    ['http://10.0.0.5/', undefined, undefined],
    ['https://shop.example.test/', '203.0.113.7:9000', '203.0.113.7:9000'],
  ])('%s with %s → %s', (target, configured, expected) => {
    expect(callbackHostFor(new URL(target), configured)).toBe(expected);
  });
});

describe('CallbackListener', () => {
  it('records requests for the tokens it issued only, and closes', async () => {
    const listener = await CallbackListener.open('127.0.0.1');
    try {
      const { token, url } = listener.url();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/parapet-[0-9a-f]{24}$/);
      await fetch(`${url}/deeper?x=1`, { headers: { 'x-probe': 'yes' } });
      await fetch(`${listener.base}/parapet-${'0'.repeat(24)}`);
      await fetch(`${listener.base}/favicon.ico`);
      const before = Date.now();
      await listener.settle(before, 5_000, undefined, () => listener.received().length > 0);
      expect(Date.now() - before).toBeLessThan(1_000);
      expect(listener.received()).toEqual([
        expect.objectContaining({ token, method: 'GET', path: `/parapet-${token}/deeper?x=1` }),
      ]);
      expect(listener.received()[0]!.headers['x-probe']).toBe('yes');
    } finally {
      await listener.close();
    }
    await expect(fetch(listener.base)).rejects.toThrow();
  });
});
