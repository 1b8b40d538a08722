/** The HTML report's stylesheet (inline, allowed by its hash in the report's CSP). */
export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0969da;
  --critical: #8250df; --high: #c8242f; --medium: #d5661b; --low: #b88100; --info: #6e7781; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eef1f4; color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
code, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
h2 { font-size: 20px; margin: 0 0 14px; }
h3 { font-size: 17px; margin: 22px 0 10px; display: flex; align-items: center; gap: 10px; }
h4 { font-size: 16px; margin: 0; flex: 1 1 auto; }
h5 { font-size: 12px; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); margin: 16px 0 6px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; margin: 16px 0; }
.top { background: linear-gradient(135deg, #0d2238, #17405f); color: #fff; border-radius: 12px; padding: 22px 24px; }
.top h1 { margin: 4px 0 2px; font-size: 26px; }
.top .brand { font-weight: 700; letter-spacing: .08em; text-transform: uppercase; font-size: 12px; opacity: .85; }
.top .brand span { font-weight: 400; opacity: .8; }
.top .target { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 15px; margin: 4px 0; word-break: break-all; }
.top .meta { margin: 0; opacity: .8; font-size: 13px; }
.banner { border-radius: 8px; padding: 8px 12px; margin: 10px 0; font-size: 14px; }
.banner.warn { background: #fff8c5; color: #4d2d00; border: 1px solid #d4a72c; }
.banner.suppressed { background: #ddf4ff; color: #0a3069; border: 1px solid #54aeff; }
.banner.muted { background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
.summary { display: flex; align-items: center; gap: 28px; flex-wrap: wrap; }
.grade { width: 112px; height: 128px; border-radius: 16px; color: #fff; display: flex; flex-direction: column; align-items: center; justify-content: center; }
.grade .letter { font-size: 72px; font-weight: 800; line-height: 1; }
.grade .label { font-size: 12px; text-transform: uppercase; letter-spacing: .1em; opacity: .9; }
.band-a { background: #1a7f37; } .band-b { background: #57a11f; } .band-c { background: #b88100; }
.band-d { background: #d5661b; } .band-f { background: #c8242f; }
.overview { flex: 1 1 300px; }
.overview .lead { font-size: 20px; font-weight: 600; margin: 0 0 8px; }
.small { font-size: 12px; color: var(--muted); margin: 10px 0 0; }
.chips { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.chip { border-radius: 999px; padding: 3px 12px; font-size: 13px; color: #fff; background: var(--info); }
.chip.sev-critical { background: var(--critical); } .chip.sev-high { background: var(--high); }
.chip.sev-medium { background: var(--medium); } .chip.sev-low { background: var(--low); }
.chip.muted { background: #e6e8eb; color: var(--fg); } .chip.ok { background: #1a7f37; }
.chart { display: block; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.stack .name { font-weight: 600; white-space: nowrap; } .stack .ver { font-weight: 400; color: var(--muted); }
.stack .evidence { color: var(--muted); word-break: break-word; }
.cat-score { color: #fff; font-size: 12px; border-radius: 999px; padding: 1px 9px; font-weight: 600; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--info); border-radius: 10px; padding: 14px 18px; margin: 12px 0; }
.finding.sev-critical { border-left-color: var(--critical); } .finding.sev-high { border-left-color: var(--high); }
.finding.sev-medium { border-left-color: var(--medium); } .finding.sev-low { border-left-color: var(--low); }
.finding.is-suppressed { opacity: .75; }
.finding > header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.sev { color: #fff; font-size: 12px; font-weight: 700; border-radius: 6px; padding: 2px 8px; background: var(--info); text-transform: uppercase; letter-spacing: .04em; }
.sev.sev-critical { background: var(--critical); } .sev.sev-high { background: var(--high); }
.sev.sev-medium { background: var(--medium); } .sev.sev-low { background: var(--low); }
.rule { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); }
.conf { font-size: 12px; border: 1px solid var(--line); border-radius: 999px; padding: 1px 8px; color: var(--muted); }
.conf-confirmed { border-color: #1a7f37; color: #1a7f37; }
.where { margin: 8px 0 4px; word-break: break-all; }
.where code, .request code { background: var(--soft); border-radius: 6px; padding: 2px 6px; }
.also { margin: 0 0 6px; font-size: 13px; color: var(--muted); word-break: break-word; }
.also code { background: var(--soft); border-radius: 4px; padding: 1px 4px; color: var(--fg); }
.subject { font-size: 12px; background: #fff1e5; color: #762c00; border-radius: 6px; padding: 1px 6px; }
.desc { margin: 6px 0; }
.evidence { background: var(--soft); border-radius: 8px; padding: 10px 12px; }
.evidence p { margin: 4px 0; } .request { word-break: break-all; }
.headers { margin: 6px 0; font-size: 13px; } .headers th { width: 1%; white-space: nowrap; font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
.headers td { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
pre { background: #0d1117; color: #e6edf3; border-radius: 8px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 8px 0; }
.excerpt { background: #fff; color: var(--fg); border: 1px solid var(--line); max-height: 220px; overflow: auto; }
.fix p { margin: 6px 0; } .fix code { background: var(--soft); border-radius: 4px; padding: 1px 4px; }
.fix pre code { background: none; padding: 0; }
.basis { color: var(--muted); font-size: 13px; } .docs { font-size: 13px; color: var(--muted); }
.tags { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.tags li { font-size: 12px; background: #eef4ff; color: #0a3069; border-radius: 6px; padding: 2px 8px; }
.notes { margin: 0; padding-left: 20px; }
.checks code { font-size: 12px; } .st-skipped, .muted { color: var(--muted); } .st-failed { color: var(--high); font-weight: 600; }
.st-partial { color: var(--medium); } .ok-text { color: #1a7f37; font-weight: 600; }
footer { text-align: center; color: var(--muted); font-size: 12px; margin-top: 24px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  section { border: none; padding: 8px 0; margin: 8px 0; }
  .finding { break-inside: auto; }
  .finding > header, h2, h3, h4, h5 { break-after: avoid; }
  pre, .evidence, .tags, .banner { break-inside: avoid; }
  pre, .excerpt { max-height: none; overflow: visible; }
}
`;
