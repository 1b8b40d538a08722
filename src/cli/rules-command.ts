/** `parapet rules`: the rule catalogue, and which rules this version implements. */
import { CATALOGUE } from '../catalogue.js';
import { CHECKS } from '../checks/index.js';
import { colors } from '../reporters/lib/terminal.js';

/** Rule ids emitted by a registered check. */
export function implementedRules(): Set<string> {
  return new Set(CHECKS.flatMap((check) => Object.keys(check.meta.rules)));
}

export function renderRules(color: boolean): string {
  const c = colors(color);
  const implemented = implementedRules();
  const head = ['RULE', 'CATEGORY', 'SEVERITY', 'MODE', 'OWASP', 'IMPLEMENTED'];
  const rows = Object.entries(CATALOGUE).map(([id, e]) => [
    id,
    e.category,
    e.severity,
    e.mode,
    e.owasp,
    implemented.has(id) ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [c.bold(line(head))];
  for (const row of rows) out.push(row[5] === 'yes' ? line(row) : c.dim(line(row)));
  out.push(
    '',
    `${rows.length} rules, ${implemented.size} implemented. \`parapet explain <rule>\` shows what a rule means and how to fix it.`,
  );
  return `${out.join('\n')}\n`;
}
