import { afterAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { html, type Page, serve, type TestServer } from '../../test/support/http-server.js';
import { json, page, type Site, siteHandler, withItems } from '../../test/support/routes.js';
import { scanWith } from '../../test/support/scan.js';
import type { Confidence } from '../types.js';
import debugMode from './debug-mode.js';
import stackTrace from './stack-trace.js';

const text = (body: string, status = 500): Page => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

// Traces as each runtime prints them (paths and names made up).
const PYTHON = `Traceback (most recent call last):
  File "/srv/shop/app.py", line 41, in show_item
    item_id = int(request.args["id"])
  File "/usr/lib/python3/dist-packages/flask/app.py", line 1820, in full_dispatch_request
ValueError: invalid literal for int() with base 10: 'x'`;
const NODE = `TypeError: Cannot read properties of undefined (reading 'price')
    at priceOf (/srv/app/lib/cart.js:12:21)
    at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
const JAVA_PAGE = `<!doctype html><html><head><title>HTTP Status 500 – Internal Server Error</title></head><body>
<h1>HTTP Status 500 – Internal Server Error</h1><p><b>Exception</b></p><pre>java.lang.NumberFormatException: For input string: &quot;x&quot;
\tjava.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)
\tat java.base/java.lang.Integer.parseInt(Integer.java:668)
\tat com.shop.web.ItemServlet.doGet(ItemServlet.java:31)
\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:529)
</pre><h3>Apache Tomcat/9.0.83</h3></body></html>`;
const DOTNET_PAGE = `<html><head><title>Object reference not set to an instance of an object.</title></head><body>
<span><h1>Server Error in '/' Application.<hr width=100% size=1 color=silver></h1>
<h2><i>Object reference not set to an instance of an object.</i></h2></span>
<b>Stack Trace:</b><br><br><table width=100% bgcolor="#ffffcc"><tr><td><code><pre>
[NullReferenceException: Object reference not set to an instance of an object.]
   Shop.Controllers.ItemsController.Show(Int32 id) in C:\\src\\Shop\\Controllers\\ItemsController.cs:27
   lambda_method(Closure , ControllerBase , Object[] ) +87
   System.Web.Mvc.ActionMethodDispatcher.Execute(ControllerBase controller, Object[] parameters) +35
</pre></code></td></tr></table></body></html>`;
const DOTNET_CORE = `System.FormatException: The input string 'x' was not in a correct format.
   at System.Number.ThrowFormatException[TChar](ReadOnlySpan\`1 value)
   at Shop.Api.ItemsController.Get(String id) in /src/Shop.Api/ItemsController.cs:line 21
   at lambda_method5(Closure, Object, Object[])`;
const RUBY = {
  error: 'invalid value for Integer(): "x"',
  backtrace: [
    "app/controllers/items_controller.rb:7:in 'Integer'",
    "app/controllers/items_controller.rb:7:in 'ItemsController#show'",
    "/usr/local/bundle/gems/actionpack-7.1.3/lib/action_controller/metal/basic_implicit_render.rb:6:in 'send_action'",
  ],
};
const GO = `panic: runtime error: index out of range [3] with length 3

goroutine 18 [running]:
main.itemHandler({0x7a1c40, 0xc0000b2000}, 0xc0000a6000)
\t/srv/shop/main.go:27 +0x1d
net/http.HandlerFunc.ServeHTTP(0x0?, {0x7a1c40?, 0xc0000b2000?}, 0x0?)
\t/usr/local/go/src/net/http/server.go:2136 +0x29`;
const PHP_UNCAUGHT = `<br />
<b>Fatal error</b>:  Uncaught ValueError: item id must be numeric in /var/www/html/item.php:9
Stack trace:
#0 /var/www/html/item.php(14): load_item('x')
#1 {main}
  thrown in <b>/var/www/html/item.php</b> on line <b>9</b><br />`;
const PHP_WARNING = `<br />
<b>Warning</b>:  Undefined array key "q" in <b>/var/www/html/search.php</b> on line <b>4</b><br />
<p>Results</p>`;

// [case, site, confidence, path of the finding ('not-found' for the scan's own probe)]
const fires: Array<[string, Site, Confidence, string]> = [
  [
    'Python traceback in JSON after a bad id',
    withItems(json({ error: 'boom', trace: PYTHON }, 500)),
    'firm',
    '/items',
  ],
  ['Node.js stack as plain text after a bad id', withItems(text(NODE)), 'firm', '/items'],
  [
    'Node.js stack as an array of frames',
    withItems(json({ stack: NODE.split('\n') }, 500)),
    'firm',
    '/items',
  ],
  ['Java trace on Tomcat’s 500 page (escaped HTML)', withItems(page(JAVA_PAGE, 500)), 'firm', '/items'],
  ['.NET trace on an ASP.NET error page', withItems(page(DOTNET_PAGE, 500)), 'firm', '/items'],
  [
    '.NET Core trace in problem details',
    withItems(json({ title: 'error', detail: DOTNET_CORE }, 500)),
    'firm',
    '/items',
  ],
  ['Ruby backtrace in JSON', withItems(json(RUBY, 500)), 'firm', '/items'],
  ['Go panic dump', withItems(text(GO)), 'firm', '/items'],
  ['PHP uncaught exception with its stack', withItems(page(PHP_UNCAUGHT, 500)), 'firm', '/items'],
  [
    'PHP warning display on a 200 page after a bad value',
    withItems(page(html(PHP_WARNING))),
    'firm',
    '/items',
  ],
  [
    'a trace on the not-found page',
    { routes: { '/': page(html('home')) }, notFound: text(NODE, 404) },
    'firm',
    'not-found',
  ],
  [
    'a 2xx page showing a trace (maybe documentation)',
    { routes: { '/': page(html(`<h1>Errors</h1><pre>${PYTHON}</pre>`)) } },
    'tentative',
    '/',
  ],
  [
    'a trace left in an HTML comment',
    withItems(page(`<!doctype html><p>Sorry, something went wrong.</p><!--\n${NODE}\n-->`, 500)),
    'firm',
    '/items',
  ],
];

const quiet: Array<[string, Site]> = [
  ['a generic error page', withItems(page(html('<h1>Something went wrong</h1>'), 500))],
  ['a JSON error with no trace', withItems(json({ error: 'invalid id', code: 'E_ID' }, 400))],
  [
    'one frame only',
    withItems(json({ error: 'boom', at: '    at priceOf (/srv/app/lib/cart.js:12:21)' }, 500)),
  ],
  [
    'keywords without the shape',
    withItems(
      page(
        html('<p>Traceback (most recent call last): see the logs. Error at line 3. Stack trace: none.</p>'),
        500,
      ),
    ),
  ],
  [
    'a trace inside a debugger page (debug-mode-enabled’s)',
    withItems(
      page(
        `<html><head><title>Action Controller: Exception caught</title></head><body><p><code>Rails.root: /srv/shop</code></p><pre>${RUBY.backtrace.join('\n')}</pre></body></html>`,
        500,
      ),
    ),
  ],
  [
    'stack-like strings in a script file',
    {
      routes: {
        '/': page(html('<script src="/app.js"></script>')),
        '/app.js': {
          headers: { 'content-type': 'text/javascript' },
          body: `const sample = \`${NODE}\`;`,
        },
      },
    },
  ],
  [
    'Go file lines without a goroutine header',
    withItems(text('build failed:\n/srv/shop/main.go:27 +0x1d\n/srv/shop/db.go:12\n')),
  ],
];

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function scanSite(site: Site, checks = [stackTrace]) {
  const server = await serve(siteHandler(site));
  servers.push(server);
  return scanWith(server.url, checks);
}

const pathOf = (url: string) => {
  const p = new URL(url).pathname;
  return p.startsWith('/parapet-') ? 'not-found' : p;
};

describe('stack-trace', () => {
  it.each(fires)('fires: %s', async (_, site, confidence, path) => {
    const report = await scanSite(site);
    expect(report.findings.map((f) => [f.rule, f.severity, f.confidence, pathOf(f.url)])).toEqual([
      ['stack-trace-disclosure', 'medium', confidence, path],
    ]);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    expect((await scanSite(site)).findings).toEqual([]);
  });

  it('does not report a probe twice when it lands on the not-found page’s trace', async () => {
    const report = await scanSite({
      routes: { '/': page(html('<a href="/items/1">item</a>')), '/items/1': page(html('<h1>lamp</h1>')) },
      notFound: text(NODE, 404),
    });
    expect(report.findings.map((f) => pathOf(f.url))).toEqual(['not-found']);
  });

  it('says what provoked the trace and quotes its frames', async () => {
    const report = await scanSite(fires[0]![1]);
    const [finding] = report.findings;
    expect(finding?.evidence.detail).toContain('parameter id was set to');
    expect(finding?.evidence.detail).toContain('Stack: Python');
    expect(finding?.evidence.excerpt).toContain('File "/srv/shop/app.py", line 41, in show_item');
    expect(finding?.remediation.text).toBeTruthy();
  });

  it.each([
    ['Java trace', 3, 'java'],
    ['.NET trace on an ASP.NET error page', 4, 'dotnet'],
    ['Go panic', 7, 'golang'],
    ['PHP stack', 8, 'php'],
  ] as const)('puts the language of a %s in the report stack', async (_, row, language) => {
    const report = await scanSite(fires[row]![1]);
    expect(report.stack.language.map((p) => p.id)).toContain(language);
  });

  it('leaves debugger pages to debug-mode, while both probe each parameter once', async () => {
    const django = `<html><body><table><tr><th>Django Version:</th><td>5.0</td></tr><tr><th>Exception Value:</th><td>x</td></tr></table><textarea>${PYTHON}</textarea></body></html>`;
    const server = await serve(siteHandler(withItems(page(django, 500))));
    servers.push(server);
    const report = await scanWith(server.url, [debugMode, stackTrace]);
    expect(report.findings.map((f) => f.rule)).toEqual(['debug-mode-enabled']);
    expect(server.requests.filter((r) => r.url.startsWith('/items?id=parapet')).length).toBe(1);
  });
});

describe('stack-trace on a Flask app', () => {
  it('is quiet on both variants: the debugger page is debug-mode’s, the fixed app shows no trace', async () => {
    for (const variant of ['vulnerable', 'fixed'] as const) {
      const app = await startFlask('debug_app', variant);
      try {
        expect((await scanWith(app.url, [stackTrace])).findings, variant).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });
});
