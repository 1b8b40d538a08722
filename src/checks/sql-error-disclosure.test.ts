import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { type PostgresCluster, postgresBin, startPostgres } from '../../test/support/postgres.mjs';
import { scanWith } from '../../test/support/scan.js';
import { DB_ENGINE_NAMES, type DbEngine } from '../kb/signatures/sql-errors.js';
import type { Report } from '../report/report.js';
import check from './sql-error-disclosure.js';

const CHECKS = [check];
const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain; charset=utf-8' };

/** A site whose home page links to `/items?id=1`; `/items` answers with `items(id)`. */
function site(items: (id: string) => Page): Promise<TestServer> {
  return serve(
    pages({
      '/': { body: html('<a href="/items?id=1">first</a> <a href="/items?id=2">second</a>') },
      '/items': (req: IncomingMessage) =>
        items(new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? ''),
    }),
  );
}

const ok = (id: string): Page => ({ headers: HTML_TYPE, body: html(`<h1>Item ${id}</h1>`) });
/** The page for the original ids, and `error` for any other value. */
const onlyMalformed =
  (error: Page) =>
  (id: string): Page =>
    id === '1' || id === '2' ? ok(id) : error;
const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');

interface Row {
  name: string;
  items: (id: string) => Page;
  /** The engine the finding names (fires rows). */
  engine?: DbEngine;
  /** Text the evidence excerpt must contain. */
  excerpt?: string;
}

// CockroachDB cannot run here: these texts follow the shapes its documentation, its parser's test
// data and issue reports record (location-first syntax errors, the `DETAIL: source SQL:` block with
// its caret line, `HINT: try \h`, `could not parse "…" as type int`), in the wrappers of common drivers.
const CRDB_CLI = `ERROR: at or near "'": syntax error
SQLSTATE: 42601
DETAIL: source SQL:
SELECT name FROM items WHERE id = 1'
                                   ^
HINT: try \\h SELECT`;
const CRDB_PSYCOPG2 = `psycopg2.errors.SyntaxError: lexical error: unterminated string
DETAIL:  source SQL:
SELECT name FROM items WHERE id = 1'
                                   ^
HINT:  try \\h SELECT`;
const CRDB_LIB_PQ = 'pq: could not parse "1\'" as type int: strconv.ParseInt: parsing "1\'": invalid syntax';
const CRDB_JSON = JSON.stringify({
  error: { message: 'at or near "\'": syntax error', hint: 'try \\h SELECT', code: '42601' },
});

const fires: Row[] = [
  {
    name: 'CockroachDB, as its SQL shell prints a syntax error',
    items: onlyMalformed({ status: 500, headers: TEXT_TYPE, body: CRDB_CLI }),
    engine: 'cockroachdb',
    excerpt: `at or near "'": syntax error`,
  },
  {
    name: 'CockroachDB through psycopg2, in an HTML 500 page (not PostgreSQL)',
    items: onlyMalformed({
      status: 500,
      headers: HTML_TYPE,
      body: html(`<h1>Database error</h1><pre>${escapeHtml(CRDB_PSYCOPG2)}</pre>`),
    }),
    engine: 'cockroachdb',
    excerpt: 'lexical error: unterminated string',
  },
  {
    name: "CockroachDB through Go's lib/pq: a type mismatch",
    items: onlyMalformed({ status: 500, headers: TEXT_TYPE, body: `query failed: ${CRDB_LIB_PQ}\n` }),
    engine: 'cockroachdb',
    excerpt: 'as type int',
  },
  {
    name: 'CockroachDB fields in a JSON error',
    items: onlyMalformed({ status: 500, headers: JSON_TYPE, body: CRDB_JSON }),
    engine: 'cockroachdb',
    excerpt: 'syntax error',
  },
  {
    name: 'PostgreSQL through node-postgres, in JSON',
    items: onlyMalformed({
      status: 500,
      headers: JSON_TYPE,
      body: JSON.stringify({ error: `error: unterminated quoted string at or near "'"` }),
    }),
    engine: 'postgresql',
    excerpt: 'unterminated quoted string',
  },
  {
    name: "MySQL through PHP's mysqli, on a 200 page",
    items: onlyMalformed({
      headers: HTML_TYPE,
      body: html(
        "<br />\n<b>Fatal error</b>:  Uncaught mysqli_sql_exception: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '''' at line 1 in /var/www/html/item.php:7",
      ),
    }),
    engine: 'mysql',
    excerpt: 'You have an error in your SQL syntax',
  },
  {
    name: 'MariaDB through Node mysql2, in JSON',
    items: onlyMalformed({
      status: 500,
      headers: JSON_TYPE,
      body: JSON.stringify({
        code: 'ER_PARSE_ERROR',
        errno: 1064,
        sqlMessage:
          "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near ''' at line 1",
        sqlState: '42000',
      }),
    }),
    engine: 'mysql',
    excerpt: 'MariaDB server version',
  },
  {
    name: "SQL Server through .NET SqlClient (ASP.NET's error page)",
    items: onlyMalformed({
      status: 500,
      headers: HTML_TYPE,
      body: html(
        "<h1>Server Error in '/' Application.</h1><h2><i>Unclosed quotation mark after the character string '1''.<br>Incorrect syntax near '1''.</i></h2><pre>[SqlException (0x80131904): Unclosed quotation mark after the character string '1''.]\r\n   System.Data.SqlClient.SqlConnection.OnError(SqlException exception)</pre>",
      ),
    }),
    engine: 'mssql',
    excerpt: 'Unclosed quotation mark after the character string',
  },
  {
    name: 'SQL Server through classic ASP and OLE DB',
    items: onlyMalformed({
      status: 500,
      headers: HTML_TYPE,
      body: html(
        '<font face="Arial" size=2><p>Microsoft OLE DB Provider for SQL Server</font> <font face="Arial" size=2>error \'80040e14\'</font><p><font face="Arial" size=2>Incorrect syntax near \'1\'.</font>',
      ),
    }),
    engine: 'mssql',
    excerpt: 'Microsoft OLE DB Provider for SQL Server',
  },
  {
    name: 'Oracle through JDBC: ORA-01756',
    items: onlyMalformed({
      status: 500,
      headers: TEXT_TYPE,
      body: 'java.sql.SQLSyntaxErrorException: ORA-01756: quoted string not properly terminated\n\tat oracle.jdbc.driver.T4CTTIoer11.processError(T4CTTIoer11.java:494)',
    }),
    engine: 'oracle',
    excerpt: 'ORA-01756',
  },
  {
    name: 'Oracle: ORA-00933 in JSON',
    items: onlyMalformed({
      status: 500,
      headers: JSON_TYPE,
      body: JSON.stringify({ message: 'ORA-00933: SQL command not properly ended' }),
    }),
    engine: 'oracle',
    excerpt: 'ORA-00933',
  },
];

const quiet: Row[] = [
  {
    name: 'the error text is in the page for the original value too',
    items: () => ({
      headers: HTML_TYPE,
      body: html(
        "<p>Warning: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'LIMIT' at line 1</p>",
      ),
    }),
  },
  {
    name: 'a documentation page that quotes database errors for every value',
    items: (id) => ({
      headers: HTML_TYPE,
      body: html(
        `<h1>Troubleshooting ${escapeHtml(id)}</h1><p>ORA-00933: SQL command not properly ended</p><p>ERROR:  syntax error at or near &#34;FROM&#34;</p>`,
      ),
    }),
  },
  {
    name: "a search page that echoes the input (You searched for '…')",
    items: (id) => ({
      headers: HTML_TYPE,
      body: html(
        `<p>You searched for '${escapeHtml(id)}'</p><p>No results. Check the syntax of your query.</p>`,
      ),
    }),
  },
  {
    name: "the application's own validation message, echoing the value",
    items: (id) =>
      /^\d+$/.test(id)
        ? ok(id)
        : { status: 400, headers: TEXT_TYPE, body: `Bad value "${id}": syntax error, an id is a number` },
  },
  {
    name: 'a generic 500 after a malformed value',
    items: onlyMalformed({
      status: 500,
      headers: HTML_TYPE,
      body: html('<h1>Internal Server Error</h1><p>The server encountered an error.</p>'),
    }),
  },
  {
    name: 'a generic JSON error after a malformed value',
    items: onlyMalformed({ status: 400, headers: JSON_TYPE, body: '{"error":"invalid id"}' }),
  },
];

describe('sql-error-disclosure: a not-found page that always shows a database error', () => {
  let server: TestServer;
  beforeAll(async () => {
    const known = pages({
      '/': { body: html('<a href="/users/1">ada</a>') },
      '/users/1': { body: html('<h1>ada</h1>') },
    });
    // Every other URL (the catch-all probe, /users/1' …) gets a 404 page that quotes a database error.
    server = await serve((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/' || path === '/users/1') return known(req, res);
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html');
      res.end(html('<p>Not found.</p><!-- ORA-00942: table or view does not exist -->'));
    });
  });
  afterAll(() => server.close());

  it('is quiet: the probe only reached the not-found page', async () => {
    const report = await scanWith(server.url, CHECKS);
    expect(server.requests.some((r) => r.url === "/users/1'")).toBe(true);
    expect(sqlFindings(report)).toEqual([]);
  });
});

function sqlFindings(report: Report) {
  return report.findings.filter((f) => f.rule === 'sql-error-disclosure');
}

describe('sql-error-disclosure: Node servers', () => {
  const servers = new Map<Row, TestServer>();
  beforeAll(async () => {
    await Promise.all([...fires, ...quiet].map(async (row) => servers.set(row, await site(row.items))));
  });
  afterAll(async () => {
    await Promise.all([...servers.values()].map((s) => s.close()));
  });

  it.each(fires.map((r) => [r.name, r] as const))('fires: %s', async (_, row) => {
    const report = await scanWith(servers.get(row)!.url, CHECKS);
    const found = sqlFindings(report);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe('high');
    expect(f.confidence).toBe('firm');
    expect(f.url).toMatch(/\/items\?id=[12]$/);
    expect(f.evidence.request).toMatch(/\/items\?id=1(%27|')$/);
    expect(f.evidence.detail).toContain(`${DB_ENGINE_NAMES[row.engine!]} error`);
    expect(f.evidence.excerpt).toContain(row.excerpt);
    expect(report.stack.database.map((p) => p.id)).toEqual([row.engine]);
  });

  it.each(quiet.map((r) => [r.name, r] as const))('quiet: %s', async (_, row) => {
    const report = await scanWith(servers.get(row)!.url, CHECKS);
    expect(sqlFindings(report)).toEqual([]);
  });

  it('sends at most three malformed values per parameter, and stops at the first error', async () => {
    const quietServer = servers.get(quiet.find((r) => r.name.startsWith('a generic 500'))!)!;
    const before = quietServer.requests.length;
    await scanWith(quietServer.url, CHECKS);
    const probes = quietServer.requests.slice(before).filter((r) => /\/items\?id=1[^&]/.test(r.url));
    expect(probes.map((r) => decodeURIComponent(r.url))).toEqual([
      "/items?id=1'",
      '/items?id=1"',
      '/items?id=1)',
    ]);
    const firing = servers.get(fires[0]!)!;
    const start = firing.requests.length;
    await scanWith(firing.url, CHECKS);
    expect(firing.requests.slice(start).filter((r) => /\/items\?id=1[^&]/.test(r.url))).toHaveLength(1);
  });
});

/** One finding per vulnerable route, each naming `engine`, which the stack names too (firmly). */
function expectVulnerable(report: Report, engine: DbEngine): void {
  const found = sqlFindings(report);
  const paths = found.map((f) => new URL(f.url).pathname).sort();
  expect(paths).toEqual(['/items', '/search', '/users/1']);
  for (const f of found) {
    expect(f.evidence.detail).toContain(`${DB_ENGINE_NAMES[engine]} error`);
    expect(f.confidence).toBe('firm');
  }
  const db = report.stack.database;
  expect(db.map((p) => p.id)).toEqual([engine]);
  expect(db[0]!.evidence).not.toMatch(/^likely/);
}

describe('sql-error-disclosure: Flask over SQLite', () => {
  let vulnerable: FlaskApp;
  let fixed: FlaskApp;
  beforeAll(async () => {
    [vulnerable, fixed] = await Promise.all([
      startFlask('sql_sqlite', 'vulnerable'),
      startFlask('sql_sqlite', 'fixed'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([vulnerable?.close(), fixed?.close()]);
  });

  it('fires on string-built SQL, naming SQLite', async () => {
    const report = await scanWith(vulnerable.url, CHECKS);
    expectVulnerable(report, 'sqlite');
    const item = sqlFindings(report).find((f) => f.url.includes('/items'))!;
    expect(item.evidence.excerpt).toContain('unrecognized token');
    expect(item.remediation.stack).toBe('flask');
    expect(item.remediation.text).toContain('**SQLite** drivers take');
  });

  it('is quiet with bound parameters and a generic error', async () => {
    const report = await scanWith(fixed.url, CHECKS);
    expect(sqlFindings(report)).toEqual([]);
    expect(report.stack.database).toEqual([]);
  });
});

const PG_BIN = postgresBin();
const PG_SETUP = readFileSync(new URL('../../test/fixtures/flask/sql_pg.sql', import.meta.url), 'utf8');

describe.skipIf(!PG_BIN)(
  PG_BIN
    ? 'sql-error-disclosure: Flask over a real PostgreSQL'
    : 'sql-error-disclosure: Flask over PostgreSQL (SKIPPED: no initdb/pg_ctl under /usr/lib/postgresql/*/bin; install the postgresql package)',
  () => {
    let cluster: PostgresCluster;
    let vulnerable: FlaskApp;
    let fixed: FlaskApp;
    beforeAll(async () => {
      cluster = await startPostgres(PG_SETUP);
      [vulnerable, fixed] = await Promise.all([
        startFlask('sql_pg', 'vulnerable', cluster.env),
        startFlask('sql_pg', 'fixed', cluster.env),
      ]);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([vulnerable?.close(), fixed?.close()]);
      await cluster?.stop();
    });

    it('fires on string-built SQL, naming PostgreSQL and the psycopg driver', async () => {
      const report = await scanWith(vulnerable.url, CHECKS);
      expectVulnerable(report, 'postgresql');
      const item = sqlFindings(report).find((f) => f.url.includes('/items'))!;
      expect(item.evidence.excerpt).toContain(
        `psycopg2.errors.SyntaxError: unterminated quoted string at or near "'" LINE 1: SELECT id, name FROM items WHERE id = 1'`,
      );
      expect(item.evidence.detail).toContain('PostgreSQL error (psycopg)');
      expect(item.remediation.stack).toBe('flask');
      expect(item.remediation.text).toContain('%s');
      expect(item.remediation.basis).toContain('PostgreSQL detected');
    });

    it('is quiet with bound parameters and a generic error', async () => {
      const report = await scanWith(fixed.url, CHECKS);
      expect(sqlFindings(report)).toEqual([]);
      expect(report.stack.database).toEqual([]);
    });
  },
);
