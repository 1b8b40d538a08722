/** `parapet diff` output: a ReportDiff as terminal text, Markdown (for a pull request) or JSON. */
import type { ReportDiff } from '../report/diff.js';
import type { Finding } from '../types.js';
import { mdCode, mdText } from './lib/markdown-escape.js';
import { clean, colors, plural } from './lib/terminal.js';

const change = (n: number) => (n > 0 ? `+${n}` : String(n));

function line(f: Finding): string {
  const more = f.instances > 1 ? ` (${f.instances} URLs)` : '';
  const flag = f.suppressed ? ' [suppressed]' : f.confidence === 'tentative' ? ' [tentative]' : '';
  return `${f.severity.toUpperCase().padEnd(8)} ${f.rule}  ${f.method} ${f.url}${more}${flag}`;
}

export function renderDiffText(diff: ReportDiff, options: { color?: boolean } = {}): string {
  const c = colors(options.color ?? false);
  const out: string[] = [];
  const { old: a, new: b } = diff;
  const score = diff.scoreChange === 0 ? 'unchanged' : change(diff.scoreChange);
  out.push(
    `${c.bold('Score')} ${a.score} (${a.grade}) → ${b.score} (${b.grade}): ${diff.scoreChange < 0 ? c.red(score) : diff.scoreChange > 0 ? c.green(score) : score}`,
  );
  out.push(
    `${plural(diff.added.length, 'new finding')} · ${plural(diff.fixed.length, 'fixed finding')} · ${diff.unchanged.length} unchanged`,
  );
  for (const w of diff.warnings) out.push(c.yellow(`Note: ${clean(w)}`));
  const group = (title: string, list: readonly Finding[], paint: (s: string) => string) => {
    if (list.length === 0) return;
    out.push('', c.bold(title));
    for (const f of list) out.push(`  ${paint(clean(line(f)))}`);
  };
  group('New', diff.added, c.red);
  group('Fixed', diff.fixed, c.green);
  group('Unchanged', diff.unchanged, (s) => s);
  return `${out.join('\n')}\n`;
}

export function renderDiffMarkdown(diff: ReportDiff): string {
  const { old: a, new: b } = diff;
  const out = [
    `### Parapet: score ${a.score} → ${b.score} (${change(diff.scoreChange)}), grade ${a.grade} → ${b.grade}`,
    '',
    `${plural(diff.added.length, 'new finding')} · ${plural(diff.fixed.length, 'fixed finding')} · ${diff.unchanged.length} unchanged`,
  ];
  for (const w of diff.warnings) out.push('', `> ${mdText(`Note: ${w}`)}`);
  const table = (title: string, list: readonly Finding[]) => {
    if (list.length === 0) return;
    out.push('', `**${title}**`, '', '| Severity | Rule | Where |', '| --- | --- | --- |');
    for (const f of list) {
      const flag = f.suppressed ? ' (suppressed)' : f.confidence === 'tentative' ? ' (tentative)' : '';
      out.push(`| ${f.severity}${flag} | ${mdCode(f.rule)} | ${mdCode(`${f.method} ${f.url}`)} |`);
    }
  };
  table('New', diff.added);
  table('Fixed', diff.fixed);
  return `${out.join('\n')}\n`;
}

export function renderDiffJson(diff: ReportDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
