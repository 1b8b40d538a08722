import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'MIME sniffing',
  summary:
    'Responses are sent without `X-Content-Type-Options: nosniff`, so a browser may guess their type from the content and run JSON, text or uploads as script or HTML.',
  meaning: `Browsers do not always trust \`Content-Type\`. A response with no type or an unknown one is
*sniffed*: its first bytes decide whether it becomes HTML, and a cross-origin \`<script src>\` or
\`<link rel=stylesheet>\` pointing at a JSON or text URL is executed or applied anyway. An attacker
who controls part of such a response — an uploaded file, a JSONP-style endpoint, a reflected value
in a text body — can get it interpreted as markup or script in your origin.

\`X-Content-Type-Options: nosniff\` switches that off: a script or style load whose declared type does
not match is blocked, and responses are not re-typed by their content. It is a defence in depth
that costs nothing, which is why it is a low-severity finding and not more.`,
  decides: `Parapet reads the responses the scan already fetched (no extra requests) and judges the 2xx
ones with a body a browser might sniff: HTML, JSON, JavaScript, plain text, and unknown or missing
types. Images, fonts, audio, video, CSS, XML, redirects, errors and empty responses are not judged.

The header is read as the Fetch Standard's "determine nosniff" does: all its field lines are
joined and split on commas, and only the **first** value counts, compared case-insensitively with
\`nosniff\` after trimming spaces and tabs. So \`NoSniff\`, \` nosniff \`, \`nosniff, nosniff\` and
\`nosniff, anything\` protect; \`sniff\`, \`no-sniff\`, \`"nosniff"\` (quoted), \`sniff, nosniff\` and a
first line that is empty do not.

To keep one forgotten middleware from producing dozens of identical findings, failures are grouped:
- every judged response on the origin lacks it → **one finding for the origin**, with the number
  of responses as instances;
- only some do → one finding per top-level section (\`/static/{path}\`, \`/api/{path}\`, or top-level
  pages), which is usually where a header is set or forgotten (a static file handler, a mounted
  sub-application);
- more than four sections lack it → one finding for the origin again.

Severity is low; confidence is firm (the header is read, not guessed).`,
  fix: {
    generic: `Send \`X-Content-Type-Options: nosniff\` on every response — set it once where all
responses pass (a middleware, the reverse proxy) rather than per route — and give every response
its correct \`Content-Type\`. Serve user uploads with a fixed, safe type
(\`application/octet-stream\` plus \`Content-Disposition: attachment\`) or from a separate origin.`,
    flask: `Set it in one \`after_request\` hook (or use Flask-Talisman, which sends it by default):

\`\`\`python fix=flask
@app.after_request
def security_headers(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
\`\`\``,
    express: `Helmet sends it by default; register it before \`express.static\` so files get it too:

\`\`\`js
import helmet from 'helmet';
app.use(helmet());            // or only: app.use(helmet.noSniff())
app.use(express.static('public'));
\`\`\``,
    django: `\`SecurityMiddleware\` sends it while \`SECURE_CONTENT_TYPE_NOSNIFF\` is true (the default since
Django 3.0). Check that the middleware is installed and the setting not turned off:

\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
SECURE_CONTENT_TYPE_NOSNIFF = True
\`\`\`
Static and media files served by the web server need the header there as well (see nginx/apache).`,
    fastapi: `Starlette sends no security headers; add a middleware:

\`\`\`python
@app.middleware("http")
async def security_headers(request, call_next):
    response = await call_next(request)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
\`\`\``,
    rails: `Rails sends it by default through \`config.action_dispatch.default_headers\`; make sure an
initializer has not replaced that hash, and give files from \`public/\` the header too:

\`\`\`ruby
config.action_dispatch.default_headers["X-Content-Type-Options"] = "nosniff"
config.public_file_server.headers = { "X-Content-Type-Options" => "nosniff" }
\`\`\``,
    spring: `Spring Security writes it by default; it disappears when headers are disabled. Keep it on:

\`\`\`java
http.headers(headers -> headers.contentTypeOptions(Customizer.withDefaults()));
\`\`\``,
    aspnet: `Add it in a middleware registered before the static files middleware:

\`\`\`csharp
app.Use(async (context, next) =>
{
    context.Response.Headers["X-Content-Type-Options"] = "nosniff";
    await next();
});
app.UseStaticFiles();
\`\`\``,
    go: `Wrap the top-level handler:

\`\`\`go
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

http.ListenAndServe(addr, secureHeaders(mux))
\`\`\``,
    laravel: `A global middleware:

\`\`\`php
class SecurityHeaders
{
    public function handle(Request $request, Closure $next): Response
    {
        $response = $next($request);
        $response->headers->set('X-Content-Type-Options', 'nosniff');
        return $response;
    }
}
// bootstrap/app.php (Laravel 11+)
->withMiddleware(fn (Middleware $middleware) => $middleware->append(SecurityHeaders::class))
\`\`\``,
    nginx: `\`always\` adds it to error responses too. A \`location\` with its own \`add_header\` drops the
server-level ones, so repeat it there:

\`\`\`nginx
add_header X-Content-Type-Options "nosniff" always;
\`\`\``,
    apache: `With mod_headers enabled:

\`\`\`apache
Header always set X-Content-Type-Options "nosniff"
\`\`\``,
    caddy: `\`\`\`caddy
example.com {
	header X-Content-Type-Options nosniff
}
\`\`\``,
  },
  limitations: `Only responses the scan fetched are judged: a download endpoint or upload folder that
discovery did not reach is not seen. The grouping by first path segment is a heuristic; a site whose
sections do not follow its handlers may get a pattern that is broader than the real gap. Parapet does
not check that each \`Content-Type\` is correct, which \`nosniff\` relies on (a script served as
\`text/plain\` with \`nosniff\` is blocked — a functional bug, not a weakness).`,
  references: [
    {
      title: 'Fetch Standard: X-Content-Type-Options',
      url: 'https://fetch.spec.whatwg.org/#x-content-type-options-header',
    },
    { title: 'MIME Sniffing Standard', url: 'https://mimesniff.spec.whatwg.org/' },
    {
      title: 'MDN: X-Content-Type-Options',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Content-Type-Options',
    },
    {
      title: 'OWASP HTTP Headers Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html',
    },
    {
      title: 'CWE-693: Protection Mechanism Failure',
      url: 'https://cwe.mitre.org/data/definitions/693.html',
    },
  ],
  asvs: ['3.4.4'],
  pciDss: ['6.2.4'],
  soc2: [],
};

export default doc;
