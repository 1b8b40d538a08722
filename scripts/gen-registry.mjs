// Regenerates the two registries from the folders: src/checks/index.ts (one check per file)
// and src/kb/index.ts (one rule doc per file). Run after adding a check or a rule doc.
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const ids = (dir) =>
  readdirSync(dir)
    .filter(
      (f) =>
        f.endsWith('.ts') && !f.endsWith('.test.ts') && !['index.ts', 'types.ts', 'context.ts'].includes(f),
    )
    .map((f) => f.slice(0, -3))
    .sort();

const checks = ids(join(src, 'checks'));
writeFileSync(
  join(src, 'checks/index.ts'),
  `${checks.map((id) => `import ${camel(id)} from './${id}.js';`).join('\n')}
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id (scripts/gen-registry.mjs). */
export const CHECKS: readonly Check[] = [
${checks.map((id) => `  ${camel(id)},`).join('\n')}
];
`,
);

const rules = ids(join(src, 'kb/rules'));
writeFileSync(
  join(src, 'kb/index.ts'),
  `${rules.map((id) => `import ${camel(id)} from './rules/${id}.js';`).join('\n')}
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in \`kb/rules/<rule>.ts\`, sorted (scripts/gen-registry.mjs). */
export const KB: Record<string, RuleDoc> = {
${rules.map((id) => `  '${id}': ${camel(id)},`).join('\n')}
};
`,
);
console.log(`${checks.length} checks, ${rules.length} rule docs`);
