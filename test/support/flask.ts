import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** Debian's python3 (with python3-flask); PARAPET_PYTHON overrides it. */
export const PYTHON = process.env.PARAPET_PYTHON ?? '/usr/bin/python3';
const RUNNER = fileURLToPath(new URL('../fixtures/flask/run.py', import.meta.url));

export interface FlaskApp {
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts `test/fixtures/flask/<name>.py` with werkzeug on 127.0.0.1 at a free port.
 * `variant` is passed as VARIANT (`vulnerable` or `fixed`) for apps that carry both.
 */
export async function startFlask(
  name: string,
  variant: 'vulnerable' | 'fixed',
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
