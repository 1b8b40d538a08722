/**
 * A short Markdown summary for a pull-request comment or a CI job summary: grade, score, counts and the
 * top findings. Everything from the target is escaped (see lib/markdown-escape.ts).
 */
import type { Report } from '../report/report.js';
import type { Severity } from '../types.js';
import { notCountedReason, severityCounts, shortUrl, sortFindings } from './lib/findings.js';
import { alsoOnLine, distinctCount, groupFindings } from './lib/group.js';
import { mdCode, mdText } from './lib/markdown-escape.js';
import { formatDuration, plural } from './lib/terminal.js';

export interface MarkdownOptions {
  /** How many findings the table lists (default 10); repeats of one issue on other URLs share a row. */
  top?: number;
}

/** How many other URLs a grouped row quotes (a table cell has little room). */
const ALSO_ON_PATHS = 3;

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
  const groups = groupFindings(counted);
  const out: string[] = [];

  out.push(`### Parapet: grade ${report.grade} · ${report.score}/100`, '');
  const counts = severityCounts(counted).map(([s, n]) => `${n} ${s}`);
  const distinct = distinctCount(counted.length, groups.length);
  out.push(
    [
      `Scan of ${mdCode(report.target)}`,
      counted.length === 0
        ? 'no findings'
        : `${plural(counted.length, 'finding')}${distinct ? `, ${distinct}` : ''} (${counts.join(', ')})`,
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
    for (const g of groups.slice(0, top)) {
      const f = g.first;
      const more = f.instances > 1 ? ` (${f.instances} URLs)` : '';
      const also = alsoOnLine(g, report.target, mdCode, ALSO_ON_PATHS);
      const note = notCountedReason(f) ? ' (not counted)' : '';
      out.push(
        `| ${ICON[f.severity]} ${f.severity} | ${mdText(f.title)} ${mdCode(f.rule)} | ${mdCode(`${f.method} ${shortUrl(f.url, report.target)}`)}${more}${also ? ` · ${also}` : ''} | ${f.confidence}${note} |`,
      );
    }
    const rest = groups.slice(top);
    if (rest.length > 0) {
      const findings = rest.reduce((n, g) => n + 1 + g.others.length, 0);
      const restDistinct = distinctCount(findings, rest.length);
      out.push(
        '',
        `…and ${plural(findings, 'more finding')}${restDistinct ? ` (${restDistinct})` : ''} in the full report.`,
      );
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
