/** The terminal report: a finished Report rendered as text (pure; colour and width are the caller's choice). */
import type { Report } from '../report/report.js';
import { type Finding, SEVERITIES, type Severity, type Stack } from '../types.js';
import { alsoOnLine, distinctCount, type FindingGroup, groupFindings } from './lib/group.js';
import {
  type Colors,
  clean,
  colors,
  formatBytes,
  formatDuration,
  markdownLines,
  plural,
  STACK_NAMES,
  wrap,
} from './lib/terminal.js';

export interface TextOptions {
  /** ANSI colour (default off). */
  color?: boolean;
  /** Columns to wrap to (default 100; at least 50). */
  width?: number;
}

const CONFIDENCE_ORDER = { confirmed: 0, firm: 1, tentative: 2 } as const;
const STACK_ROWS: Array<[keyof Stack, string]> = [
  ['server', 'Server'],
  ['framework', 'Framework'],
  ['language', 'Language'],
  ['auth', 'Auth'],
  ['database', 'Database'],
];
const EXCERPT_LINES = 8;
const EXCERPT_CHARS = 600;
const BAR = 20;

export function renderText(report: Report, options: TextOptions = {}): string {
  const c = colors(options.color ?? false);
  const width = Math.max(50, options.width ?? 100);
  const out: string[] = [];
  const section = (title: string) => out.push('', c.bold(c.underline(title)));

  out.push(`${c.bold('Parapet')} ${report.tool.version} ${c.dim('·')} ${clean(report.target)}`);
  if (report.partial) {
    out.push(c.yellow('Partial scan: it was cut short, so these findings are only what it saw until then.'));
  }
  const sorted = [...report.findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence],
  );
  const groups = groupFindings(sorted);
  out.push(
    '',
    `  ${gradeBadge(report.grade, c)}   ${c.bold(`${report.score}/100`)}   ${findingSummary(report.findings, groups.length, c)}`,
  );

  section('Stack');
  out.push(...stackLines(report.stack, width, c));

  section('Categories');
  if (report.categories.length === 0) out.push(c.dim('  No category scores.'));
  const nameWidth = Math.max(0, ...report.categories.map((s) => s.category.length));
  for (const s of report.categories) {
    const filled = Math.round((Math.max(0, Math.min(100, s.score)) / 100) * BAR);
    const bar = scoreColor(s.score, c)('█'.repeat(filled)) + c.dim('░'.repeat(BAR - filled));
    const count = s.findings > 0 ? c.dim(plural(s.findings, 'finding')) : '';
    out.push(`  ${s.category.padEnd(nameWidth)}  ${bar} ${String(s.score).padStart(3)}  ${count}`.trimEnd());
  }

  const distinct = distinctCount(report.findings.length, groups.length);
  section(`Findings (${report.findings.length}${distinct ? `, ${distinct}` : ''})`);
  if (report.findings.length === 0) out.push(`  ${c.green('No findings.')}`);
  groups.forEach((g, i) => {
    if (i > 0) out.push('');
    out.push(...findingLines(g, report.target, width, c));
  });

  if (report.notes.length > 0) {
    section('Notes');
    for (const note of report.notes) out.push(...wrap(clean(note), width, '  • ', '    '));
  }

  section('Coverage');
  out.push(...coverageLines(report, width, c));

  section('Stats');
  const { requests, bytes, durationMs } = report.stats;
  out.push(
    `  ${plural(requests, 'request')} (budget ${report.config.budget}) · ${formatBytes(bytes)} received · ${formatDuration(durationMs)}`,
  );
  out.push(
    c.dim(
      `  mode ${report.config.mode} · report schema ${report.schemaVersion} · scoring v${report.scoringVersion}`,
    ),
  );
  return `${out.join('\n')}\n`;
}

function gradeBadge(grade: string, c: Colors): string {
  const paint =
    grade.startsWith('A') || grade.startsWith('B') ? c.bgGreen : grade.startsWith('C') ? c.bgYellow : c.bgRed;
  return c.bold(paint(c.black(` Grade ${grade} `)));
}

function scoreColor(score: number, c: Colors): (s: string) => string {
  return score >= 80 ? c.green : score >= 50 ? c.yellow : c.red;
}

function severityLabel(s: Severity, c: Colors): string {
  const text = s.toUpperCase().padEnd(8);
  switch (s) {
    case 'critical':
      return c.bold(c.magenta(text));
    case 'high':
      return c.bold(c.red(text));
    case 'medium':
      return c.yellow(text);
    case 'low':
      return c.cyan(text);
    default:
      return c.dim(text);
  }
}

function findingSummary(findings: readonly Finding[], issues: number, c: Colors): string {
  if (findings.length === 0) return c.green('no findings');
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const distinct = distinctCount(findings.length, issues);
  return `${plural(findings.length, 'finding')}${distinct ? ` (${distinct})` : ''}: ${counts.join(', ')}`;
}

function stackLines(stack: Stack, width: number, c: Colors): string[] {
  const lines: string[] = [];
  for (const [key, label] of STACK_ROWS) {
    const parts = stack[key];
    if (parts.length === 0) continue;
    parts.forEach((p, i) => {
      const head = `  ${(i === 0 ? label : '').padEnd(10)} `;
      const name = c.bold(clean(p.version ? `${p.name} ${p.version}` : p.name));
      lines.push(
        ...wrap(`${name} ${c.dim(`(${clean(p.evidence)})`)}`, width, head, ' '.repeat(head.length + 2)),
      );
    });
  }
  return lines.length > 0 ? lines : [c.dim('  Nothing identified.')];
}

function findingLines(group: FindingGroup, target: string, width: number, c: Colors): string[] {
  const f = group.first;
  const lines: string[] = [];
  const body = '      ';
  const sub = (title: string) => lines.push(`    ${c.bold(title)}`);
  lines.push(...wrap(c.bold(clean(f.title)), width, `  ${severityLabel(f.severity, c)} `, ' '.repeat(11)));
  const tentative = f.confidence === 'tentative' ? ' (not counted in the score or by --fail-on)' : '';
  const seenAs = f.identity === 'anonymous' ? 'without credentials' : `as the ${f.identity} identity`;
  lines.push(
    ...wrap(
      c.dim(`${f.rule} · confidence ${f.confidence}${tentative} · seen ${seenAs}`),
      width,
      '    ',
      body,
    ),
  );
  if (f.suppressed) {
    const why = `Suppressed until ${f.suppressed.expires}: ${clean(f.suppressed.reason)} (not counted in the score or by --fail-on)`;
    lines.push(...wrap(c.cyan(why), width, '    ', body));
  }
  const more = f.instances > 1 ? c.dim(` (and ${f.instances - 1} more)`) : '';
  lines.push(...wrap(`${f.method} ${clean(f.url)}${more}`, width, '    ', body));
  const also = alsoOnLine(group, target, clean);
  if (also) lines.push(...wrap(c.bold(also), width, '    ', body));

  sub('Evidence');
  const ev = f.evidence;
  lines.push(
    ...wrap(
      `${clean(ev.request)}${ev.status !== undefined ? ` → ${ev.status}` : ''}`,
      width,
      body,
      `${body}  `,
    ),
  );
  for (const [name, value] of Object.entries(ev.headers ?? {})) {
    lines.push(...wrap(`${c.cyan(`${clean(name)}:`)} ${clean(value)}`, width, body, `${body}  `));
  }
  if (ev.excerpt) lines.push(...excerptLines(ev.excerpt, width, body, c));
  if (ev.detail) lines.push(...wrap(clean(ev.detail), width, body));

  if (f.description) {
    sub('Why it matters');
    lines.push(...wrap(clean(f.description), width, body));
  }

  const r = f.remediation;
  sub(r.stack === 'generic' ? 'How to fix' : `How to fix (${STACK_NAMES[r.stack] ?? r.stack})`);
  if (r.basis) lines.push(...wrap(c.dim(`Chosen because ${clean(r.basis)}.`), width, body));
  if (r.text) lines.push(...markdownLines(r.text, width, body, c));
  lines.push(`${body}${c.dim('Docs:')} ${r.docs}`);

  sub('Mappings');
  const m = f.mappings;
  const parts = [`OWASP ${m.owasp}:2023 ${m.owaspTitle}`];
  if (m.cwe !== null) parts.push(`CWE-${m.cwe}`);
  if (m.asvs?.length) parts.push(`ASVS ${m.asvs.join(', ')}`);
  if (m.pciDss.length > 0) parts.push(`PCI DSS ${m.pciDss.join(', ')}`);
  if (m.soc2.length > 0) parts.push(`SOC 2 ${m.soc2.join(', ')}`);
  lines.push(...wrap(parts.join(' · '), width, body));
  return lines;
}

/** A body excerpt, quoted with a bar: a few lines, each cut to the width. */
function excerptLines(excerpt: string, width: number, indent: string, c: Colors): string[] {
  let text = clean(excerpt).trim();
  const cut = text.length > EXCERPT_CHARS;
  if (cut) text = text.slice(0, EXCERPT_CHARS);
  let rows = text.split('\n');
  const more = rows.length > EXCERPT_LINES || cut;
  rows = rows.slice(0, EXCERPT_LINES);
  const room = Math.max(20, width - indent.length - 2);
  const lines = rows.map(
    (row) => `${indent}${c.dim('│')} ${row.length > room ? `${row.slice(0, room - 1)}…` : row}`,
  );
  if (more) lines.push(`${indent}${c.dim('│ …')}`);
  return lines;
}

function coverageLines(report: Report, width: number, c: Colors): string[] {
  const cov = report.coverage;
  const lines = [
    `  ${plural(cov.pages, 'page')} · ${plural(cov.forms, 'form')} · ${plural(cov.skipped, 'URL')} found but not fetched`,
  ];
  const by = (status: string) => cov.checks.filter((k) => k.status === status);
  const counts = (['ran', 'partial', 'skipped', 'failed'] as const)
    .map((s) => [s, by(s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  lines.push(`  checks: ${counts.length > 0 ? counts.join(', ') : 'none'}`);
  for (const k of cov.checks) {
    if (k.status === 'ran') continue;
    const reason = k.reason ? `: ${clean(k.reason)}` : '';
    lines.push(...wrap(`${c.dim(`${k.status}`)} ${k.id}${reason}`, width, '    ', '      '));
  }
  const ops = cov.operations;
  if (ops) {
    lines.push(
      ...wrap(
        `operations: ${ops.planned} planned · ${ops.run} run · ${ops.skipped} skipped ${c.dim(`(spec ${clean(ops.source)})`)}`,
        width,
        '  ',
        '    ',
      ),
    );
    for (const r of ops.reasons) {
      const more = r.count > r.operations.length ? ', …' : '';
      const list = r.operations.map(clean).join(', ');
      lines.push(
        ...wrap(`${c.dim(String(r.count))} ${clean(r.reason)}: ${list}${more}`, width, '    ', '      '),
      );
    }
  }
  return lines;
}
