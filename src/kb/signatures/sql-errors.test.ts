import { describe, expect, it } from 'vitest';
import { classifySqlError, sqlErrorMatches } from '../../checks/lib/sql-errors.js';
import { PARTS } from '../../fingerprint/parts.js';
import { DB_ENGINES, type DbEngine, SQL_ERROR_SIGNATURES, SUPERSEDES } from './sql-errors.js';

/**
 * Error texts as the engines and drivers produce them. PostgreSQL and SQLite texts were recorded
 * from the real engines (PostgreSQL 15 through psycopg2 and psql, SQLite 3.40 through Python's
 * sqlite3). CockroachDB cannot run here: its texts follow CockroachDB's documentation, its parser's
 * error test data (pkg/sql/parser/testdata/errors) and issue reports. The others follow the
 * engines' documented messages.
 */
const recorded: Array<[string, DbEngine, string]> = [
  // PostgreSQL
  [
    'psycopg2, unclosed quote',
    'postgresql',
    `unterminated quoted string at or near "'"\nLINE 1: SELECT * FROM items WHERE id = 1'\n                                        ^\n`,
  ],
  [
    'psycopg2, unclosed double quote',
    'postgresql',
    'unterminated quoted identifier at or near """\nLINE 1: SELECT * FROM items WHERE id = 1"\n',
  ],
  [
    'psycopg2, stray parenthesis',
    'postgresql',
    'syntax error at or near ")"\nLINE 1: SELECT * FROM items WHERE id = 1)\n',
  ],
  [
    'psycopg2, bound id of the wrong type',
    'postgresql',
    `invalid input syntax for type integer: "1'"\nLINE 1: SELECT * FROM items WHERE id = '1'''\n`,
  ],
  [
    'psql, libpq format',
    'postgresql',
    `ERROR:  unterminated quoted string at or near "'"\nLINE 1: select 1'\n                ^`,
  ],
  [
    'in HTML, escaped by Jinja',
    'postgresql',
    '<pre>psycopg2.errors.SyntaxError: unterminated quoted string at or near &#34;&#39;&#34;</pre>',
  ],
  ['in JSON', 'postgresql', '{"error":"syntax error at or near \\")\\""}'],
  ['node-postgres', 'postgresql', `error: invalid input syntax for type integer: "abc"`],
  ['older PostgreSQL wording', 'postgresql', 'invalid input syntax for integer: "abc"'],
  [
    'Rails over pg',
    'postgresql',
    'ActiveRecord::StatementInvalid (PG::SyntaxError: ERROR:  syntax error at end of input',
  ],
  [
    'PHP PDO pgsql',
    'postgresql',
    `SQLSTATE[42601]: Syntax error: 7 ERROR:  unterminated quoted string at or near "'"`,
  ],
  ['pgx', 'postgresql', `ERROR: syntax error at or near "'" (SQLSTATE 42601)`],
  // CockroachDB
  [
    'cockroach sql shell',
    'cockroachdb',
    'ERROR: at or near "hodgepodge": syntax error\nSQLSTATE: 42601\nDETAIL: source SQL:\nhodgepodge bananas\n^',
  ],
  [
    'statement ignored, with hint',
    'cockroachdb',
    'invalid syntax: statement ignored: at or near "int": syntax error\nSQLSTATE: 42601\nDETAIL: source SQL:\nALTER TABLE x ALTER COLUMN d INT AS (a // 3) STORED\n                             ^\nHINT: try \\h ALTER TABLE',
  ],
  [
    'parser: unterminated string',
    'cockroachdb',
    "lexical error: unterminated string\nDETAIL: source SQL:\nSELECT '1\n       ^\nHINT: try \\h SELECT",
  ],
  [
    'through psycopg2 (libpq spacing)',
    'cockroachdb',
    "psycopg2.errors.SyntaxError: lexical error: unterminated string\nDETAIL:  source SQL:\nSELECT * FROM items WHERE id = 1'\n                               ^\nHINT:  try \\h SELECT",
  ],
  [
    'through lib/pq, type mismatch',
    'cockroachdb',
    'pq: could not parse "connection reset by peer" as type int: strconv.ParseInt: parsing "connection reset by peer": invalid syntax',
  ],
  [
    'shell, type mismatch',
    'cockroachdb',
    'ERROR: could not parse "hello" as type int: strconv.ParseInt: parsing "hello": invalid syntax\nSQLSTATE: 22P02',
  ],
  [
    'older single-quoted wording',
    'cockroachdb',
    'could not parse \'foo\' as type int: strconv.ParseInt: parsing "foo": invalid syntax',
  ],
  [
    'Npgsql over CockroachDB',
    'cockroachdb',
    'Npgsql.PostgresException: 42601: at or near "schemaname": syntax error',
  ],
  [
    'older versions: PostgreSQL wording with source SQL',
    'cockroachdb',
    'ERROR: syntax error at or near "."\nDetail: source SQL:\nSELECT a.attname FROM pg_catalog.pg_class\n^\nHint: try \\h SELECT',
  ],
  [
    'a GraphQL engine relaying the fields in JSON',
    'cockroachdb',
    '{"description":"source SQL:\\nSELECT  FROM t\\n ^","hint":"try \\\\h SELECT","message":"at or near \\"from\\": syntax error","status_code":"42601"}',
  ],
  ['type mismatch in a comparison', 'cockroachdb', 'unsupported comparison operator: <int> = <string>'],
  // MySQL / MariaDB
  [
    'MySQL 1064',
    'mysql',
    "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ''' at line 1",
  ],
  [
    'MariaDB 1064',
    'mysql',
    "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '\\'' at line 1",
  ],
  ['unknown column', 'mysql', "Unknown column 'abc' in 'where clause'"],
  [
    'PHP mysql extension',
    'mysql',
    '<b>Warning</b>:  mysql_fetch_array() expects parameter 1 to be resource, boolean given in <b>/var/www/item.php</b>',
  ],
  [
    'PDO MySQL',
    'mysql',
    'SQLSTATE[42000]: Syntax error or access violation: 1064 You have an error in your SQL syntax',
  ],
  ['Connector/J', 'mysql', 'com.mysql.cj.jdbc.exceptions.SQLSyntaxErrorException: Unknown column'],
  ['Go MySQL driver', 'mysql', 'Error 1064 (42000): You have an error in your SQL syntax'],
  ['PyMySQL', 'mysql', 'pymysql.err.ProgrammingError: (1064, "You have an error'],
  // SQLite
  ['sqlite3, unclosed quote', 'sqlite', `sqlite3.OperationalError: unrecognized token: "'"`],
  ['sqlite3, unclosed double quote', 'sqlite', 'unrecognized token: """'],
  ['sqlite3, stray parenthesis', 'sqlite', 'near ")": syntax error'],
  ['sqlite3, unknown column', 'sqlite', 'no such column: abc'],
  ['in JSON', 'sqlite', '{"error":"unrecognized token: \\"\'\\""}'],
  ['node sqlite3', 'sqlite', `SQLITE_ERROR: near "'": syntax error`],
  [
    'JDBC',
    'sqlite',
    'org.sqlite.SQLiteException: [SQLITE_ERROR] SQL error or missing database (near "1": syntax error)',
  ],
  // SQL Server
  ['unclosed quotation mark', 'mssql', "Unclosed quotation mark after the character string '1''."],
  ['incorrect syntax', 'mssql', "Incorrect syntax near '1'."],
  [
    'conversion failed',
    'mssql',
    "Conversion failed when converting the varchar value 'abc' to data type int.",
  ],
  [
    '.NET SqlClient in JSON (\\u escapes)',
    'mssql',
    '{"error":"Microsoft.Data.SqlClient.SqlException (0x80131904): Incorrect syntax near \\u00271\\u0027."}',
  ],
  ['sqlcmd header', 'mssql', 'Msg 102, Level 15, State 1, Line 1'],
  ['ODBC', 'mssql', "[Microsoft][ODBC Driver 17 for SQL Server][SQL Server]Incorrect syntax near '1'."],
  // Oracle
  ['ORA-00933', 'oracle', 'ORA-00933: SQL command not properly ended'],
  ['ORA-01756', 'oracle', 'ORA-01756: quoted string not properly terminated'],
  ['python-oracledb', 'oracle', 'oracledb.exceptions.DatabaseError: ORA-01722: invalid number'],
];

/** Texts that look like errors (or quote inputs) but are no database's wording. */
const benign: Array<[string, string]> = [
  ['an echoed search', "<p>You searched for '1''</p><p>No results. Check the syntax of your query.</p>"],
  ["the application's validation", 'Bad value "1\'": syntax error, an id is a number'],
  ['a JSON body-parser error', "SyntaxError: Unexpected token ' in JSON at position 0"],
  ['a Python syntax error', 'SyntaxError: invalid syntax'],
  ['a Go conversion error', 'strconv.ParseInt: parsing "abc": invalid syntax'],
  ['a generic database word', 'A database error occurred. SQL syntax is checked by the server.'],
  ['prose with near and quotes', 'We are near "Main Street": come by. The pq: queue is short.'],
  ['a MySqlException-like word in prose', 'The class NpgsqlExceptionHandler and SqliteExceptions are ours.'],
  ['an ORA- reference without message', 'Ticket ORA-12345 is closed.'],
  ['Werkzeug 500', 'The server encountered an internal error and was unable to complete your request.'],
];

describe('SQL error signature table', () => {
  it('has unique ids and known engines, each engine named by a shape of its own', () => {
    const ids = SQL_ERROR_SIGNATURES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const engine of DB_ENGINES) {
      expect(PARTS[engine].kind, engine).toBe('database');
      expect(
        SQL_ERROR_SIGNATURES.some((s) => s.engine === engine && !s.shared),
        engine,
      ).toBe(true);
    }
    for (const [over, under] of Object.entries(SUPERSEDES)) {
      for (const e of under) expect(DB_ENGINES, `${over} → ${e}`).toContain(e);
    }
  });

  it('uses linear-time patterns: no flags with state, no quantified group, every repeat bounded', () => {
    for (const { id, pattern } of SQL_ERROR_SIGNATURES) {
      expect(pattern.flags, id).not.toMatch(/[gy]/);
      const src = pattern.source.replace(/\\./g, '_').replace(/\[[^\]]*\]/g, 'C');
      expect(src, id).not.toMatch(/[*+]/);
      expect(src, id).not.toMatch(/\)(?:\?\?|\{)/);
      for (const m of src.matchAll(/\{(\d+)(,(\d*))?\}/g)) {
        expect(m[2] === undefined || (m[3] !== '' && Number(m[3]) <= 120), `${id}: ${m[0]}`).toBe(true);
      }
    }
  });

  it.each(recorded)('names the engine: %s (%s)', (_, engine, text) => {
    const verdict = classifySqlError(sqlErrorMatches(text));
    expect(verdict?.engine).toBe(engine);
    expect(verdict?.specific).toBe(true);
  });

  it('does not read CockroachDB\'s "at or near" as SQLite\'s "near"', () => {
    const ids = sqlErrorMatches('at or near "from": syntax error').map((m) => m.sig.id);
    expect(ids).toEqual(['crdb-syntax-error']);
  });

  it('names PostgreSQL only as likely from a driver shape alone', () => {
    const verdict = classifySqlError(sqlErrorMatches('psycopg2.errors.InFailedSqlTransaction'));
    expect(verdict).toMatchObject({ engine: 'postgresql', specific: false, drivers: ['psycopg'] });
    expect(verdict?.engineName).toBe('PostgreSQL (or a server speaking its protocol)');
  });

  it('keeps the PostgreSQL driver when the server is CockroachDB', () => {
    const verdict = classifySqlError(
      sqlErrorMatches('psycopg2.errors.SyntaxError: at or near "\'": syntax error'),
    );
    expect(verdict).toMatchObject({ engine: 'cockroachdb', specific: true, drivers: ['psycopg'] });
  });

  it.each(benign)('ignores %s', (_, text) => {
    expect(sqlErrorMatches(text).map((m) => m.sig.id)).toEqual([]);
  });

  it('skips a match the request itself carried', () => {
    const text = 'Results for: ORA-00933: SQL command not properly ended';
    expect(sqlErrorMatches(text, '/search?q=ORA-00933: SQL command not properly ended')).toEqual([]);
    expect(sqlErrorMatches(text, '/search?q=x')).not.toEqual([]);
  });
});

describe('SQL error signatures on adversarial 1 MB inputs', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  // Prefixes of each shape repeated without ever completing one, and runs of quote characters.
  const near: Array<[string, string]> = [
    ['letters', 'a'],
    ['double quotes', '"'],
    ['single quotes', "'"],
    ['escaped quotes', '\\"'],
    ['quote entities', '&#34;'],
    ['"at or near" openings', 'at or near "x '],
    ['"near" openings', 'near "x'],
    ['"could not parse" openings', 'could not parse "x'],
    ['"Unknown column" openings', "Unknown column 'x"],
    ['"relation" openings', 'relation "x'],
    ['"invalid input syntax" openings', 'invalid input syntax for type '],
    ['SQLSTATE openings', 'SQLSTATE['],
    ['ORA- openings', 'ORA-0000'],
    ['newline-broken tokens', 'near "\n": syntax error'],
  ];

  it.each(near)(
    'no match and no blow-up on %s',
    (_, unit) => {
      const text = fill(unit);
      for (const { id, pattern } of SQL_ERROR_SIGNATURES) expect(pattern.test(text), id).toBe(false);
    },
    30_000,
  );

  it.each(near)(
    'still finds an error at the end of 1 MB of %s',
    (_, unit) => {
      const text = `${fill(unit)}\nunterminated quoted string at or near "'"`;
      expect(SQL_ERROR_SIGNATURES.find((s) => s.id === 'pg-unterminated-quoted')!.pattern.test(text)).toBe(
        true,
      );
    },
    30_000,
  );
});
