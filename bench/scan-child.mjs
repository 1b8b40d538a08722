// Runs one default scan in a fresh process and prints its cost as JSON (bench/run.mjs reads it).
import { scan } from '../dist/index.js';

const target = process.argv[2];
const started = performance.now();
const report = await scan({ target });
const ms = performance.now() - started;
const rules = [...new Set(report.findings.map((f) => f.rule))].sort();
process.stdout.write(
  JSON.stringify({
    ms: Math.round(ms),
    requests: report.stats.requests,
    findings: report.findings.length,
    rules,
    score: report.score,
    grade: report.grade,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
