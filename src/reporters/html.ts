/**
 * The HTML report: one self-contained file (inline CSS and SVG, no script, no external request) with a
 * strict Content-Security-Policy of its own. Everything that came from the target is escaped: the report
 * must never run what a hostile target put in a header or a body. The PDF report is this page printed.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../report/report.js';
import { SCORING } from '../scoring/index.js';
import {
  type Category,
  type CategoryScore,
  type Finding,
  type Severity,
  type Stack,
  severityRank,
} from '../types.js';
import { REPORT_CSS } from './html-style.js';
import { notCountedReason, severityCounts, sortFindings } from './lib/findings.js';
import { alsoOnLine, distinctCount, type FindingGroup, groupFindings } from './lib/group.js';
import { esc, markdownToHtml } from './lib/html.js';
import { formatBytes, formatDuration, plural, STACK_NAMES } from './lib/terminal.js';

const CATEGORY_NAMES: Record<Category, string> = {
  framing: 'Framing',
  csrf: 'Cross-site request forgery',
  cors: 'CORS',
  transport: 'Transport security',
  cookies: 'Cookies',
  headers: 'Security headers',
  'api-keys': 'API keys',
  authentication: 'Authentication',
  authorization: 'Authorization',
  'data-exposure': 'Data exposure',
  integrity: 'Integrity',
  injection: 'Injection',
  misconfiguration: 'Misconfiguration',
  resources: 'Resource consumption',
  inventory: 'Inventory',
};

const STACK_ROWS: Array<[keyof Stack, string]> = [
  ['server', 'Server'],
  ['framework', 'Framework'],
  ['language', 'Language'],
  ['auth', 'Authentication'],
  ['database', 'Database'],
];

/** Grade band colours (A..F) for the badge, the gauge and the bars. */
function bandClass(score: number): string {
  const band = SCORING.bands.find((b) => score >= b.min) ?? SCORING.bands.at(-1)!;
  return `band-${band.grade.toLowerCase()}`;
}

const BAND_COLOR: Record<string, string> = {
  'band-a': '#1a7f37',
  'band-b': '#57a11f',
  'band-c': '#b88100',
  'band-d': '#d5661b',
  'band-f': '#c8242f',
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const CSP_BASE = "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderHtml(report: Report): string {
  const css = REPORT_CSS;
  const hash = createHash('sha256').update(css).digest('base64');
  const csp = `${CSP_BASE}; style-src 'sha256-${hash}'`;
  const findings = sortFindings(report.findings);
  const groups = groupFindings(findings);
  const distinct = distinctCount(findings.length, groups.length);
  const title = `Parapet report: grade ${report.grade} (${report.score}/100) for ${report.target}`;
  const body = [
    header(report),
    summary(report, findings, groups),
    section('Category scores', categoryChart(report), 'categories'),
    section('Stack', stackTable(report.stack), 'stack'),
    section(
      `Findings (${findings.length}${distinct ? `, ${distinct}` : ''})`,
      findingsByCategory(report, groups),
      'findings',
    ),
    report.notes.length > 0
      ? section(
          'Notes',
          `<ul class="notes">${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
          'notes',
        )
      : '',
    section('Coverage', coverage(report), 'coverage'),
    footer(report),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Parapet ${esc(report.tool.version)}">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function section(title: string, content: string, id: string): string {
  return `<section id="${id}">\n<h2>${esc(title)}</h2>\n${content}\n</section>`;
}

function header(report: Report): string {
  const started = report.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const partial = report.partial
    ? '<p class="banner warn">Partial scan: it was cut short, so these findings are only what it saw until then.</p>'
    : '';
  return `<header class="top">
<div class="brand">Parapet <span>${esc(report.tool.version)}</span></div>
<h1>Security report</h1>
<p class="target">${esc(report.target)}</p>
<p class="meta">Scanned ${esc(started)} · ${esc(formatDuration(report.stats.durationMs))} · ${esc(plural(report.stats.requests, 'request'))} (${esc(formatBytes(report.stats.bytes))}) · ${esc(report.config.mode)} mode</p>
${partial}
</header>`;
}

function gauge(score: number): string {
  const r = 52;
  const circumference = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * circumference;
  const color = BAND_COLOR[bandClass(score)]!;
  return `<svg class="gauge" viewBox="0 0 128 128" width="128" height="128" role="img" aria-label="Score ${score} out of 100">
<circle cx="64" cy="64" r="${r}" fill="none" stroke="#e6e8eb" stroke-width="12"/>
<circle cx="64" cy="64" r="${r}" fill="none" stroke="${color}" stroke-width="12" stroke-linecap="round" stroke-dasharray="${filled.toFixed(1)} ${circumference.toFixed(1)}" transform="rotate(-90 64 64)"/>
<text x="64" y="62" text-anchor="middle" font-size="34" font-weight="700" fill="#1f2328">${score}</text>
<text x="64" y="84" text-anchor="middle" font-size="13" fill="#59636e">of 100</text>
</svg>`;
}

function summary(report: Report, findings: readonly Finding[], groups: readonly FindingGroup[]): string {
  const counted = findings.filter((f) => !f.suppressed);
  const suppressed = findings.length - counted.length;
  const distinct = distinctCount(counted.length, groups.filter((g) => !g.first.suppressed).length);
  const chips = severityCounts(counted)
    .map(([s, n]) => `<li class="chip sev-${s}"><b>${n}</b> ${s}</li>`)
    .join('');
  const extra = suppressed > 0 ? `<li class="chip muted"><b>${suppressed}</b> suppressed</li>` : '';
  const none = counted.length === 0 ? '<li class="chip ok">No findings</li>' : '';
  return `<section class="summary" id="summary">
<div class="grade ${bandClass(report.score)}"><span class="letter">${esc(report.grade)}</span><span class="label">Grade</span></div>
${gauge(report.score)}
<div class="overview">
<p class="lead">${esc(plural(counted.length, 'finding'))}${distinct ? ` (${distinct})` : ''}${suppressed > 0 ? ` and ${suppressed} suppressed` : ''}</p>
<ul class="chips">${chips}${extra}${none}</ul>
<p class="small">Tentative and suppressed findings are shown but do not move the score (scoring v${report.scoringVersion}).</p>
</div>
</section>`;
}

/** Categories that a check of the scan covered (ran or partly ran); the others were not tested. */
function testedCategories(report: Report): Set<Category> {
  return new Set(
    report.coverage.checks.filter((c) => c.status === 'ran' || c.status === 'partial').map((c) => c.category),
  );
}

function categoryChart(report: Report): string {
  const tested = testedCategories(report);
  const isTested = (c: CategoryScore) => tested.has(c.category) || c.findings > 0;
  const rows = report.categories.filter(isTested).sort((a, b) => a.score - b.score);
  const untested = report.categories.filter((c) => !isTested(c));
  const rest =
    untested.length > 0
      ? `<p class="small">Not tested by this scan: ${untested.map((c) => esc(CATEGORY_NAMES[c.category] ?? c.category)).join(', ')}.</p>`
      : '';
  if (rows.length === 0) return `<p class="muted">No category was tested.</p>${rest}`;
  const rowH = 28;
  const labelW = 190;
  const barW = 380;
  const height = rows.length * rowH + 8;
  const bars = rows.map((c: CategoryScore, i) => {
    const y = i * rowH + 4;
    const w = Math.round((Math.max(0, Math.min(100, c.score)) / 100) * barW);
    const count = c.findings > 0 ? ` · ${plural(c.findings, 'finding')}` : '';
    return `<g>
<text x="${labelW - 10}" y="${y + 17}" text-anchor="end" font-size="13" fill="#1f2328">${esc(CATEGORY_NAMES[c.category] ?? c.category)}</text>
<rect x="${labelW}" y="${y + 4}" width="${barW}" height="16" rx="4" fill="#eef0f2"/>
<rect x="${labelW}" y="${y + 4}" width="${w}" height="16" rx="4" fill="${BAND_COLOR[bandClass(c.score)]!}"/>
<text x="${labelW + barW + 10}" y="${y + 17}" font-size="13" fill="#1f2328"><tspan font-weight="700">${c.score}</tspan>${esc(count)}</text>
</g>`;
  });
  return `<svg class="chart" viewBox="0 0 ${labelW + barW + 140} ${height}" width="100%" role="img" aria-label="Score per category">
${bars.join('\n')}
</svg>
${rest}`;
}

function stackTable(stack: Stack): string {
  const rows: string[] = [];
  for (const [key, label] of STACK_ROWS) {
    for (const [i, p] of stack[key].entries()) {
      rows.push(
        `<tr><th>${i === 0 ? esc(label) : ''}</th><td class="name">${esc(p.name)}${p.version ? ` <span class="ver">${esc(p.version)}</span>` : ''}</td><td class="evidence">${esc(p.evidence)}</td></tr>`,
      );
    }
  }
  if (rows.length === 0) return '<p class="muted">Nothing identified: the fixes shown are generic.</p>';
  return `<table class="stack"><thead><tr><th>Part</th><th>Detected</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function findingsByCategory(report: Report, groups: readonly FindingGroup[]): string {
  if (groups.length === 0) return '<p class="ok-text">No findings.</p>';
  const byCategory = new Map<Category, FindingGroup[]>();
  for (const g of groups) byCategory.set(g.first.category, [...(byCategory.get(g.first.category) ?? []), g]);
  const worst = (gs: readonly FindingGroup[]) =>
    Math.max(...gs.filter((g) => !g.first.suppressed).map((g) => severityRank(g.first.severity)), 0);
  const ordered = [...byCategory].sort(([, a], [, b]) => worst(b) - worst(a));
  const scores = new Map(report.categories.map((c) => [c.category, c.score]));
  return ordered
    .map(([category, gs]) => {
      const score = scores.get(category);
      const badge =
        score === undefined ? '' : ` <span class="cat-score ${bandClass(score)}">${score}/100</span>`;
      return `<div class="category" id="cat-${category}">
<h3>${esc(CATEGORY_NAMES[category] ?? category)}${badge}</h3>
${gs.map((g) => findingCard(g, report.target)).join('\n')}
</div>`;
    })
    .join('\n');
}

/** How many other URLs a grouped card quotes. */
const ALSO_ON_PATHS = 10;

function findingCard(group: FindingGroup, target: string): string {
  const f = group.first;
  const ev = f.evidence;
  const also = alsoOnLine(group, target, (url) => `<code>${esc(url)}</code>`, ALSO_ON_PATHS);
  const more =
    f.instances > 1
      ? ` <span class="muted">and ${f.instances - 1} more matching URL${f.instances === 2 ? '' : 's'}</span>`
      : '';
  const why = notCountedReason(f);
  const suppressedBanner = f.suppressed
    ? `<p class="banner suppressed">Suppressed until ${esc(f.suppressed.expires)}: ${esc(f.suppressed.reason)}</p>`
    : why
      ? `<p class="banner muted">${esc(cap(why))}.</p>`
      : '';
  const headers = Object.entries(ev.headers ?? {});
  const headerRows = headers.length
    ? `<table class="headers">${headers.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`
    : '';
  const excerpt = ev.excerpt ? `<pre class="excerpt">${esc(ev.excerpt)}</pre>` : '';
  const r = f.remediation;
  const stackName = STACK_NAMES[r.stack] ?? r.stack;
  const fixTitle = r.stack === 'generic' ? 'How to fix' : `How to fix (${stackName})`;
  const m = f.mappings;
  const tags = [
    `<li>OWASP ${esc(m.owasp)}:2023 ${esc(m.owaspTitle)}</li>`,
    ...(m.cwe !== null ? [`<li>CWE-${m.cwe}</li>`] : []),
    ...m.pciDss.map((p) => `<li>PCI DSS ${esc(p)}</li>`),
    ...m.soc2.map((s) => `<li>SOC 2 ${esc(s)}</li>`),
  ].join('');
  const status = ev.status !== undefined ? ` <span class="arrow">→</span> <b>${ev.status}</b>` : '';
  return `<article class="finding sev-${f.severity}${f.suppressed ? ' is-suppressed' : ''}" id="f-${esc(f.fingerprint)}">
<header>
<span class="sev sev-${f.severity}">${cap(f.severity as Severity)}</span>
<h4>${esc(f.title)}</h4>
<span class="rule">${esc(f.rule)}</span>
<span class="conf conf-${f.confidence}">${esc(f.confidence)}</span>
</header>
${suppressedBanner}
<p class="where"><code>${esc(f.method)} ${esc(f.url)}</code>${more}${f.subject !== undefined ? ` <span class="subject">${esc(f.subject)}</span>` : ''}</p>${also ? `\n<p class="also">${also}</p>` : ''}
${f.description ? `<p class="desc">${esc(f.description)}</p>` : ''}
<h5>Evidence</h5>
<div class="evidence">
<p class="request"><code>${esc(ev.request)}</code>${status}</p>
${headerRows}
${excerpt}
<p class="detail">${esc(ev.detail)}</p>
</div>
<h5>${esc(fixTitle)}</h5>
<div class="fix">
${r.basis ? `<p class="basis">Chosen because ${esc(r.basis)}.</p>` : ''}
${r.text ? markdownToHtml(r.text) : ''}
<p class="docs">Docs: <code>${esc(r.docs)}</code></p>
</div>
<h5>Mappings</h5>
<ul class="tags">${tags}</ul>
</article>`;
}

function coverage(report: Report): string {
  const cov = report.coverage;
  const rows = cov.checks
    .map(
      (c) =>
        `<tr><td><code>${esc(c.id)}</code></td><td>${esc(CATEGORY_NAMES[c.category] ?? c.category)}</td><td class="st st-${c.status}">${c.status}</td><td>${esc(c.reason ?? '')}</td></tr>`,
    )
    .join('');
  return `<p>${esc(plural(cov.pages, 'page'))} · ${esc(plural(cov.forms, 'form'))} · ${esc(plural(cov.skipped, 'URL'))} found but not fetched · budget ${report.config.budget} requests</p>
${rows ? `<table class="checks"><thead><tr><th>Check</th><th>Category</th><th>Status</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>` : ''}`;
}

function footer(report: Report): string {
  return `<footer>Generated by Parapet ${esc(report.tool.version)} · report schema ${esc(report.schemaVersion)} · scoring v${report.scoringVersion} · finished ${esc(report.finishedAt)}</footer>`;
}
