/**
 * Database error texts, as data. Each signature recognises one shape of error a database engine or
 * its client driver produces, and names the engine. The `sql-error-disclosure` check and the stack
 * fingerprint both read this table: one source for both.
 *
 * Patterns must run in linear time on any input: no quantified groups, and every repeat bounded
 * (`{0,80}`), never `*` or `+`. They are case-sensitive, as the engines spell their messages.
 * Quotes are matched as they reach a page: raw, JSON-escaped (`\"`, `\u0022`) or as HTML entities.
 */

export const DB_ENGINES = ['postgresql', 'cockroachdb', 'mysql', 'sqlite', 'mssql', 'oracle'] as const;
export type DbEngine = (typeof DB_ENGINES)[number];

export const DB_ENGINE_NAMES: Record<DbEngine, string> = {
  postgresql: 'PostgreSQL',
  cockroachdb: 'CockroachDB',
  mysql: 'MySQL/MariaDB',
  sqlite: 'SQLite',
  mssql: 'Microsoft SQL Server',
  oracle: 'Oracle Database',
};

export interface SqlErrorSignature {
  /** Stable id, unique in the table. */
  id: string;
  engine: DbEngine;
  /** The client library whose wording this is, when the shape comes from a driver. */
  driver?: string;
  pattern: RegExp;
  /** What the match is, in a few words. */
  description: string;
  /**
   * `shared`: the shape also comes from other engines that speak the same protocol or use the same
   * driver (CockroachDB answers through PostgreSQL drivers). It names the engine only as likely,
   * and an engine-specific match on the same text wins.
   */
  shared?: true;
}

/**
 * A more specific engine wins over the engines it is built on: CockroachDB speaks PostgreSQL's
 * protocol, so its errors reach pages through PostgreSQL drivers (psycopg2, node-postgres, lib/pq)
 * and some of its messages copy PostgreSQL's. When a text shows both, it is CockroachDB.
 */
export const SUPERSEDES: Partial<Record<DbEngine, readonly DbEngine[]>> = {
  cockroachdb: ['postgresql'],
};

/** A double quote: raw, JSON-escaped, an HTML entity, or a JSON `\u` escape. */
const DQ = String.raw`(?:"|\\"|&quot;|&#34;|&#x22;|\\u0022)`;
/** A single quote, likewise. */
const SQ = String.raw`(?:'|\\'|&#39;|&#039;|&#x27;|&apos;|\\u0027)`;
/** A quoted token on one line: `"x"` (short, bounded). */
const QUOTED = `${DQ}[^\\n]{0,80}?${DQ}`;
const re = (source: string) => new RegExp(source);

export const SQL_ERROR_SIGNATURES: readonly SqlErrorSignature[] = [
  // ── PostgreSQL: the server's own messages ──────────────────────────────────────────────────────
  {
    id: 'pg-unterminated-quoted',
    engine: 'postgresql',
    pattern: re(`unterminated quoted (?:string|identifier) at or near ${DQ}`),
    description: "PostgreSQL's error for an unclosed quote",
  },
  {
    id: 'pg-syntax-error',
    engine: 'postgresql',
    pattern: re(`syntax error at (?:or near ${DQ}|end of input)`),
    description: "PostgreSQL's syntax error",
  },
  {
    id: 'pg-invalid-input-syntax',
    engine: 'postgresql',
    pattern: re(`invalid input syntax for (?:type )?[a-z][a-z ]{1,40}: ${DQ}`),
    description: "PostgreSQL's error for a value of the wrong type",
  },
  {
    id: 'pg-operator-does-not-exist',
    engine: 'postgresql',
    pattern: /operator does not exist: [a-z][a-z ]{1,40} [=<>!~]{1,3} [a-z]/,
    description: "PostgreSQL's error for comparing mismatched types",
  },
  {
    id: 'node-postgres-error',
    engine: 'postgresql',
    driver: 'node-postgres',
    pattern:
      /\berror: (?:syntax error at or near|unterminated quoted (?:string|identifier) at or near|invalid input syntax for)/,
    description: 'a PostgreSQL error as node-postgres prints it',
  },
  // ── PostgreSQL protocol: drivers and shapes CockroachDB shares ─────────────────────────────────
  {
    id: 'pgwire-libpq-error',
    engine: 'postgresql',
    driver: 'libpq',
    shared: true,
    pattern: /\bERROR: {2}[a-z]/,
    description: "a server error in libpq's `ERROR:  ` format",
  },
  {
    id: 'pgwire-does-not-exist',
    engine: 'postgresql',
    shared: true,
    pattern: re(`\\b(?:relation|column|function) ${QUOTED} does not exist`),
    description: 'a PostgreSQL-protocol error for an unknown table or column',
  },
  {
    id: 'pgwire-sqlstate',
    engine: 'postgresql',
    shared: true,
    pattern: /SQLSTATE[\s:=[]{1,3}(?:22P0[1-6]|42P[0-2]\d)\b/,
    description: 'a SQLSTATE code only PostgreSQL-protocol servers define',
  },
  {
    id: 'pgwire-psycopg',
    engine: 'postgresql',
    driver: 'psycopg',
    shared: true,
    pattern:
      /\bpsycopg2?\.(?:errors\.[A-Z][A-Za-z]{2,60}|(?:Programming|Data|Internal|Operational|Integrity|Database|NotSupported)Error)\b/,
    description: 'a psycopg (Python) database exception',
  },
  {
    id: 'pgwire-asyncpg',
    engine: 'postgresql',
    driver: 'asyncpg',
    shared: true,
    pattern: /\basyncpg\.exceptions\.[A-Z][A-Za-z]{2,60}\b/,
    description: 'an asyncpg (Python) database exception',
  },
  {
    id: 'pgwire-pgjdbc',
    engine: 'postgresql',
    driver: 'PgJDBC',
    shared: true,
    pattern: /\borg\.postgresql\.util\.PSQLException\b/,
    description: "PostgreSQL's JDBC driver exception",
  },
  {
    id: 'pgwire-npgsql',
    engine: 'postgresql',
    driver: 'Npgsql',
    shared: true,
    pattern: /\bNpgsql\.(?:PostgresException|NpgsqlException)\b/,
    description: 'an Npgsql (.NET) database exception',
  },
  {
    id: 'pgwire-ruby-pg',
    engine: 'postgresql',
    driver: 'ruby-pg',
    shared: true,
    pattern: /\bPG::[A-Z][A-Za-z]{2,60}: /,
    description: 'a Ruby pg gem exception',
  },
  {
    id: 'pgwire-lib-pq',
    engine: 'postgresql',
    driver: 'lib/pq',
    shared: true,
    // After a line start, a tag, a quote or a colon (`query failed: pq: …`), not inside prose.
    pattern: /(?:^|[\n>"':]) ?pq: [a-z]/,
    description: 'an error from lib/pq, the Go PostgreSQL driver',
  },
  {
    id: 'pgwire-pgx',
    engine: 'postgresql',
    driver: 'pgx',
    shared: true,
    pattern: /\(SQLSTATE [0-9A-Z]{5}\)/,
    description: 'an error from pgx, the Go PostgreSQL driver',
  },
  {
    id: 'pgwire-php',
    engine: 'postgresql',
    driver: 'PHP pgsql',
    shared: true,
    pattern:
      /\bpg_(?:query|execute|prepare)\(\): Query failed: |SQLSTATE\[[0-9A-Z]{5}\]: [A-Za-z ]{3,60}: 7 ERROR: /,
    description: "a PostgreSQL error as PHP's pgsql or PDO driver prints it",
  },
  // ── CockroachDB ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'crdb-syntax-error',
    engine: 'cockroachdb',
    pattern: re(`\\bat or near ${QUOTED}: syntax error`),
    description: "CockroachDB's syntax error (location first, unlike PostgreSQL)",
  },
  {
    id: 'crdb-lexical-error',
    engine: 'cockroachdb',
    pattern: /\blexical error: unterminated (?:string|comment)/,
    description: "CockroachDB's lexer error for an unclosed quote",
  },
  {
    id: 'crdb-source-sql',
    engine: 'cockroachdb',
    pattern: /\bsource SQL:(?:\r?\n|\\n|<br>)/,
    description: "CockroachDB's `DETAIL: source SQL:` block",
  },
  {
    id: 'crdb-hint-help',
    engine: 'cockroachdb',
    pattern: /\btry \\{1,2}h [A-Z<&]/,
    description: "CockroachDB's `HINT: try \\h` help pointer",
  },
  {
    id: 'crdb-could-not-parse',
    engine: 'cockroachdb',
    pattern: re(`\\bcould not parse (?:${DQ}|${SQ})[^\\n]{0,80}?(?:${DQ}|${SQ}) as type [a-z]`),
    description: "CockroachDB's error for a value of the wrong type",
  },
  {
    id: 'crdb-unsupported-operator',
    engine: 'cockroachdb',
    pattern: /\bunsupported (?:comparison|binary) operator: (?:<|&lt;)[a-z]/,
    description: "CockroachDB's error for comparing mismatched types",
  },
  {
    id: 'crdb-internal',
    engine: 'cockroachdb',
    pattern: /\bcrdb_internal\.[a-z]/,
    description: "CockroachDB's internal schema",
  },
  {
    id: 'crdb-issue-link',
    engine: 'cockroachdb',
    pattern: /\bSee: https?:\/\/go\.crdb\.dev\//,
    description: "the go.crdb.dev link in CockroachDB's error hints",
  },
  // ── MySQL and MariaDB ──────────────────────────────────────────────────────────────────────────
  {
    id: 'mysql-syntax-error',
    engine: 'mysql',
    pattern: /You have an error in your SQL syntax/,
    description: "MySQL's syntax error (1064)",
  },
  {
    id: 'mariadb-syntax-error',
    engine: 'mysql',
    pattern: /corresponds to your MariaDB server version/,
    description: "MariaDB's syntax error",
  },
  {
    id: 'mysql-unknown-column',
    engine: 'mysql',
    pattern: re(
      `Unknown column ${SQ}[^\\n]{1,80}?${SQ} in ${SQ}(?:where clause|field list|order clause|on clause|having clause)`,
    ),
    description: "MySQL's unknown-column error (1054)",
  },
  {
    id: 'mysql-php-mysqli',
    engine: 'mysql',
    driver: 'mysqli',
    pattern:
      /\bmysqli_sql_exception\b|\bmysqli(?:_|::)(?:query|real_query|prepare|fetch_[a-z]{3,10}|num_rows)\(\)/,
    description: "PHP's mysqli error",
  },
  {
    id: 'mysql-php-mysql',
    engine: 'mysql',
    driver: 'PHP mysql',
    pattern: /\bmysql_(?:query|fetch_[a-z]{3,10}|num_rows|result)\(\)/,
    description: "PHP's old mysql extension error",
  },
  {
    id: 'mysql-pdo',
    engine: 'mysql',
    driver: 'PDO MySQL',
    pattern: /SQLSTATE\[42000\]: Syntax error or access violation: 1064/,
    description: "PDO's MySQL syntax error",
  },
  {
    id: 'mysql-connector-j',
    engine: 'mysql',
    driver: 'Connector/J',
    pattern: /\bcom\.mysql\.(?:cj\.)?jdbc\.[a-z]/,
    description: "MySQL's JDBC driver exception",
  },
  {
    id: 'mysql-dotnet',
    engine: 'mysql',
    driver: 'MySql.Data',
    pattern: /\bMySql(?:Connector|\.Data\.MySqlClient)\.MySqlException\b/,
    description: 'a MySQL .NET driver exception',
  },
  {
    id: 'mysql-python',
    engine: 'mysql',
    driver: 'Python MySQL',
    pattern:
      /\b(?:pymysql\.err|MySQLdb(?:\._exceptions)?|mysql\.connector\.errors)\.[A-Z][A-Za-z]{2,40}Error\b/,
    description: 'a Python MySQL driver exception',
  },
  {
    id: 'mysql-node',
    engine: 'mysql',
    driver: 'mysql/mysql2 (Node.js)',
    pattern: /\bER_(?:PARSE_ERROR|BAD_FIELD_ERROR|TRUNCATED_WRONG_VALUE)\b/,
    description: 'a MySQL error code as the Node.js drivers name it',
  },
  {
    id: 'mysql-go',
    engine: 'mysql',
    driver: 'go-sql-driver/mysql',
    pattern: /\bError 10(?:54|64)(?: \(42[0-9A-Z]{3}\))?: /,
    description: "a MySQL error as Go's MySQL driver prints it",
  },
  // ── SQLite ─────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'sqlite-unrecognized-token',
    engine: 'sqlite',
    pattern: re(`\\bunrecognized token: ${DQ}`),
    description: "SQLite's error for an unclosed quote",
  },
  {
    id: 'sqlite-syntax-error',
    engine: 'sqlite',
    // CockroachDB's `at or near "x": syntax error` must not read as SQLite's `near "x": syntax error`.
    pattern: re(`(?<!at or )\\bnear ${QUOTED}: syntax error`),
    description: "SQLite's syntax error",
  },
  {
    id: 'sqlite-no-such',
    engine: 'sqlite',
    pattern: /\bno such (?:column|table): [A-Za-z_]/,
    description: "SQLite's unknown-column error",
  },
  {
    id: 'sqlite-python',
    engine: 'sqlite',
    driver: 'sqlite3 (Python)',
    pattern: /\bsqlite3\.(?:OperationalError|ProgrammingError|IntegrityError|DatabaseError)\b/,
    description: "Python's sqlite3 exception",
  },
  {
    id: 'sqlite-error-code',
    engine: 'sqlite',
    pattern: /\bSQLITE_ERROR\b/,
    description: "SQLite's result code, as its drivers name it",
  },
  {
    id: 'sqlite-drivers',
    engine: 'sqlite',
    driver: 'SQLite driver',
    pattern:
      /\b(?:org\.sqlite\.SQLiteException|System\.Data\.SQLite\.SQLiteException|Microsoft\.Data\.Sqlite\.SqliteException|SQLite3::SQLException)\b/,
    description: 'a SQLite driver exception (JDBC, .NET, Ruby)',
  },
  // ── Microsoft SQL Server ───────────────────────────────────────────────────────────────────────
  {
    id: 'mssql-unclosed-quotation',
    engine: 'mssql',
    pattern: /Unclosed quotation mark after the character string/,
    description: "SQL Server's error for an unclosed quote (105)",
  },
  {
    id: 'mssql-incorrect-syntax',
    engine: 'mssql',
    pattern: re(`\\bIncorrect syntax near (?:${SQ}|the keyword ${SQ})`),
    description: "SQL Server's syntax error (102)",
  },
  {
    id: 'mssql-conversion-failed',
    engine: 'mssql',
    pattern: /\bConversion failed when converting the n?(?:var)?char value/,
    description: "SQL Server's type conversion error (245)",
  },
  {
    id: 'mssql-sqlcmd',
    engine: 'mssql',
    pattern: /\bMsg \d{3,5}, Level \d{1,2}, State \d{1,3}/,
    description: "SQL Server's message header",
  },
  {
    id: 'mssql-oledb-odbc',
    engine: 'mssql',
    driver: 'OLE DB/ODBC',
    pattern:
      /\bMicrosoft OLE DB (?:Provider|Driver) for SQL Server\b|\[Microsoft\]\[(?:ODBC SQL Server Driver|ODBC Driver \d{1,2} for SQL Server|SQL Server Native Client \d{1,2}\.\d)\]/,
    description: 'a SQL Server OLE DB or ODBC driver error',
  },
  {
    id: 'mssql-sqlclient',
    engine: 'mssql',
    driver: 'SqlClient',
    pattern: /\b(?:System|Microsoft)\.Data\.SqlClient\.SqlException\b/,
    description: 'the .NET SqlClient exception',
  },
  {
    id: 'mssql-jdbc',
    engine: 'mssql',
    driver: 'mssql-jdbc',
    pattern: /\bcom\.microsoft\.sqlserver\.jdbc\.SQLServerException\b/,
    description: "SQL Server's JDBC driver exception",
  },
  // ── Oracle ─────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'oracle-ora-code',
    engine: 'oracle',
    pattern: /\b(?:ORA|PLS)-\d{5}: [A-Za-z]/,
    description: 'an Oracle error code (ORA-nnnnn)',
  },
  {
    id: 'oracle-quoted-string',
    engine: 'oracle',
    pattern: /\bquoted string not properly terminated\b/,
    description: "Oracle's error for an unclosed quote",
  },
  {
    id: 'oracle-drivers',
    engine: 'oracle',
    driver: 'Oracle driver',
    pattern:
      /\b(?:oracle\.jdbc\.[a-z]|cx_Oracle\.DatabaseError|oracledb\.exceptions\.[A-Z]|Oracle\.(?:ManagedDataAccess|DataAccess)\.Client\.OracleException)/,
    description: 'an Oracle driver exception (JDBC, Python, .NET)',
  },
];
