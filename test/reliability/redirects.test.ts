/** Redirect loops, long chains, other origins and schemes a scanner must never follow. */
import { describe, expect, it } from 'vitest';
import { hostileServer, page, type RawHandler, redirect } from '../support/hostile.js';
import { notesOf, scanHostile } from '../support/hostile-scan.js';

const LINKS =
  '<!doctype html><title>t</title><a href="/a">a</a> <a href="/chain/1">c</a> <a href="/away">w</a>';

/** `/chain/n` redirects to `/chain/n+1`, without end (every URL is new). */
const chain: RawHandler = (conn, req) => {
  const n = Number(/\/chain\/(\d+)/.exec(req.path)?.[1] ?? 0);
  redirect(`/chain/${n + 1}`)(conn, req);
};

const SCHEMES = [
  'javascript:alert(document.domain)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'ftp://127.0.0.1/',
  '//parapet-elsewhere.test/',
  'http://parapet-elsewhere.test/',
  'http://[::1',
  '\\\\parapet-elsewhere.test\\x',
  `/${'a'.repeat(40_000)}`,
];

describe('redirects', () => {
  it('a loop, an endless chain and an off-site redirect behind the start page: no request leaves the origin', async () => {
    const server = await hostileServer({
      '/': page(LINKS),
      '/a': redirect('/b', 301),
      '/b': redirect('/a', 307),
      '/chain/1': chain,
      '*': chain,
      '/away': redirect('http://parapet-elsewhere.test/'),
    });
    try {
      const report = await scanHostile(server.url);
      expect(report.partial).toBe(false);
      // The loop is walked at most once per asker, never round and round.
      expect(server.requests.filter((p) => p === '/a').length).toBeLessThanOrEqual(12);
      expect(server.requests.every((p) => p.startsWith('/'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a start URL that redirects to itself', async () => {
    const server = await hostileServer({ '/': redirect('/') });
    try {
      const report = await scanHostile(server.url);
      expect(report.partial).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('a start URL at the head of an endless chain stops at the redirect limit', async () => {
    const server = await hostileServer({ '*': chain });
    try {
      const report = await scanHostile(`${server.origin}/chain/1`, { maxRedirects: 5 });
      expect(report.partial).toBe(false);
      expect(report.stats.requests).toBeLessThanOrEqual(60);
    } finally {
      await server.close();
    }
  });

  it.each(SCHEMES)('a start URL that redirects to %s: reported, not followed', async (location) => {
    const server = await hostileServer({ '/': redirect(location), '*': redirect(location, 308) });
    try {
      const report = await scanHostile(server.url);
      expect(report.partial).toBe(false);
      expect(server.requests.every((p) => p.startsWith('/'))).toBe(true);
      if (/^(javascript|file|data|ftp):|elsewhere/.test(location)) {
        expect(notesOf(report)).toMatch(/outside the scan scope/);
      }
    } finally {
      await server.close();
    }
  });
});
