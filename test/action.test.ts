/** The GitHub Action (action.yml): a valid composite action, documented input by input in the README. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertBuilt } from './support/cli.js';
import { html, pages, serve } from './support/http-server.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
}
const action = parse(read('action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

describe('action.yml', () => {
  it('is a composite action: Node, build, scan, SARIF upload, then the gate', () => {
    expect(action.runs.using).toBe('composite');
    const uses = action.runs.steps.map((s) => s.uses?.split('@')[0] ?? s.name);
    expect(uses).toEqual([
      'actions/setup-node',
      'Build Parapet',
      'Scan',
      'github/codeql-action/upload-sarif',
      'Apply the gate',
    ]);
    for (const s of action.runs.steps.filter((s) => s.run)) expect(s.shell).toBe('bash');
  });

  it('its scripts are valid bash and never paste inputs into code (they arrive as environment variables)', () => {
    for (const step of action.runs.steps.filter((s) => s.run)) {
      expect(step.run).not.toMatch(/\$\{\{/);
      const check = spawnSync('bash', ['-n'], { input: step.run, encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    }
  });

  it('every input, and nothing else, is in the README table', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## GitHub Action'));
    const documented = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(action.inputs));
    for (const name of Object.keys(action.outputs)) expect(section).toContain(`\`${name}\``);
  });
});

describe('the Scan step, run as GitHub would run it', () => {
  it('writes the reports, the outputs and the job summary, and exits 0 even when the gate fails', async () => {
    assertBuilt();
    const app = await serve(pages({ '/': { body: html('<form method="post"><input name="q"></form>') } }));
    const work = mkdtempSync(join(tmpdir(), 'parapet-action-'));
    try {
      const step = action.runs.steps.find((s) => s.name === 'Scan')!;
      const outputs = join(work, 'outputs');
      const summary = join(work, 'summary.md');
      writeFileSync(outputs, '');
      writeFileSync(summary, '');
      const child = spawn('bash', ['-c', step.run!], {
        cwd: work,
        env: {
          PATH: process.env.PATH ?? '',
          GITHUB_ACTION_PATH: fileURLToPath(new URL('..', import.meta.url)),
          GITHUB_OUTPUT: outputs,
          GITHUB_STEP_SUMMARY: summary,
          PARAPET_ACTION_TARGET: app.url,
          PARAPET_ACTION_CONFIG: '',
          PARAPET_ACTION_FAIL_ON: 'low',
          PARAPET_ACTION_THRESHOLD: '',
          PARAPET_ACTION_FORMATS: action.inputs.formats!.default!,
          PARAPET_ACTION_OUTPUT_DIR: action.inputs['output-dir']!.default!,
          PARAPET_ACTION_UPLOAD: 'true',
          PARAPET_ACTION_ARGS: '--budget 40 --quiet',
        },
        stdio: 'ignore',
      });
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      const out = Object.fromEntries(
        readFileSync(outputs, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(/=(.*)/s).slice(0, 2)),
      );
      const report = JSON.parse(readFileSync(join(work, 'parapet-reports', 'parapet.json'), 'utf8'));
      expect(report.config.budget).toBe(40);
      expect(out).toEqual({
        'exit-code': '1', // the form page has findings at or above low
        'report-dir': 'parapet-reports',
        score: String(report.score),
        grade: report.grade,
        sarif: 'parapet-reports/parapet.sarif',
      });
      expect(readFileSync(summary, 'utf8')).toMatch(/^### Parapet: grade [A-F]/);
    } finally {
      await app.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
