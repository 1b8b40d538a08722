import { afterAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { html, type Page, serve, type TestServer } from '../../test/support/http-server.js';
import { json, page, type Site, siteHandler, withItems } from '../../test/support/routes.js';
import { scanWith } from '../../test/support/scan.js';
import type { Confidence, Severity } from '../types.js';
import debugMode from './debug-mode.js';

// Debug pages as each framework shapes them (markers kept, the rest trimmed).
const DJANGO_500 = `<!DOCTYPE html><html><head><title>ValueError at /items</title></head><body>
<div id="summary"><h1>ValueError at /items</h1><pre class="exception_value">invalid literal for int()</pre>
<table class="meta"><tr><th scope="row">Request Method:</th><td>GET</td></tr>
<tr><th scope="row">Django Version:</th><td>5.0.4</td></tr>
<tr><th scope="row">Exception Value:</th><td><pre>invalid literal for int()</pre></td></tr></table></div>
<div id="explanation"><p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p></div>
</body></html>`;
const DJANGO_404 = `<!DOCTYPE html><html><head><title>Page not found at /nothing</title></head><body>
<h1>Page not found <small>(404)</small></h1><p>Using the URLconf defined in <code>shop.urls</code>,
Django tried these URL patterns, in this order:</p><ol><li><code>admin/</code></li><li><code>items/</code></li></ol>
<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p></body></html>`;
const RAILS_500 = `<html><head><title>Action Controller: Exception caught</title></head><body>
<header><h1>ArgumentError in ItemsController#show</h1></header><main><h2>invalid value for Integer(): "x"</h2>
<p><code>Rails.root: /srv/shop</code></p><div id="Application-Trace-0"><code class="traces">
<a class="trace-frames" href="#">app/controllers/items_controller.rb:5:in 'ItemsController#show'</a><br>
</code></div></main></body></html>`;
const RAILS_404 = `<html><head><title>Action Controller: Exception caught</title></head><body>
<header><h1>Routing Error</h1></header><main><h2>No route matches [GET] "/nothing"</h2>
<h2>Routes</h2><p>Routes match in priority from top to bottom</p><table id="route_table"></table></main></body></html>`;
const RAILS_INFO = page(html('<table><tr><td>Rails version</td><td>7.1.3</td></tr></table>'));
const IGNITION = `<!doctype html><html class="theme-light"><head><title>Division by zero</title></head>
<body><script>window.data = {"report":{"message":"Division by zero","exception_class":"DivisionByZeroError"}};</script>
<div id="app"></div><script>window.ignite(window.data);</script></body></html>`;
const IGNITION_HEALTH: Page = {
  headers: { 'content-type': 'application/json' },
  body: '{"can_execute_commands":true}',
};
const LARAVEL_JSON = {
  message: 'Division by zero',
  exception: 'DivisionByZeroError',
  file: '/var/www/app/Http/Controllers/ItemController.php',
  line: 21,
  trace: [{ file: '/var/www/vendor/laravel/framework/src/Illuminate/Routing/Controller.php', line: 54 }],
};
const WHOOPS = `<!DOCTYPE html><html><head><title>Whoops! There was an error.</title></head><body>
<div class="Whoops container"><div class="stack-container"><div class="frames-container">
<div class="frame">ItemController.php:21</div></div></div></div></body></html>`;
const ACTUATOR_ENV = {
  activeProfiles: ['prod'],
  propertySources: [
    {
      name: 'systemEnvironment',
      properties: { DB_PASSWORD: { value: 'hunter2', origin: 'System Environment' } },
    },
  ],
};
const ACTUATOR_ENV_MASKED = {
  activeProfiles: [],
  propertySources: [{ name: 'systemEnvironment', properties: { DB_PASSWORD: { value: '******' } } }],
};
const ACTUATOR_TYPE = { 'content-type': 'application/vnd.spring-boot.actuator.v3+json' };
const actuatorIndex = (names: string[]) => ({
  _links: Object.fromEntries(
    names.map((n) => [n, { href: `http://127.0.0.1/actuator/${n}`, templated: false }]),
  ),
});
const EXPRESS_DEV = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>SyntaxError: Unexpected token p in JSON at position 0<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at /srv/app/routes/items.js:14:22<br> &nbsp; &nbsp;at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)</pre>\n</body>\n</html>\n`;
const EXPRESS_PROD = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Internal Server Error</pre>\n</body>\n</html>\n`;

// [case, site, severity, confidence, path of the finding]
const fires: Array<[string, Site, Severity, Confidence, string]> = [
  ['Django DEBUG error page on a bad id', withItems(page(DJANGO_500, 500)), 'critical', 'firm', '/items'],
  [
    'Django DEBUG 404 page (the scan’s not-found probe)',
    { routes: { '/': page(html('home')) }, notFound: page(DJANGO_404, 404) },
    'critical',
    'firm',
    'not-found',
  ],
  [
    'Rails exception page, confirmed by /rails/info',
    withItems(page(RAILS_500, 500), { '/rails/info/properties': RAILS_INFO }),
    'critical',
    'confirmed',
    '/items',
  ],
  [
    'Rails routing error page',
    { routes: { '/': page(html('home')) }, notFound: page(RAILS_404, 404) },
    'critical',
    'firm',
    'not-found',
  ],
  [
    'Laravel Ignition page, confirmed by its health check',
    withItems(page(IGNITION, 500), { '/_ignition/health-check': IGNITION_HEALTH }),
    'critical',
    'confirmed',
    '/items',
  ],
  [
    'Ignition health check alone',
    { routes: { '/': page(html('home')), '/_ignition/health-check': IGNITION_HEALTH } },
    'critical',
    'firm',
    '/_ignition/health-check',
  ],
  ['Laravel APP_DEBUG JSON error', withItems(json(LARAVEL_JSON, 500)), 'critical', 'firm', '/items'],
  ['Whoops page', withItems(page(WHOOPS, 500)), 'critical', 'firm', '/items'],
  [
    'Spring actuator env with values',
    { routes: { '/': page(html('home')), '/actuator/env': json(ACTUATOR_ENV, 200, ACTUATOR_TYPE) } },
    'critical',
    'firm',
    '/actuator/env',
  ],
  [
    'Spring actuator env with masked values',
    { routes: { '/': page(html('home')), '/actuator/env': json(ACTUATOR_ENV_MASKED, 200, ACTUATOR_TYPE) } },
    'critical',
    'firm',
    '/actuator/env',
  ],
  [
    'Spring actuator index listing heapdump (never fetched)',
    {
      routes: {
        '/': page(html('home')),
        '/actuator': json(actuatorIndex(['self', 'health', 'heapdump']), 200, ACTUATOR_TYPE),
      },
    },
    'critical',
    'firm',
    '/actuator',
  ],
  ['Express error page in development', withItems(page(EXPRESS_DEV, 500)), 'critical', 'firm', '/items'],
];

const quiet: Array<[string, Site]> = [
  ['Django production 500', withItems(page('<h1>Server Error (500)</h1>', 500))],
  [
    'Django production 404',
    {
      routes: { '/': page(html('home')) },
      notFound: page('<h1>Not Found</h1><p>The requested resource was not found on this server.</p>', 404),
    },
  ],
  ['Rails public 500 page', withItems(page(html("<h1>We're sorry, but something went wrong.</h1>"), 500))],
  ['Laravel production error page', withItems(page(html('<div>500</div><div>Server Error</div>'), 500))],
  [
    'Spring Whitelabel page and an actuator that exposes health only',
    {
      routes: {
        '/': page(html('home')),
        '/actuator': json(actuatorIndex(['self', 'health']), 200, ACTUATOR_TYPE),
        '/actuator/health': json({ status: 'UP' }, 200, ACTUATOR_TYPE),
      },
      notFound: page('<html><body><h1>Whitelabel Error Page</h1></body></html>', 404),
    },
  ],
  ['Express error page in production', withItems(page(EXPRESS_PROD, 500))],
  [
    'actuator paths answered by a single-page app',
    { routes: {}, notFound: page(html('<div id="app"></div>')) },
  ],
  [
    'an article quoting debugger markup (escaped)',
    {
      routes: {
        '/': page(
          html(
            '<p>Never ship <code>&lt;title&gt;Console // Werkzeug Debugger&lt;/title&gt;</code>, or pages that say “The debugger caught an exception in your WSGI application.”</p><pre>&lt;th&gt;Django Version:&lt;/th&gt; &lt;th&gt;Exception Value:&lt;/th&gt;</pre>',
          ),
        ),
      },
    },
  ],
  [
    'a stack trace without a debugger (stack-trace-disclosure’s)',
    withItems(
      page(
        '<pre>Traceback (most recent call last):\n  File "/app/a.py", line 1, in a\n  File "/app/b.py", line 2, in b\nValueError</pre>',
        500,
      ),
    ),
  ],
  [
    'an env-shaped document that is not JSON',
    withItems(page(`<pre>${JSON.stringify(ACTUATOR_ENV)}</pre>`, 500)),
  ],
];

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function findingsOf(site: Site) {
  const server = await serve(siteHandler(site));
  servers.push(server);
  const report = await scanWith(server.url, [debugMode]);
  return { server, report };
}

describe('debug-mode', () => {
  it.each(fires)('fires: %s', async (_, site, severity, confidence, path) => {
    const { report } = await findingsOf(site);
    const pathOf = (url: string) => {
      const p = new URL(url).pathname;
      return p.startsWith('/parapet-') ? 'not-found' : p;
    };
    expect(report.findings.map((f) => [f.rule, f.severity, f.confidence, pathOf(f.url)])).toEqual([
      ['debug-mode-enabled', severity, confidence, path],
    ]);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    const { report } = await findingsOf(site);
    expect(report.findings).toEqual([]);
  });

  it('names the stack in the evidence and never fetches the heap dump', async () => {
    const index = fires.find(([name]) => name.includes('heapdump'))!;
    const { server, report } = await findingsOf(index[1]);
    expect(report.findings[0]?.evidence.detail).toContain('Spring Boot (Java)');
    expect(report.stack.framework.map((p) => p.id)).toContain('spring');
    expect(server.requests.some((r) => r.url.includes('heapdump'))).toBe(false);

    const rails = await findingsOf(fires.find(([name]) => name.startsWith('Rails exception'))![1]);
    expect(rails.report.findings[0]?.evidence.detail).toContain('Ruby on Rails (Ruby)');
    expect(rails.report.findings[0]?.remediation.stack).toBe('rails');
  });

  it('says when actuator env values are masked', async () => {
    const masked = fires.find(([name]) => name.includes('masked values'))!;
    const { report } = await findingsOf(masked[1]);
    expect(report.findings[0]?.evidence.detail).toContain('Property values are masked');
  });

  it('stays within its request budget and sends only GET', async () => {
    const { server, report } = await findingsOf(fires[0]![1]);
    const own = server.requests.length - report.coverage.pages;
    expect(own).toBeLessThanOrEqual(debugMode.meta.maxRequests);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('debug-mode on a Flask app', () => {
  const scanFlask = async (variant: 'vulnerable' | 'fixed') => {
    const app = await startFlask('debug_app', variant);
    try {
      return await scanWith(app.url, [debugMode]);
    } finally {
      await app.close();
    }
  };

  it('fires on the Werkzeug debugger (a bad id) and its console, confirmed by the debugger’s own script', async () => {
    const report = await scanFlask('vulnerable');
    expect(report.findings.map((f) => [new URL(f.url).pathname, f.severity, f.confidence]).sort()).toEqual([
      ['/console', 'critical', 'confirmed'],
      ['/item', 'critical', 'confirmed'],
    ]);
    const detail = report.findings.map((f) => f.evidence.detail).join(' ');
    expect(detail).toContain('Flask (Python)');
    expect(JSON.stringify(report.findings)).not.toMatch(/SECRET = "/);
    expect(report.stack.framework.map((p) => p.id)).toContain('flask');
    expect(report.findings[0]?.remediation.stack).toBe('flask');
  });

  it('is quiet on the fixed variant', async () => {
    const report = await scanFlask('fixed');
    expect(report.findings).toEqual([]);
  });
});
