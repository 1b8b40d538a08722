import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'SQL error disclosure',
  summary:
    'A malformed parameter value makes the application show a database error. The error reveals the engine and often the query text, and it usually means the value was pasted into SQL instead of being bound as a parameter: a strong sign of SQL injection.',

  meaning: `When an application builds SQL by joining strings (\`"... WHERE id = " + id\`), a stray quote in the
input ends the string literal early and the database rejects the statement. If the application then
prints the exception (\`str(e)\`, \`err.message\`, a debug page), the visitor sees the database's own words:
\`unterminated quoted string at or near "'"\`, \`You have an error in your SQL syntax\`, \`ORA-01756\`.

That text helps an attacker twice. It names the engine and driver, often quotes the statement and the
table and column names, and so tells them exactly which injection syntax to use. And the fact that one
quote breaks the query shows that input reaches SQL unescaped: the same parameter will usually accept
\`' OR '1'='1\` or a \`UNION SELECT\` that reads other tables. Even when the value is bound correctly, a
database error shown to clients (a type mismatch for a bound id, say) still discloses internals.`,

  decides: `Parapet takes each parameter it discovered (query parameters of crawled links and GET forms, and
numeric or UUID path segments), one per URL pattern and name, and sends at most three GET requests
with a malformed value: the original value followed by \`'\`, then \`"\`, then \`)\`. It stops at the
first value that produces an error. The check spends at most 60 requests; parameters left over are
listed in the report's notes.

A finding needs two signals on the same parameter:

1. the response to the malformed value matches a database error signature from Parapet's table
   (\`src/kb/signatures/sql-errors.ts\`), which names the engine: PostgreSQL, CockroachDB, MySQL/MariaDB,
   SQLite, Microsoft SQL Server or Oracle, and the driver when its wording shows (psycopg, node-postgres,
   lib/pq, mysqli, SqlClient…);
2. the response for the original value does not show that error shape.

The finding is \`firm\` and \`high\`; its evidence is the probe request, the status, a trimmed excerpt of
the error (HTML tags removed) and the engine named. Findings for several parameters of one URL pattern
are reported as one finding on that pattern.

CockroachDB speaks PostgreSQL's protocol and is reached through PostgreSQL drivers, so Parapet tells
them apart by CockroachDB's own wording: \`at or near "x": syntax error\` (location first, where
PostgreSQL writes \`syntax error at or near "x"\`), \`lexical error: unterminated string\`, the
\`DETAIL: source SQL:\` block with its caret line, \`HINT: try \\h\`, \`could not parse "x" as type int\`.
When both appear, CockroachDB wins; a driver name alone (psycopg2, pgx, \`pq:\`) names PostgreSQL only
as "PostgreSQL (or a server speaking its protocol)".

It does **not** fire when:

- the page shows the same error text for the original value too (a page that always shows it, or a
  documentation page quoting errors): Parapet notes it instead, since input is not shown to cause it;
- the error text is one the site's not-found page shows for any unknown URL (the malformed value only
  made the route miss);
- the page merely echoes the input (\`You searched for '1''\`), or the matched text was in the request;
- the malformed value gets a generic error (a plain 500 page, \`{"error":"invalid id"}\`), or the
  application's own validation message (\`Bad value "1'": syntax error\`): only an engine's own wording
  counts, never words such as "syntax error" or "SQL" alone.

The stack fingerprint reads the same signature table: an error seen anywhere in the scan (on an
error status) puts the engine in \`stack.database\` with the quoted text as evidence; the same text on a
successful page only makes it "likely".`,

  fix: {
    generic: `Bind every value as a query parameter: the driver sends it apart from the SQL text, so no value
can change the statement. Never build SQL by concatenation or string formatting with input. Then stop
showing exceptions to clients: log the error with a request id and answer with a generic message.

\`\`\`sql
-- the statement keeps a placeholder; the value travels separately
SELECT id, name FROM items WHERE id = $1
\`\`\`

Validate what a parameter must be (an id is an integer) before it reaches the database, and give the
database account only the privileges the application needs.`,

    flask: `Let the driver (or SQLAlchemy) bind the values, and answer unexpected errors, database errors
included, with a generic body while the details go to the log. The placeholder is the driver's, not
Python string formatting: pass the values as the second argument.

\`\`\`python
# psycopg2 (%s placeholders) and sqlite3 (? placeholders)
cur.execute("SELECT id, name FROM items WHERE id = %s", (item_id,))
db.execute("SELECT id, name FROM items WHERE name LIKE ?", (f"%{q}%",))

# SQLAlchemy
from sqlalchemy import text
db.session.execute(text("SELECT id, name FROM items WHERE id = :id"), {"id": item_id})
\`\`\`

\`\`\`python fix=flask
from werkzeug.exceptions import HTTPException


@app.errorhandler(Exception)
def unexpected_error(error):
    if isinstance(error, HTTPException):
        return error
    app.logger.exception("unhandled error")  # the query and the driver's message stay in the log
    return {"error": "internal error"}, 500
\`\`\`

Remove handlers that format the exception into the response (\`str(e)\`, \`repr(e)\`, \`e.pgerror\`),
type path parameters (\`@app.get("/users/<int:user_id>")\`), and never run with \`debug=True\` in
production.`,

    django: `Use the ORM, or pass values as parameters to raw SQL, and keep \`DEBUG = False\` in production:
Django's debug page prints the failing query.

\`\`\`python
Item.objects.filter(id=item_id)
Item.objects.raw("SELECT * FROM shop_item WHERE name LIKE %s", [f"%{q}%"])

from django.db import connection
with connection.cursor() as cur:
    cur.execute("SELECT id, name FROM shop_item WHERE id = %s", [item_id])
\`\`\`

Never use \`.extra()\` or \`RawSQL\` with input formatted into the string.`,

    fastapi: `Type the parameter so FastAPI rejects a malformed value with a 422 before any SQL runs, bind
values in queries, and turn database exceptions into a generic response.

\`\`\`python
from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

@app.get("/items/{item_id}")
async def item(item_id: int, session: AsyncSession = Depends(get_session)):
    return (await session.execute(select(Item).where(Item.id == item_id))).scalar_one_or_none()

# asyncpg: $1 placeholders
row = await conn.fetchrow("SELECT id, name FROM items WHERE id = $1", item_id)

@app.exception_handler(SQLAlchemyError)
async def database_error(request: Request, exc: SQLAlchemyError):
    logger.exception("database error")
    return JSONResponse({"detail": "internal error"}, status_code=500)
\`\`\``,

    express: `Pass values to node-postgres as \`$1, $2…\` parameters (mysql2: \`?\` with \`execute\`), and end
the middleware chain with an error handler that logs the error and sends a generic body: never
\`res.status(500).send(err.message)\`.

\`\`\`js
const { rows } = await pool.query('SELECT id, name FROM items WHERE id = $1', [req.query.id]);
const found = await pool.query('SELECT id, name FROM items WHERE name LIKE $1', [\`%\${req.query.q}%\`]);

// mysql2
const [items] = await connection.execute('SELECT id, name FROM items WHERE id = ?', [req.query.id]);

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});
\`\`\``,

    rails: `Use Active Record conditions with hashes or \`?\` placeholders, never string interpolation, and keep
detailed exceptions off in production.

\`\`\`ruby
Item.where(id: params[:id])
Item.where("name LIKE ?", "%#{Item.sanitize_sql_like(params[:q])}%")
\`\`\`

\`\`\`ruby
# config/environments/production.rb
config.consider_all_requests_local = false
\`\`\``,

    spring: `Bind parameters with JdbcTemplate (\`?\`) or JPA (named parameters), and keep Spring Boot's error
responses free of messages and traces.

\`\`\`java
List<Item> items = jdbcTemplate.query(
    "SELECT id, name FROM items WHERE id = ?", itemMapper, id);

@Query("select i from Item i where i.name like :pattern")
List<Item> search(@Param("pattern") String pattern);
\`\`\`

\`\`\`properties
server.error.include-message=never
server.error.include-stacktrace=never
\`\`\``,

    aspnet: `Add values as \`SqlParameter\`s (or let EF Core parameterise them), and use the exception handler
page, never the developer page, outside development.

\`\`\`csharp
using var cmd = new SqlCommand("SELECT id, name FROM items WHERE id = @id", conn);
cmd.Parameters.Add("@id", SqlDbType.Int).Value = id;

// EF Core: interpolated values become parameters
var items = db.Items.FromSqlInterpolated($"SELECT * FROM items WHERE name LIKE {pattern}").ToList();
\`\`\`

\`\`\`csharp
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error");
\`\`\`

Never pass concatenated input to \`FromSqlRaw\` or \`ExecuteSqlRaw\`.`,

    go: `Pass values as arguments to \`database/sql\`: \`$1\` with PostgreSQL drivers (pgx, lib/pq), \`?\` with
MySQL and SQLite drivers. Log the error and answer with a generic message.

\`\`\`go
rows, err := db.QueryContext(ctx, "SELECT id, name FROM items WHERE id = $1", id)
if err != nil {
	log.Printf("items query: %v", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
	return
}
\`\`\`

Never build the query with \`fmt.Sprintf\` and never write \`err.Error()\` to the response.`,

    laravel: `Use Eloquent or the query builder with bindings, and keep \`APP_DEBUG=false\` in production (the
debug page shows the failing SQL).

\`\`\`php
$item = Item::find($id);
$items = DB::select('select id, name from items where name like ?', ["%{$q}%"]);
$items = Item::whereRaw('lower(name) = ?', [strtolower($name)])->get();
\`\`\`

Never put input into \`DB::raw()\`, \`whereRaw()\` or \`orderByRaw()\` strings.`,
  },

  contexts: {
    postgresql: {
      text: `**PostgreSQL** placeholders depend on the driver: \`%s\` (psycopg), \`$1\` (node-postgres, asyncpg,
pgx, lib/pq), \`?\` (JDBC), \`@name\` (Npgsql). PostgreSQL's messages quote the offending token and,
through libpq, the statement itself (\`LINE 1: SELECT …\`), so a leaked error shows the query: keep
error text in server logs only.`,
      faq: [
        {
          q: 'What does a leaked PostgreSQL error give away?',
          a: `The statement (\`LINE 1: SELECT …\` with a caret under the fault), table and column names, the driver
(psycopg prefixes its exception names) and sometimes values from the row. That is enough to write a
working injection quickly; bound parameters make the malformed value harmless data instead.`,
        },
      ],
    },

    cockroachdb: {
      text: `**CockroachDB** is reached through PostgreSQL drivers, so the placeholders are the same (\`$1\` for
node-postgres, pgx and lib/pq; \`%s\` for psycopg). Its errors carry a \`DETAIL: source SQL:\` block that
repeats the whole statement with a caret under the fault, so a leaked error discloses the query and
schema names: log it, never return it.`,
      faq: [
        {
          q: 'CockroachDB speaks the PostgreSQL protocol. Is the fix different?',
          a: `No: use the same PostgreSQL drivers and bind parameters the same way. The difference is in the
errors, which repeat the whole statement under \`DETAIL: source SQL:\`, so leaking them is worse.`,
        },
      ],
    },

    mysql: {
      text: `**MySQL/MariaDB** drivers use \`?\` placeholders (mysqli prepared statements, PDO, mysql2's
\`execute\`, Connector/J). With PDO, also set \`PDO::ATTR_EMULATE_PREPARES => false\` so statements are
prepared by the server, and set \`display_errors = Off\` in production PHP so mysqli and PDO errors are
never printed into pages.`,
      faq: [
        {
          q: 'Does PDO with emulated prepares protect against injection?',
          a: `Usually, since PDO quotes the values itself, but server-side prepared statements
(\`PDO::ATTR_EMULATE_PREPARES => false\`) remove the edge cases around character sets and types. Either
way, bind every value and never concatenate input into the SQL string.`,
        },
      ],
    },

    sqlite: {
      text: `**SQLite** drivers take \`?\` or \`:name\` placeholders (Python's \`sqlite3\`, better-sqlite3, node
sqlite3). Python's \`executescript()\` takes no parameters: never pass input to it.`,
      faq: [
        {
          q: 'SQLite is a file on the server. Does injection matter?',
          a: `Yes: an injection reads every table in the file (users, sessions, keys) and can change or delete
them, and \`ATTACH DATABASE\` may write new files where the process can. Bind parameters with \`?\` or
\`:name\`.`,
        },
      ],
    },

    mssql: `**SQL Server**: use \`@name\` parameters (SqlClient, tedious) or \`?\` with ODBC and JDBC, and
turn off detailed errors (\`<customErrors mode="On" />\` in classic ASP.NET).`,

    oracle: `**Oracle**: use bind variables (\`:id\` with python-oracledb and ODP.NET, \`?\` with JDBC); bind
variables also let Oracle reuse the parsed statement.`,
  },

  limitations: `Only parameters Parapet discovered are probed (links, GET forms, id-like path segments), with GET
requests: values sent in POST bodies, JSON bodies, headers or cookies are not tested in safe mode.
Parapet never sends an injection payload, so it does not prove that data can be read: it reports the
error the malformed value causes. An application that catches database errors and shows a generic
page can still be injectable (blind injection); this check will not see it. Errors shown only after
the 60-request budget, in an engine or wording not in the signature table, or more than 256 KiB into a
response body are missed. CockroachDB cannot run in Parapet's test environment: its signatures are
tested on error texts recorded from CockroachDB's documentation, parser test data and issue reports,
not on a live server.`,

  references: [
    {
      title: 'OWASP SQL Injection Prevention Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
    },
    {
      title: 'OWASP Error Handling Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
    },
    {
      title: 'OWASP WSTG: Testing for SQL Injection',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05-Testing_for_SQL_Injection',
    },
    {
      title: 'OWASP API Security Top 10 2023: API8 Security Misconfiguration',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/',
    },
    {
      title: 'CWE-209: Generation of Error Message Containing Sensitive Information',
      url: 'https://cwe.mitre.org/data/definitions/209.html',
    },
    {
      title: 'CWE-89: Improper Neutralization of Special Elements used in an SQL Command',
      url: 'https://cwe.mitre.org/data/definitions/89.html',
    },
    {
      title: 'psycopg2: passing parameters to SQL queries',
      url: 'https://www.psycopg.org/docs/usage.html#passing-parameters-to-sql-queries',
    },
    { title: 'node-postgres: parameterized query', url: 'https://node-postgres.com/features/queries' },
  ],
  asvs: ['16.5.1', '1.2.4'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1', 'CC7.1'],
};

export default doc;
