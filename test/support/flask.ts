import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

/** Debian's python3 (with python3-flask); PARAPET_PYTHON overrides it. */
export const PYTHON = process.env.PARAPET_PYTHON ?? '/usr/bin/python3';
const RUNNER = fileURLToPath(new URL('../fixtures/flask/run.py', import.meta.url));

export interface FlaskApp {
  url: string;
  origin: string;
  close(): Promise<void>;
}

export type Variant = 'vulnerable' | 'fixed';

/**
 * Both variants of a fixture app, started before the tests of the current file or describe block and
 * stopped after them: `const flask = bothVariants((v) => startFlask('headers', v))`, then
 * `flask.vulnerable.url` inside a test.
 */
export function bothVariants(start: (variant: Variant) => Promise<FlaskApp>): Record<Variant, FlaskApp> {
  const apps: Partial<Record<Variant, FlaskApp>> = {};
  beforeAll(async () => {
    [apps.vulnerable, apps.fixed] = await Promise.all([start('vulnerable'), start('fixed')]);
  });
  afterAll(async () => {
    await Promise.all([apps.vulnerable?.close(), apps.fixed?.close()]);
  });
  return apps as Record<Variant, FlaskApp>;
}

/**
 * Starts `test/fixtures/flask/<name>.py` with werkzeug on 127.0.0.1 at a free port.
 * `variant` is passed as VARIANT (`vulnerable` or `fixed`) for apps that carry both.
 */
export async function startFlask(
  name: string,
  variant: Variant,
  env: Record<string, string> = {},
): Promise<FlaskApp> {
  const child = spawn(PYTHON, [RUNNER, name], {
    env: { ...process.env, ...env, VARIANT: variant, PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`flask app ${name} did not start: ${stderr}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT=(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`flask app ${name} exited with ${code}: ${stderr}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/`, origin, close: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const MANY = fileURLToPath(new URL('../fixtures/flask/run_many.py', import.meta.url));

export interface FlaskSpec {
  /** A module of test/fixtures/flask, or one on `PYTHONPATH`. */
  module: string;
  /** Environment while the module is imported; VARIANT defaults to `vulnerable`. */
  env?: Record<string, string>;
}

/**
 * Starts several apps in one Python process (test/fixtures/flask/run_many.py), each on its own port:
 * Flask is imported once, so many apps start in about the time of one. URLs come back in `specs` order.
 */
export async function startFlaskMany(
  specs: readonly FlaskSpec[],
  env: Record<string, string> = {},
): Promise<{ urls: string[]; close(): Promise<void> }> {
  const child = spawn(PYTHON, [MANY], {
    env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end(
    JSON.stringify(specs.map((s) => ({ module: s.module, env: { VARIANT: 'vulnerable', ...s.env } }))),
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const ports = await new Promise<number[]>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`flask apps did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (!/^READY$/m.test(out)) return;
      clearTimeout(timer);
      const found = new Map(
        [...out.matchAll(/^PORT (\d+)=(\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]),
      );
      resolve(specs.map((_, i) => found.get(i)!));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`flask apps exited with ${code}: ${stderr}`));
    });
  });
  return { urls: ports.map((p) => `http://127.0.0.1:${p}/`), close: () => stop(child) };
}
