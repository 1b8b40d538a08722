/** Targets that answer slowly, never, or break the connection mid-way. */
import { describe, expect, it } from 'vitest';
import { isParapetError } from '../../src/errors.js';
import {
  hostileServer,
  page,
  type RawHandler,
  resetMidBody,
  silent,
  slowBody,
  slowHeaders,
} from '../support/hostile.js';
import { notesOf, scanHostile } from '../support/hostile-scan.js';

const LINKS = '<!doctype html><title>t</title><a href="/a">a</a> <a href="/b">b</a> <a href="/c?x=1">c</a>';

/** A start page that answers, and every other path hostile. */
async function site(hostile: RawHandler) {
  return hostileServer({ '/': page(LINKS), '*': hostile });
}

const rows: Array<[string, RawHandler, RegExp]> = [
  ['headers one byte every 2 s', slowHeaders(2_000), /requests? failed \(timeout/],
  ['a body one byte every 2 s', slowBody(2_000), /bod(y|ies) (was|were) cut short \(timeout/],
  ['a connection that never answers', silent(), /requests? failed \(timeout/],
  ['a reset mid-body', resetMidBody(), /bod(y|ies) (was|were) cut short \(connection/],
];

describe('slow and broken pages behind a working start page', () => {
  it.each(rows)('%s: the report notes what failed', async (_, hostile, note) => {
    const server = await site(hostile);
    try {
      const report = await scanHostile(server.url, { timeoutMs: 300 });
      expect(report.coverage.pages).toBeGreaterThan(1);
      expect(notesOf(report)).toMatch(note);
    } finally {
      await server.close();
    }
  });
});

describe('a start page that is itself hostile', () => {
  it('slow headers: one clear timeout error', async () => {
    const server = await hostileServer({ '*': slowHeaders(2_000) });
    try {
      await expect(scanHostile(server.url, { timeoutMs: 300 })).rejects.toSatisfy((err) =>
        isParapetError(err, 'PARAPET_TIMEOUT'),
      );
    } finally {
      await server.close();
    }
  });

  it('a slow body: scanned with what arrived, and noted', async () => {
    const server = await hostileServer({ '*': slowBody(2_000) });
    try {
      const report = await scanHostile(server.url, { timeoutMs: 300 });
      expect(notesOf(report)).toMatch(/cut short \(timeout/);
    } finally {
      await server.close();
    }
  });
});
