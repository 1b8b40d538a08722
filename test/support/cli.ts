/** Runs the built `parapet` command (`node dist/cli/main.js`) as a user would, and collects what it printed. */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(MAIN))
    throw new Error('dist/cli/main.js is missing: build first (npx tsc -p tsconfig.build.json)');
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/**
 * Starts `parapet args…` in `cwd` with a clean environment (no PARAPET_* or colour variables) plus `env`:
 * the child (to signal it) and what it printed once it exits.
 */
export function startCli(
  args: string[],
  options: CliOptions = {},
): { child: ChildProcessByStdio<null, Readable, Readable>; done: Promise<Run> } {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(PARAPET_|FORCE_COLOR|NO_COLOR)/.test(k)),
  ) as Record<string, string>;
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: options.cwd,
    env: { ...clean, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs `parapet args…` (see startCli) to its end. */
export function runCli(args: string[], options: CliOptions = {}): Promise<Run> {
  return startCli(args, options).done;
}

export const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
