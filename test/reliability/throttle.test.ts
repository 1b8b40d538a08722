/** Targets that throttle (429) or are unavailable (503) for every request. */
import { describe, expect, it } from 'vitest';
import { hostileServer, respond } from '../support/hostile.js';
import { notesOf, scanHostile } from '../support/hostile-scan.js';

const BODY = '<!doctype html><title>slow down</title><a href="/a">a</a> <a href="/b">b</a>';

// Without Retry-After Parapet waits 1 s; the other rows ask for no wait or for far too long.
const rows: Array<[number, string | undefined, RegExp]> = [
  [
    429,
    undefined,
    /answered 429; Parapet slowed down and retried.*\n.*kept answering 429 after waiting, 3 times/,
  ],
  [
    503,
    '0',
    /answered 503; Parapet slowed down.*\n.*kept answering 503 after waiting, 3 times in a row: Parapet stopped retrying/,
  ],
  [429, '86400', /asked to wait 24 h \(Retry-After: 86400\).*not retried/],
  [503, 'Wed, 21 Oct 2099 07:28:00 GMT', /asked to wait \d+ days .*not retried/],
  [429, '99999999999999999999999', /not retried/],
];

describe('a target that refuses every request', () => {
  it.each(rows)(
    '%i with Retry-After %s: a report that says what was not tested',
    async (status, retryAfter, note) => {
      const headers = { 'Content-Type': 'text/html', ...(retryAfter ? { 'Retry-After': retryAfter } : {}) };
      const server = await hostileServer({ '*': respond(status, headers, BODY) });
      try {
        const report = await scanHostile(server.url);
        expect(notesOf(report)).toMatch(note);
        expect(notesOf(report)).toMatch(/URLs were still answered 429 or 503/);
        // Retries stop: a path asked for again is a retry or a check's own second look (CORS origins,
        // the TLS upgrade, TRACE all revisit the start URL); retrying everything would repeat every path.
        const repeats = server.requests.length - new Set(server.requests).size;
        expect(repeats).toBeLessThan(report.coverage.pages + 30);
        expect(repeats).toBeLessThan(server.requests.length / 2);
      } finally {
        await server.close();
      }
    },
  );

  it('a burst limit that lifts: throttled answers are retried again once the host serves', async () => {
    let n = 0;
    const server = await hostileServer({
      '*': (conn, req) => {
        n++;
        const throttled = n <= 8;
        respond(throttled ? 429 : 200, { 'Content-Type': 'text/html', 'Retry-After': '0' }, BODY)(conn, req);
      },
    });
    try {
      const report = await scanHostile(server.url);
      expect(notesOf(report)).not.toMatch(/still answered 429/);
    } finally {
      await server.close();
    }
  });
});
