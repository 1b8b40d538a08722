/**
 * A short Markdown summary for a pull-request comment or a CI job summary: grade, score, counts and the
 * top findings. Everything from the target is escaped (see lib/markdown-escape.ts).
 */
import type { Report } from '../report/report.js';
import type { Severity } from '../types.js';
import { notCountedReason, severityCounts, shortUrl, sortFindings } from './lib/findings.js';
import { mdCode, mdText } from './lib/markdown-escape.js';
import { formatDuration, plural } from './lib/terminal.js';

export interface MarkdownOptions {
  /** How many findings the table lists (default 10). */
  top?: number;
}

const ICON: Record<Severity, string> = {
  critical: '🟣',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: '⚪',
};

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const top = options.top ?? 10;
  const all = sortFindings(report.findings);
  const counted = all.filter((f) => !f.suppressed);
  const suppressed = all.length - counted.length;
  const out: string[] = [];

  out.push(`### Parapet: grade ${report.grade} · ${report.score}/100`, '');
  const counts = severityCounts(counted).map(([s, n]) => `${n} ${s}`);
  out.push(
    [
      `Scan of ${mdCode(report.target)}`,
      counted.length === 0 ? 'no findings' : `${plural(counted.length, 'finding')} (${counts.join(', ')})`,
      ...(suppressed > 0 ? [`${suppressed} suppressed`] : []),
      `${plural(report.stats.requests, 'request')} in ${formatDuration(report.stats.durationMs)}`,
    ].join(' · '),
  );
  if (report.partial) {
    out.push('', '> [!WARNING]', '> The scan was cut short: these findings are only what it saw until then.');
  }

  const weak = report.categories.filter((c) => c.score < 100).sort((a, b) => a.score - b.score);
  if (weak.length > 0) {
    out.push('', `Weakest categories: ${weak.map((c) => `${c.category} ${c.score}`).join(', ')}`);
  }

  if (counted.length > 0) {
    out.push('', '| Severity | Finding | Where | Confidence |', '| --- | --- | --- | --- |');
    for (const f of counted.slice(0, top)) {
      const more = f.instances > 1 ? ` (${f.instances} URLs)` : '';
      const note = notCountedReason(f) ? ' (not counted)' : '';
      out.push(
        `| ${ICON[f.severity]} ${f.severity} | ${mdText(f.title)} ${mdCode(f.rule)} | ${mdCode(`${f.method} ${shortUrl(f.url, report.target)}`)}${more} | ${f.confidence}${note} |`,
      );
    }
    if (counted.length > top) {
      out.push('', `…and ${plural(counted.length - top, 'more finding')} in the full report.`);
    }
  }
  if (suppressed > 0) {
    out.push(
      '',
      `${plural(suppressed, 'finding is', 'findings are')} suppressed in the config file and not counted.`,
    );
  }
  out.push(
    '',
    `<sub>Parapet ${mdText(report.tool.version)} · ${report.config.mode} mode · scoring v${report.scoringVersion}</sub>`,
  );
  return `${out.join('\n')}\n`;
}
