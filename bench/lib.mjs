// Helpers shared by the bench scripts. Everything they start listens on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PYTHON = process.env.PARAPET_PYTHON ?? '/usr/bin/python3';

/** Resolves to `http://127.0.0.1:<port>/` once `server` listens on a free port. */
export function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/`)),
  );
}

/**
 * Starts `test/fixtures/flask/<name>.py` (VARIANT=`variant`, plus `env`) on 127.0.0.1 at a free port.
 * Resolves to `{ url, port, stop }`; `stop()` resolves once the process has exited.
 */
export function startFlask(name, variant, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(root, 'test/fixtures/flask/run.py'), name], {
      env: { ...process.env, ...env, VARIANT: variant, PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${name} did not start`));
    }, 15_000);
    const stop = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    };
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT=(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}/`, port: Number(m[1]), stop });
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${name} exited`));
    });
  });
}
