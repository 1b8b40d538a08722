import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { type Handler, html, type Page, serve, type TestServer } from '../../test/support/http-server.js';
import type { ScanConfigInput } from '../config/schema.js';
import { scan } from '../scan.js';
import type { Stack } from '../types.js';

/** What a stack shows from outside: headers on every answer, the home page, other pages, the 404. */
interface Surface {
  headers?: Record<string, string | string[]>;
  root?: Page;
  paths?: Record<string, Page>;
  notFound?: Page;
}

function surface(s: Surface): Handler {
  return (req: IncomingMessage, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page =
      path === '/'
        ? (s.root ?? { body: html('home') })
        : (s.paths?.[path] ??
          s.notFound ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' });
    res.statusCode = page.status ?? 200;
    for (const [k, v] of Object.entries({
      ...s.headers,
      ...(page.headers ?? { 'content-type': 'text/html; charset=utf-8' }),
    })) {
      res.setHeader(k, v);
    }
    res.end(req.method === 'HEAD' ? undefined : (page.body ?? ''));
  };
}

const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain; charset=utf-8' };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Page => ({
  status,
  headers: { ...JSON_TYPE, ...headers },
  body: JSON.stringify(body),
});

// Default pages as each stack writes them (texts are the frameworks' own, layout trimmed).
const WERKZEUG_404 =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';
const FLASK_SESSION = 'session=eyJ2aXNpdHMiOjF9.ZmFrZQ.abcdefghijklmnopqrstuvwxyzA; HttpOnly; Path=/';
const expressCannot = (path: string): Page => ({
  status: 404,
  headers: {
    ...HTML_TYPE,
    'content-security-policy': "default-src 'none'",
    'x-content-type-options': 'nosniff',
  },
  body: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET ${path}</pre>\n</body>\n</html>\n`,
});
const DJANGO_404 =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
const RAILS_404 =
  '<!DOCTYPE html>\n<html>\n<head>\n  <title>The page you were looking for doesn\'t exist (404)</title>\n</head>\n<body>\n  <div class="dialog">\n    <div>\n      <h1>The page you were looking for doesn\'t exist.</h1>\n      <p>You may have mistyped the address or the page may have moved.</p>\n    </div>\n  </div>\n</body>\n</html>\n';
const WHITELABEL =
  "<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p><div id='created'>Mon Jan 01 00:00:00 UTC 2024</div><div>There was an unexpected error (type=Not Found, status=404).</div></body></html>";
const IIS_404 =
  '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><div id="content"><h2>404 - File or directory not found.</h2><h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3></div></body></html>';
const LARAVEL_404 =
  '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Not Found</title></head>\n<body class="antialiased">\n<div class="relative flex items-top justify-center min-h-screen">\n<div class="flex items-center pt-8 sm:justify-start sm:pt-0">\n<div class="px-4 text-lg text-gray-500 border-r border-gray-400 tracking-wider">\n404                    </div>\n<div class="ml-4 text-lg text-gray-500 uppercase tracking-wider">\nNot Found                    </div>\n</div></div>\n</body>\n</html>\n';
const APACHE_404 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n<hr>\n<address>Apache/2.4.57 (Debian) Server at 127.0.0.1 Port 80</address>\n</body></html>\n';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmaXh0dXJlLXVzZXIiLCJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLW9mLXRoZS1maXh0dXJlLXRva2Vu';

type Kind = keyof Stack;
interface Row {
  name: string;
  target: Surface | 'flask';
  config?: Partial<ScanConfigInput>;
  /** Part ids per list, in order; lists not named must be empty. */
  want: Partial<Record<Kind, string[]>>;
  /** Substrings a part's evidence must contain. */
  evidence?: Record<string, string>;
  versions?: Record<string, RegExp>;
}

const fires: Row[] = [
  {
    name: 'Flask on the Werkzeug server (real app)',
    target: 'flask',
    want: { server: ['werkzeug'], framework: ['flask'], language: ['python'], auth: ['cookie-session'] },
    evidence: {
      flask: 'The requested URL was not found on the server.',
      werkzeug: 'Server: Werkzeug/',
      'cookie-session': 'Set-Cookie: session=eyJ',
    },
    versions: { werkzeug: /^\d+\.\d+/, python: /^3\.\d+/ },
  },
  {
    name: 'nginx in front of Flask',
    target: {
      headers: { server: 'nginx/1.25.3' },
      root: { headers: { ...HTML_TYPE, 'set-cookie': FLASK_SESSION }, body: html('home') },
      notFound: { status: 404, headers: HTML_TYPE, body: WERKZEUG_404 },
    },
    want: { server: ['nginx'], framework: ['flask'], language: ['python'], auth: ['cookie-session'] },
    evidence: {
      nginx: 'Server: nginx/1.25.3',
      flask: "Flask's signed session cookie",
      python: 'implied by Flask',
    },
    versions: { nginx: /^1\.25\.3$/ },
  },
  {
    name: 'Express',
    target: {
      headers: { 'x-powered-by': 'Express' },
      root: {
        headers: { ...HTML_TYPE, 'set-cookie': 'connect.sid=s%3Aabc.def; Path=/; HttpOnly' },
        body: html('home'),
      },
      notFound: expressCannot('/missing'),
    },
    want: { framework: ['express'], language: ['node'], auth: ['cookie-session'] },
    evidence: { express: 'X-Powered-By: Express', 'cookie-session': 'Set-Cookie: connect.sid=' },
  },
  {
    name: 'Django behind Gunicorn',
    target: {
      headers: { server: 'gunicorn/21.2.0' },
      root: {
        headers: {
          ...HTML_TYPE,
          'set-cookie': [
            'csrftoken=abcdefghijklmnopqrstuvwxyz123456; Path=/; SameSite=Lax',
            'sessionid=qwertyuiop; HttpOnly; Path=/',
          ],
        },
        body: html(
          '<form method="post" action="/login"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>',
        ),
      },
      notFound: { status: 404, headers: HTML_TYPE, body: DJANGO_404 },
    },
    want: { server: ['gunicorn'], framework: ['django'], language: ['python'], auth: ['cookie-session'] },
    evidence: { django: 'The requested resource was not found on this server.' },
    versions: { gunicorn: /^21\.2\.0$/ },
  },
  {
    name: 'FastAPI on Uvicorn',
    target: {
      headers: { server: 'uvicorn' },
      root: json(200, { message: 'hello' }),
      notFound: json(404, { detail: 'Not Found' }),
    },
    want: { server: ['uvicorn'], framework: ['fastapi'], language: ['python'] },
    evidence: { fastapi: '{"detail":"Not Found"}' },
  },
  {
    name: 'Rails',
    target: {
      headers: { 'x-runtime': '0.012345', 'x-request-id': '2f1c6a0e-8d3b-4a5e-9f10-1b2c3d4e5f60' },
      root: {
        headers: { ...HTML_TYPE, 'set-cookie': '_shop_session=abc--def; path=/; HttpOnly' },
        body: html('home'),
      },
      notFound: { status: 404, headers: HTML_TYPE, body: RAILS_404 },
    },
    want: { framework: ['rails'], language: ['ruby'], auth: ['cookie-session'] },
    evidence: { rails: "doesn't exist.", ruby: 'X-Runtime: 0.012345' },
  },
  {
    name: 'Spring Boot (JSON errors)',
    target: {
      root: {
        headers: { ...HTML_TYPE, 'set-cookie': 'JSESSIONID=0123456789ABCDEF; Path=/; HttpOnly' },
        body: html('home'),
      },
      notFound: json(404, {
        timestamp: '2024-01-01T00:00:00.000+00:00',
        status: 404,
        error: 'Not Found',
        path: '/missing',
      }),
    },
    want: { framework: ['spring'], language: ['java'], auth: ['cookie-session'] },
    evidence: { spring: '"timestamp":', java: 'Set-Cookie: JSESSIONID=' },
  },
  {
    name: 'Spring Boot (Whitelabel page)',
    target: { notFound: { status: 404, headers: HTML_TYPE, body: WHITELABEL } },
    want: { framework: ['spring'], language: ['java'] },
    evidence: { spring: 'Whitelabel Error Page' },
  },
  {
    name: 'ASP.NET Core on Kestrel',
    target: {
      headers: { server: 'Kestrel' },
      root: {
        headers: {
          ...HTML_TYPE,
          'set-cookie': '.AspNetCore.Antiforgery.Xyz=CfDJ8abc; path=/; samesite=strict; httponly',
        },
        body: html('home'),
      },
      notFound: json(
        404,
        {
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
          title: 'Not Found',
          status: 404,
          traceId: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
        },
        { 'content-type': 'application/problem+json' },
      ),
    },
    want: { server: ['kestrel'], framework: ['aspnet'], language: ['dotnet'] },
    evidence: { kestrel: 'Server: Kestrel' },
  },
  {
    name: 'ASP.NET on IIS',
    target: {
      headers: { server: 'Microsoft-IIS/10.0', 'x-powered-by': 'ASP.NET', 'x-aspnet-version': '4.0.30319' },
      root: {
        headers: { ...HTML_TYPE, 'set-cookie': 'ASP.NET_SessionId=abcdefghijklmnop; path=/; HttpOnly' },
        body: html('home'),
      },
      notFound: { status: 404, headers: HTML_TYPE, body: IIS_404 },
    },
    want: { server: ['iis'], framework: ['aspnet'], language: ['dotnet'], auth: ['cookie-session'] },
    versions: { iis: /^10\.0$/, dotnet: /^4\.0\.30319$/ },
  },
  {
    name: 'Go net/http',
    target: {
      root: json(200, { ok: true }),
      notFound: {
        status: 404,
        headers: { ...TEXT_TYPE, 'x-content-type-options': 'nosniff' },
        body: '404 page not found\n',
      },
    },
    want: { framework: ['go'], language: ['golang'] },
    evidence: { go: 'answered 404 with: 404 page not found, X-Content-Type-Options: nosniff' },
  },
  {
    name: 'Laravel',
    target: {
      headers: { 'x-powered-by': 'PHP/8.2.7' },
      root: {
        headers: {
          ...HTML_TYPE,
          'set-cookie': [
            'XSRF-TOKEN=eyJpdiI6IjEyMyJ9; path=/; samesite=lax',
            'laravel_session=eyJpdiI6IjQ1NiJ9; path=/; httponly; samesite=lax',
          ],
        },
        body: html('home'),
      },
      notFound: { status: 404, headers: HTML_TYPE, body: LARAVEL_404 },
    },
    want: { framework: ['laravel'], language: ['php'], auth: ['cookie-session'] },
    versions: { php: /^8\.2\.7$/ },
  },
  {
    name: 'a Basic challenge',
    target: {
      root: {
        status: 401,
        headers: { ...TEXT_TYPE, 'www-authenticate': 'Basic realm="admin"' },
        body: 'Unauthorized',
      },
    },
    want: { auth: ['basic'] },
    evidence: { basic: 'WWW-Authenticate: Basic realm="admin"' },
  },
  {
    name: 'an API that takes a bearer token or an API key',
    target: {
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'Content-Type, X-API-Key',
      },
      root: json(
        401,
        { error: 'send a bearer token or an X-API-Key header' },
        { 'www-authenticate': 'Bearer realm="api"' },
      ),
    },
    want: { auth: ['api-key', 'bearer'] },
    evidence: { 'api-key': 'X-API-Key' },
  },
  {
    name: 'configured credentials that are a JWT',
    target: { root: json(200, { ok: true }) },
    config: { credentials: { headers: {}, bearer: JWT } },
    want: { auth: ['jwt', 'bearer'] },
    evidence: { jwt: 'Authorization: Bearer eyJh…' },
  },
  {
    name: 'a JWT handed out in JSON',
    target: { root: json(200, { access_token: JWT, token_type: 'bearer' }) },
    want: { auth: ['jwt', 'bearer'] },
    evidence: { bearer: 'likely', jwt: '[HS256, no expiry]' },
  },
  {
    name: 'configured credentials that sign each request with an HMAC',
    target: { root: json(200, { ok: true }) },
    config: { credentials: { headers: { 'X-Signature': 'sha256=9f2c4e7a1b3d5f60718293a4b5c6d7e8' } } },
    want: { auth: ['hmac'] },
    evidence: { hmac: 'X-Signature' },
  },
  {
    name: 'signed links (an expiry and a signature) are a weak sign of HMAC-signed requests',
    target: {
      root: {
        headers: HTML_TYPE,
        body: html(
          '<a href="/unsubscribe/7?expires=1767225600&amp;signature=3b1f0c9e5d7a4f2e8c6b0a9d1e3f5a7c9b2d4f6e8a0c1e3f5b7d9f1a3c5e7b9d">unsubscribe</a>',
        ),
      },
    },
    want: { auth: ['hmac'] },
    evidence: { hmac: 'likely' },
  },
  {
    name: 'a weak guess comes after the firm framework, marked likely',
    target: { headers: { 'x-powered-by': 'Express' }, notFound: json(404, { detail: 'Not Found' }) },
    want: { framework: ['express', 'fastapi'], language: ['node', 'python'] },
    evidence: { fastapi: 'likely', python: 'likely' },
  },
  {
    name: 'a PostgreSQL error page (psycopg2)',
    target: {
      root: { headers: HTML_TYPE, body: html('<a href="/items?id=1">item</a>') },
      paths: {
        '/items': {
          status: 500,
          headers: HTML_TYPE,
          body: html(
            '<pre>psycopg2.errors.SyntaxError: unterminated quoted string at or near &#34;&#39;&#34;\nLINE 1: SELECT id FROM items WHERE id = 1&#39;</pre>',
          ),
        },
      },
    },
    want: { database: ['postgresql'] },
    evidence: { postgresql: 'GET /items answered 500 with: unterminated quoted string at or near' },
  },
  {
    name: 'CockroachDB through psycopg2 is CockroachDB, not PostgreSQL',
    target: {
      root: { headers: HTML_TYPE, body: html('<a href="/items?id=1">item</a>') },
      paths: {
        '/items': {
          status: 500,
          headers: TEXT_TYPE,
          body: 'psycopg2.errors.SyntaxError: at or near "\'": syntax error\nDETAIL:  source SQL:\nSELECT id FROM items WHERE id = 1\'\n                                 ^\nHINT:  try \\h SELECT',
        },
      },
    },
    want: { database: ['cockroachdb'] },
    evidence: { cockroachdb: 'syntax error' },
  },
  {
    name: 'a Java stack trace on the 404 page',
    target: {
      notFound: {
        status: 404,
        headers: TEXT_TYPE,
        body: 'java.lang.IllegalStateException: no route\n\tat com.shop.Router.route(Router.java:41)\n\tat com.shop.Server.handle(Server.java:12)\n',
      },
    },
    want: { language: ['java'] },
    evidence: { java: 'a Java stack trace' },
  },
  {
    name: "Django's DEBUG 404 page",
    target: {
      notFound: {
        status: 404,
        headers: HTML_TYPE,
        body: '<p>Using the URLconf defined in <code>shop.urls</code>, Django tried these URL patterns:</p><p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>',
      },
    },
    want: { framework: ['django'], language: ['python'] },
    evidence: { django: "Django's DEBUG = True 404 page" },
  },
];

const quiet: Row[] = [
  {
    name: 'one stack frame names no language',
    target: {
      notFound: {
        status: 404,
        headers: TEXT_TYPE,
        body: 'error\n\tat com.shop.Router.route(Router.java:41)\n',
      },
    },
    want: {},
  },
  { name: 'a bare server with no signals', target: {}, want: {} },
  {
    name: 'a generic JSON 404',
    target: {
      root: json(200, { ok: true }),
      notFound: json(404, { error: 'Not Found', message: 'Not Found' }),
    },
    want: {},
  },
  {
    name: '{"detail":"Not Found"} alone is only a likely FastAPI',
    target: { root: json(200, { ok: true }), notFound: json(404, { detail: 'Not Found' }) },
    want: { framework: ['fastapi'], language: ['python'] },
    evidence: { fastapi: 'likely', python: 'likely' },
  },
  {
    name: "Apache's 404 (URL not found on this server) is not Werkzeug's",
    target: {
      headers: { server: 'Apache/2.4.57 (Debian)' },
      notFound: { status: 404, headers: HTML_TYPE, body: APACHE_404 },
    },
    want: { server: ['apache'] },
    versions: { apache: /^2\.4\.57$/ },
  },
  {
    name: 'a 200 page that quotes default error texts',
    target: {
      root: {
        body: html(
          `<p>Flask says: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p><h1>Whitelabel Error Page</h1><p>The page you were looking for doesn't exist.</p><pre>Cannot GET /x</pre>`,
        ),
      },
    },
    want: {},
  },
  {
    name: 'JSESSIONID names Java, not Spring',
    target: {
      root: {
        headers: { ...HTML_TYPE, 'set-cookie': 'JSESSIONID=0123456789ABCDEF; Path=/' },
        body: html('home'),
      },
    },
    want: { language: ['java'], auth: ['cookie-session'] },
  },
  {
    name: 'a UUID X-Request-Id alone names nothing',
    target: { headers: { 'x-request-id': '2f1c6a0e-8d3b-4a5e-9f10-1b2c3d4e5f60' } },
    want: {},
  },
  {
    name: 'a csrftoken cookie alone is only a likely Django',
    target: {
      root: { headers: { ...HTML_TYPE, 'set-cookie': 'csrftoken=abc; Path=/' }, body: html('home') },
    },
    want: { framework: ['django'], language: ['python'] },
    evidence: { django: 'likely' },
  },
  {
    name: '"Cannot GET" as plain text is not Express (only a likely Fiber)',
    target: { notFound: { status: 404, headers: TEXT_TYPE, body: 'Cannot GET /parapet-probe' } },
    want: { framework: ['fiber'], language: ['golang'] },
    evidence: { fiber: 'likely' },
  },
  {
    name: 'a 401 that echoes the requested path is not an API key scheme',
    target: {
      root: { body: html('<a href="/docs/x-api-key">docs</a>') },
      paths: {
        '/docs/x-api-key': { status: 401, headers: TEXT_TYPE, body: 'Unauthorized: /docs/x-api-key' },
      },
    },
    want: {},
  },
  {
    name: 'a database error quoted on a 200 page is only a likely engine',
    target: {
      root: {
        headers: HTML_TYPE,
        body: html('<h1>FAQ</h1><p>If you see <code>near ")": syntax error</code>, check your query.</p>'),
      },
    },
    want: { database: ['sqlite'] },
    evidence: { sqlite: 'likely' },
  },
];

const started = new Map<Row, TestServer | FlaskApp>();
beforeAll(async () => {
  await Promise.all(
    [...fires, ...quiet].map(async (row) => {
      started.set(
        row,
        row.target === 'flask' ? await startFlask('stack', 'fixed') : await serve(surface(row.target)),
      );
    }),
  );
});
afterAll(async () => {
  await Promise.all([...started.values()].map((s) => s.close()));
});

async function stackOf(row: Row): Promise<Stack> {
  const target = started.get(row)!;
  const report = await scan({ target: target.url, rate: 1000, ...row.config }, { checks: [] });
  return report.stack;
}

function expectStack(stack: Stack, row: Row): void {
  for (const kind of ['server', 'framework', 'language', 'auth', 'database'] as const) {
    expect(
      stack[kind].map((p) => p.id),
      kind,
    ).toEqual(row.want[kind] ?? []);
  }
  const parts = Object.values(stack).flat();
  for (const [id, text] of Object.entries(row.evidence ?? {})) {
    expect(parts.find((p) => p.id === id)?.evidence, id).toContain(text);
  }
  for (const [id, re] of Object.entries(row.versions ?? {})) {
    expect(parts.find((p) => p.id === id)?.version, id).toMatch(re);
  }
  for (const p of parts) expect(p.evidence.length, p.id).toBeGreaterThan(0);
}

describe('fingerprint: stacks it names', () => {
  it.each(fires.map((r) => [r.name, r] as const))('%s', async (_, row) => {
    expectStack(await stackOf(row), row);
  });
});

describe('fingerprint: what it does not claim', () => {
  it.each(quiet.map((r) => [r.name, r] as const))('%s', async (_, row) => {
    const stack = await stackOf(row);
    expectStack(stack, row);
    // No framework is ever firm in these rows: a guess is always marked as one.
    for (const p of stack.framework) expect(p.evidence, p.id).toMatch(/^likely/);
  });

  it('never quotes the configured token', async () => {
    const row = fires.find((r) => r.config?.credentials)!;
    const stack = await stackOf(row);
    expect(JSON.stringify(stack)).not.toContain(JWT.slice(0, 20));
  });
});
