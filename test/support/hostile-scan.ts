/**
 * Scanning hostile targets: a full default scan (every registered check) with small budgets, and
 * the CLI in a child process with its peak memory measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expect } from 'vitest';
import type { ScanConfigInput } from '../../src/config/schema.js';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { expectValidReport } from './report-schema.js';

/** Budgets that keep one hostile scan to a few seconds. */
export const SMALL = {
  budget: 60,
  timeoutMs: 600,
  maxDurationMs: 6_000,
  rate: 1_000,
  maxPages: 12,
} as const satisfies Partial<ScanConfigInput>;

/**
 * A full default scan of `target` with small budgets. The report must be valid, within its request
 * budget, and finished within the scan's time limit plus one request timeout (and a little slack).
 */
export async function scanHostile(
  target: string,
  config: Partial<ScanConfigInput> = {},
  signal?: AbortSignal,
): Promise<Report> {
  const merged = { ...SMALL, ...config };
  const report = await scan({ target, ...merged }, signal ? { signal } : {});
  expectValidReport(report);
  expect(report.stats.requests).toBeLessThanOrEqual(merged.budget);
  expect(report.stats.durationMs).toBeLessThanOrEqual(merged.maxDurationMs + merged.timeoutMs + 2_000);
  return report;
}

/** All notes as one string, for matching. */
export const notesOf = (r: Report): string => r.notes.join('\n');

const DIST = new URL('../../dist/index.js', import.meta.url).href;
const WORKER = new URL('./scan-worker.mjs', import.meta.url);

export interface ScanWorker {
  /**
   * `scanHostile` in the worker, given up after `limitMs` (the worker is then replaced): for inputs
   * whose failure mode is a hang in synchronous code, which no in-process timeout can stop.
   */
  scan(target: string, config?: Partial<ScanConfigInput>, limitMs?: number): Promise<Report>;
  close(): Promise<void>;
}

type Answer = { id: number; report?: Report; error?: string };

/** A worker thread that scans with the built package (build first: `npx tsc -p tsconfig.build.json`). */
export function scanWorker(): ScanWorker {
  if (!existsSync(fileURLToPath(DIST))) {
    throw new Error('dist/index.js is missing: build first (npx tsc -p tsconfig.build.json)');
  }
  let worker: Worker | undefined;
  let ready: Promise<void> = Promise.resolve();
  let next = 0;
  const start = () => {
    const w = new Worker(WORKER, { workerData: { dist: DIST } });
    worker = w;
    ready = new Promise((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
    return w;
  };
  return {
    async scan(target, config = {}, limitMs = 15_000) {
      const w = worker ?? start();
      await ready;
      const merged = { ...SMALL, ...config };
      const id = ++next;
      let timer: NodeJS.Timeout | undefined;
      let onMessage: (a: Answer) => void = () => {};
      try {
        const answer = await Promise.race([
          new Promise<Answer>((resolve) => {
            onMessage = (a) => {
              if (a.id === id) resolve(a);
            };
            w.on('message', onMessage);
            w.postMessage({ id, config: { target, ...merged } });
          }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              worker = undefined;
              void w.terminate();
              reject(new Error(`the scan did not finish within ${limitMs} ms (a hang in synchronous code?)`));
            }, limitMs);
          }),
        ]);
        if (!answer.report) throw new Error(`the scan failed: ${answer.error}`);
        expectValidReport(answer.report);
        expect(answer.report.stats.requests).toBeLessThanOrEqual(merged.budget);
        return answer.report;
      } finally {
        clearTimeout(timer);
        w.off('message', onMessage);
      }
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const RSS_PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the CLI process, in MB. */
  peakRssMb: number;
  /** The JSON report written with --output, when there is one. */
  report?: Report;
}

export interface CliHandle {
  child: ChildProcess;
  done: Promise<CliRun>;
}

/**
 * Runs `node dist/cli/main.js scan <target> --format json --output <tmp> --quiet …args` (build
 * first: `npx tsc -p tsconfig.build.json`). The child writes its own peak RSS to a file on exit.
 */
export function startCli(target: string, args: string[] = [], env: Record<string, string> = {}): CliHandle {
  if (!existsSync(MAIN)) {
    throw new Error('dist/cli/main.js is missing: build first (npx tsc -p tsconfig.build.json)');
  }
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(PARAPET_|FORCE_COLOR|NO_COLOR|NODE_OPTIONS)/.test(k)),
  ) as Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'parapet-rel-'));
  const out = join(dir, 'report.json');
  const rss = join(dir, 'rss');
  const child = spawn(
    process.execPath,
    ['--require', RSS_PROBE, MAIN, 'scan', target, '--format', 'json', '--output', out, '--quiet', ...args],
    { env: { ...clean, ...env, RELIABILITY_RSS_FILE: rss }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c))).then(
    async (code) => {
      const peakKb = Number(await readFile(rss, 'utf8').catch(() => '0'));
      const text = await readFile(out, 'utf8').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      return {
        code,
        stdout,
        stderr,
        peakRssMb: Math.round(peakKb / 1024),
        ...(text ? { report: JSON.parse(text) as Report } : {}),
      };
    },
  );
  return { child, done };
}

export const runCli = (target: string, args: string[] = [], env: Record<string, string> = {}) =>
  startCli(target, args, env).done;
