import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Where Debian puts the server binaries: the newest /usr/lib/postgresql/<major>/bin with initdb. */
export function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (process.env.PARAPET_PG_BIN) return process.env.PARAPET_PG_BIN;
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}
/**
 * Starts a throwaway PostgreSQL cluster on 127.0.0.1 at a free port, creates `database` and runs
 * `setup` in it. The cluster lives in a temporary directory (socket included) that `stop()` removes.
 * PostgreSQL refuses to run as root, so as root the server commands run as the `postgres` user.
 */
export async function startPostgres(setup, database = 'parapet') {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin');
  const dir = mkdtempSync(join(tmpdir(), 'parapet-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const server = (cmd, args) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { cwd: dir })
      : run(join(bin, cmd), args);
  const data = join(dir, 'data');
  const port = await freePort();
  const user = 'postgres';
  let started = false;
  const stop = async () => {
    if (started) {
      await server('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => {});
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server('initdb', [
      '-D',
      data,
      '-U',
      user,
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`;
    await server('pg_ctl', ['start', '-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', options]);
    started = true;
    const psql = (db, sql) =>
      run(join(bin, 'psql'), [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        user,
        '-d',
        db,
        '-c',
        sql,
      ]);
    await psql('postgres', `CREATE DATABASE ${database}`);
    await psql(database, setup);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    database,
    env: { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: user, PGDATABASE: database },
    stop,
  };
}
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
