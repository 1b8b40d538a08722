/** docs/active-probes.md lists every active probe and every browser proof, and nothing else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.js';
import { REPO_ROOT } from '../docs/generate.js';
import { headings } from '../docs/markdown.js';
import { PROVERS } from './index.js';

const doc = readFileSync(join(REPO_ROOT, 'docs/active-probes.md'), 'utf8');
const sections = headings(doc)
  .filter((h) => h.level === 2)
  .map((h) => h.text);

describe('docs/active-probes.md', () => {
  it('has one section per active check and per browser proof, in that order', () => {
    const active = CHECKS.filter((c) => c.meta.mode === 'active').map((c) => c.meta.id);
    expect(active.length).toBeGreaterThan(0);
    expect(sections).toEqual([...active, ...PROVERS.map((p) => `Browser proof: ${p.rule}`)]);
  });

  it("states each probe's request limit as its meta declares it", () => {
    for (const c of CHECKS.filter((x) => x.meta.mode === 'active')) {
      const section = doc.slice(doc.indexOf(`## ${c.meta.id}\n`)).split('\n## ')[0]!;
      expect(section, c.meta.id).toContain(`${c.meta.maxRequests} at most`);
    }
  });
});
