import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPLIES, PART_KINDS, PARTS, type PartId } from './parts.js';
import { SIGNATURES, type Signature } from './signatures.js';

const regexesOf = (s: Signature): RegExp[] =>
  [s.header?.value, s.cookie?.name, s.cookie?.value, s.body, s.bodyNot, s.sent?.name, s.sent?.value].filter(
    (r): r is RegExp => r instanceof RegExp,
  );

const groupNames = (re: RegExp): string[] =>
  [...re.source.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]!);

describe('signature table', () => {
  it('has unique ids, known parts and at least one condition per signature', () => {
    const ids = SIGNATURES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SIGNATURES) {
      expect(Object.keys(s.claims).length, s.id).toBeGreaterThan(0);
      for (const id of Object.keys(s.claims)) expect(PARTS, s.id).toHaveProperty([id]);
      expect(Boolean(s.header || s.cookie || s.body || s.sent || s.errorPage), s.id).toBe(true);
    }
  });

  it('takes versions only for parts the signature claims', () => {
    for (const s of SIGNATURES) {
      for (const re of regexesOf(s)) {
        for (const name of groupNames(re)) expect(Object.keys(s.claims), `${s.id}: ${name}`).toContain(name);
      }
    }
  });

  it('uses stateless regexes with no repeated groups (linear time)', () => {
    for (const s of SIGNATURES) {
      for (const re of regexesOf(s)) {
        expect(re.flags, s.id).not.toMatch(/[gy]/);
        // A quantified group is where catastrophic backtracking starts; optional groups are fine.
        expect(re.source, s.id).not.toMatch(/\)(?:[*+]|\{\d+,\d*\})/);
      }
    }
  });

  it('implies only parts of a later kind, so one pass settles them', () => {
    for (const [from, targets] of Object.entries(IMPLIES) as Array<[PartId, PartId[]]>) {
      for (const to of targets) {
        expect(PART_KINDS.indexOf(PARTS[to].kind), `${from} → ${to}`).toBeGreaterThan(
          PART_KINDS.indexOf(PARTS[from].kind),
        );
      }
    }
  });

  it('can name every part: some signature or implication reaches it', () => {
    const reachable = new Set<string>(Object.values(IMPLIES).flat());
    for (const s of SIGNATURES) {
      for (const [id, strength] of Object.entries(s.claims)) if (strength !== 'hint') reachable.add(id);
    }
    expect(Object.keys(PARTS).filter((id) => !reachable.has(id))).toEqual([]);
  });

  it('is documented: docs/fingerprint.md names every part id', () => {
    const doc = readFileSync(new URL('../../docs/fingerprint.md', import.meta.url), 'utf8');
    expect(Object.keys(PARTS).filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
});
