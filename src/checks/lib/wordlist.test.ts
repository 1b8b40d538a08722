import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWordlist, secretWordlist } from './wordlist.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the secret wordlist', () => {
  it('is what scripts/build-wordlist.mjs builds (the script is the source)', () => {
    expect(
      execFileSync(process.execPath, ['scripts/build-wordlist.mjs', '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ).toContain('up to date');
  });

  it('has several thousand distinct entries, documented defaults first', () => {
    const words = secretWordlist();
    expect(words.keys.length).toBeGreaterThan(3000);
    expect(new Set(words.keys.map((k) => k.toString('hex'))).size).toBe(words.keys.length);
    for (const known of [
      'dev',
      'secret',
      'changeme',
      'keyboard cat',
      'your-256-bit-secret',
      'super-secret-key',
      's3cr3t',
    ]) {
      expect(words.labels.indexOf(known), known).toBeGreaterThanOrEqual(0);
      expect(words.labels.indexOf(known), known).toBeLessThan(100);
    }
  });

  it('is read once', () => {
    expect(secretWordlist()).toBe(secretWordlist());
  });

  it('parses the format: literal lines, hex bytes, no trimming, empty lines and repeats skipped', () => {
    const w = parseWordlist(' spaced \n#hash\n\nhex:00ff0a\r\nplain\nplain\n');
    expect(w.keys.map((k) => k.toString('hex'))).toEqual([
      Buffer.from(' spaced ').toString('hex'),
      Buffer.from('#hash').toString('hex'),
      '00ff0a',
      Buffer.from('plain').toString('hex'),
    ]);
    expect(w.labels).toEqual([' spaced ', '#hash', "b'\\x00\\xff\\n'", 'plain']);
  });
});
