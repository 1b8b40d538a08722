/** Runs the built `parapet` command (`node dist/cli/main.js`) as a user would, and collects what it printed. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** Runs `parapet args…` in `cwd` with a clean environment (no PARAPET_* or colour variables) plus `env`. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
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
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

export const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
