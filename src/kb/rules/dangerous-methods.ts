import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'TRACE and unused HTTP methods',
  summary:
    'The server answers TRACE by echoing requests back, or advertises write methods (PUT, DELETE, WebDAV) on pages that have no use for them: debugging and write features left switched on.',

  meaning: `TRACE (and TRACK, IIS's variant) makes a server send the request it received back as the response
body. It was meant for debugging proxies. Browsers no longer let pages send TRACE, so the old "cross-site
tracing" trick of reading HttpOnly cookies through it is gone; what remains is disclosure of whatever the
servers in between add to requests: client IPs, internal host names, and sometimes authentication headers a
proxy injects for the backend.

An \`Allow\` header listing PUT, DELETE, PATCH or WebDAV methods (MKCOL, COPY, MOVE, PROPPATCH, LOCK) on an
ordinary page often means a server module (WebDAV, a default handler) accepts writes nobody planned for.
It may equally be a framework listing every verb a route maps, which is why Parapet only notes it.`,

  decides: `Parapet sends one \`TRACE\` to the start URL with a random canary header, no credentials and no
cookies. It fires (**firm**) when a 2xx answer starts with the echoed request line (\`TRACE / HTTP/1.1\`) and
echoes the canary header. If TRACE is not echoed it tries \`TRACK\` the same way. The finding names the
headers the echo carries that Parapet did not send: added by a proxy or load balancer on the way in, they
are what TRACE leaks today. An application that reflects headers in JSON does not fire: the request line
must be echoed too.

It also asks up to five HTML pages the scan fetched (one per URL pattern) with \`OPTIONS\`, and notes
(**tentative**, **low**) an \`Allow\` header on a 2xx or 405 answer that lists write methods none of the
site's forms use for that page (a \`_method\` override field counts as use). A listed method is not
proof that it works, and Parapet never sends PUT or DELETE in safe mode to find out, so this never moves
the score. JSON API paths are not asked: write methods are expected there. TRACE and TRACK change nothing
on the server (RFC 9110 counts TRACE among the safe methods), so they are allowed in safe mode.`,

  fix: {
    generic: `Turn TRACE and TRACK off at every tier (proxy, web server, application server), and only route
the methods each path implements. Remove WebDAV modules you do not use.`,

    nginx: `nginx itself answers TRACE with 405; an echo comes from a server behind it. Refuse the methods at the
edge anyway:

\`\`\`nginx
if ($request_method ~ ^(TRACE|TRACK)$) {
    return 405;
}
\`\`\`

Do not build nginx with \`--with-http_dav_module\` (or set \`dav_methods off;\`) unless you serve WebDAV.`,

    apache: `Turn TRACE off in the main configuration and refuse TRACK with mod_rewrite:

\`\`\`apache
TraceEnable off

RewriteEngine On
RewriteCond %{REQUEST_METHOD} ^TRACK$
RewriteRule .* - [F]
\`\`\`

Disable \`mod_dav\` (\`a2dismod dav dav_fs\`) unless you serve WebDAV.`,

    aspnet: `Deny the verbs in IIS request filtering (\`web.config\`):

\`\`\`xml
<system.webServer>
  <security>
    <requestFiltering>
      <verbs>
        <add verb="TRACE" allowed="false" />
        <add verb="TRACK" allowed="false" />
      </verbs>
    </requestFiltering>
  </security>
</system.webServer>
\`\`\`

Remove the WebDAV module (\`<remove name="WebDAVModule" />\`) if it is installed.`,

    spring: `Spring's \`DispatcherServlet\` does not handle TRACE unless \`spring.mvc.dispatch-trace-request=true\`;
remove that setting, and do not set \`allowTrace\` on the Tomcat connector.`,

    express: `Express answers TRACE only if a route does (\`app.all\`, \`app.trace\`, or a catch-all middleware
that echoes). Refuse it before the routes:

\`\`\`js
app.use((req, res, next) => {
  if (req.method === 'TRACE' || req.method === 'TRACK') return res.sendStatus(405);
  next();
});
\`\`\``,

    go: `A handler registered without a method answers every method. Register methods explicitly (Go 1.22+
patterns):

\`\`\`go
mux.HandleFunc("GET /items/{id}", showItem)
mux.HandleFunc("DELETE /items/{id}", deleteItem) // only where you mean it
\`\`\``,

    flask: `Flask answers only the methods a route lists (plus HEAD and OPTIONS), so TRACE gets a 405 unless a
route names it or something in front of Flask echoes. Refuse it in the app as well, before routing:

\`\`\`python
from flask import abort, request


@app.before_request
def refuse_trace():
    if request.method in ("TRACE", "TRACK"):
        abort(405)
\`\`\`

Check the server in front (nginx, Apache) with the lines for it below: an echo usually comes from there.`,

    django: `Class-based views refuse methods they do not implement, but a function view answers every method
with its normal page. Limit views to their methods, and refuse TRACE for the whole site in a middleware
listed first in \`MIDDLEWARE\`:

\`\`\`python
from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_http_methods


class RefuseTraceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("TRACE", "TRACK"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        return self.get_response(request)


@require_http_methods(["GET", "POST"])
def profile(request):
    ...
\`\`\``,

    fastapi: `FastAPI routes answer only their declared methods; TRACE gets a 405 unless an \`api_route\` lists it.
Refuse it before routing in a middleware, so no route can enable it by accident:

\`\`\`python
from fastapi import FastAPI, Request
from fastapi.responses import Response

app = FastAPI()


@app.middleware("http")
async def refuse_trace(request: Request, call_next):
    if request.method in ("TRACE", "TRACK"):
        return Response(status_code=405)
    return await call_next(request)
\`\`\``,

    rails: `Rails routes match only the verbs they declare (avoid \`via: :all\`). Refuse TRACE before the app with a
small Rack middleware:

\`\`\`ruby
# app/middleware/refuse_trace.rb
class RefuseTrace
  def initialize(app)
    @app = app
  end

  def call(env)
    return [405, { "content-type" => "text/plain" }, ["Method Not Allowed"]] if %w[TRACE TRACK].include?(env["REQUEST_METHOD"])

    @app.call(env)
  end
end

# config/application.rb
config.middleware.insert_before 0, RefuseTrace
\`\`\``,

    laravel: `Laravel's router never matches TRACE (even \`Route::any\` covers only GET, HEAD, POST, PUT, PATCH,
DELETE and OPTIONS), so an echo comes from the web server in front: set \`TraceEnable off\` in Apache or
refuse the methods in nginx, as shown for those servers. Keep routes to the verbs they need
(\`Route::get\`, \`Route::post\`) rather than \`Route::any\` or \`Route::match\` with every verb.`,
  },

  authContexts: {
    'api-keys': {
      text: `A TRACE echo sends the request back as the body, headers included: the caller's own \`X-API-Key\`, and,
more usefully to an attacker, headers a proxy adds on the way in (an internal service key, the real
client address). Browsers no longer let scripts send TRACE, so the risk is disclosure of what the
proxies add, and a misconfigured tier that nobody meant to expose.`,
    },

    'cookie-session': {
      text: `TRACE echoes the request's \`Cookie\` header back in the body. Browsers no longer let pages send TRACE, so
the old cross-site tracing attack on \`HttpOnly\` cookies does not work in them; what remains is
disclosure of headers added by proxies, and a server tier left in debugging mode.`,
    },
  },

  limitations: `TRACE is sent to the start URL only; a proxy that echoes only on some paths is missed.
Whether an advertised write method really works is not tested (that needs \`--active\`), and an \`Allow\`
header is judged only on the pages asked. Parapet cannot see documentation outside the site (an API
description it was not given), so a write method documented there can still be noted.`,

  references: [
    { title: 'RFC 9110: TRACE', url: 'https://www.rfc-editor.org/rfc/rfc9110#name-trace' },
    { title: 'RFC 9110: Allow', url: 'https://www.rfc-editor.org/rfc/rfc9110#name-allow' },
    { title: 'MDN: TRACE', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Methods/TRACE' },
    {
      title: 'OWASP WSTG: Test HTTP Methods',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/06-Test_HTTP_Methods',
    },
    {
      title: 'CWE-749: Exposed Dangerous Method or Function',
      url: 'https://cwe.mitre.org/data/definitions/749.html',
    },
  ],
  asvs: ['13.4.4', '4.1.4'],
  pciDss: ['2.2.4'],
  soc2: ['CC7.1'],
};

export default doc;
