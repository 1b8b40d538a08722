import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Missing Content Security Policy',
  summary:
    'The page has no enforced Content-Security-Policy that stops injected inline scripts, so any HTML injection on it becomes full cross-site scripting.',

  meaning: `A Content-Security-Policy tells the browser which scripts a page may run. With a policy that
allows scripts only from known files (\`script-src 'self'\`) or only inline scripts carrying a per-response
nonce, markup an attacker manages to inject (\`<script>…</script>\`, \`<img onerror=…>\`) does not execute:
an injection bug stays a defect instead of becoming account takeover. Without such a policy, or with
\`'unsafe-inline'\` in the script directives, the browser runs whatever script ends up in the page.

CSP is defence in depth: it does not fix the injection, it limits what the injection can do.`,

  decides: `Parapet reads every 2xx HTML page the scan fetched and collects the policies a browser would
enforce: every \`Content-Security-Policy\` header, each comma-separated policy in it (directive names are
case-insensitive; if a directive repeats inside one policy the first one counts). For inline script it
uses CSP Level 3's fallback: \`script-src-elem\` (for \`<script>\` elements) or \`script-src-attr\` (for
event-handler attributes), then \`script-src\`, then \`default-src\`.

A page is fine when the enforced policies block inline script: no \`'unsafe-inline'\` in the directive
that governs it, or an \`'unsafe-inline'\` that browsers ignore because the same list has a nonce
(\`'nonce-…'\`), a hash (\`'sha256-…'\`) or \`'strict-dynamic'\`. With several enforced policies a script must
pass all of them, so one strict policy is enough.

It fires (firm) when there is no enforced policy at all, when the policies have no script directive and
no \`default-src\` (for example only \`frame-ancestors\`), or when the governing directive allows
\`'unsafe-inline'\`. A \`Content-Security-Policy-Report-Only\` header blocks nothing and is mentioned in
the finding, not counted. A policy delivered only in \`<meta http-equiv="Content-Security-Policy">\` that
does block inline script is reported as **tentative**: browsers enforce it, but only from that element
onwards (markup injected earlier in the page escapes it), and it cannot carry \`frame-ancestors\`,
\`sandbox\` or reporting.

Severity is **medium** on pages with a form, a button or an input, else **low** (tentative findings are
low). Like every header rule it does not fire on JSON, scripts, images, redirects, error statuses, empty
bodies, downloads or the scan's own not-found probe; pages that share a URL pattern make one finding.`,

  fix: {
    generic: `Send an enforced policy as a response header on every HTML page. Two sound shapes:

\`\`\`http
Content-Security-Policy: default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'
\`\`\`

moves every script to files served by your origin (no inline \`<script>\`, no \`onclick=\`). If inline
scripts are needed, generate a fresh random nonce for every response and put it on each legitimate
\`<script>\` tag:

\`\`\`http
Content-Security-Policy: script-src 'nonce-R4nd0mPerResponse' 'strict-dynamic'; object-src 'none'; base-uri 'none'
\`\`\`

Do not add \`'unsafe-inline'\` to script directives. Roll out with \`Content-Security-Policy-Report-Only\`
first if you must, but only the enforced header protects.`,

    flask: `Set the policy in one hook; for inline scripts, make a nonce per request and use it in templates:

\`\`\`python fix=flask
import secrets
from flask import g

@app.before_request
def csp_nonce():
    g.csp_nonce = secrets.token_urlsafe(16)

@app.after_request
def csp_header(response):
    response.headers["Content-Security-Policy"] = (
        f"script-src 'nonce-{g.csp_nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'"
    )
    return response
\`\`\`

\`\`\`html
<script nonce="{{ g.csp_nonce }}">…</script>
\`\`\``,

    express: `Helmet's default policy already has \`script-src 'self'\`. For inline scripts add a per-response
nonce:

\`\`\`js
import crypto from 'node:crypto';
import helmet from 'helmet';

app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: { scriptSrc: ["'self'", (req, res) => \`'nonce-\${res.locals.cspNonce}'\`] },
    },
  }),
);
\`\`\``,

    django: `Django 6.0+ has built-in CSP support:

\`\`\`python
from django.utils.csp import CSP

MIDDLEWARE = [
    # ...
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
\`\`\`

Add \`"django.template.context_processors.csp"\` to the template context processors and write
\`<script nonce="{{ csp_nonce }}">\`. On older Django, use the \`django-csp\` package. \`SECURE_CSP_REPORT_ONLY\`
alone does not protect.`,

    fastapi: `Add the header in a middleware (FastAPI serves JSON by default; this matters for the HTML
pages and the interactive docs you serve):

\`\`\`python
@app.middleware("http")
async def csp_header(request, call_next):
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
    )
    return response
\`\`\`

The built-in \`/docs\` page loads Swagger UI from a CDN and runs an inline script; serve those assets
yourself or give that route its own policy with a hash or nonce.`,

    rails: `In \`config/initializers/content_security_policy.rb\`:

\`\`\`ruby
Rails.application.configure do
  config.content_security_policy do |policy|
    policy.default_src :self
    policy.script_src  :self
    policy.object_src  :none
    policy.base_uri    :none
  end
  config.content_security_policy_nonce_generator = ->(request) { SecureRandom.base64(16) }
  config.content_security_policy_nonce_directives = %w[script-src]
end
\`\`\`

Use \`javascript_tag nonce: true\` (or \`<%= tag.script nonce: true %>\`) for inline scripts, and remove
\`config.content_security_policy_report_only = true\` once the policy is tested.`,

    spring: `With Spring Security:

\`\`\`java
http.headers(headers -> headers
    .contentSecurityPolicy(csp -> csp.policyDirectives(
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'")));
\`\`\`

\`.reportOnly()\` on that configurer switches the header to Report-Only, which does not protect.`,

    aspnet: `Set the header for every response in \`Program.cs\` (or use a maintained CSP middleware package
that supports nonces):

\`\`\`csharp
app.Use(async (context, next) =>
{
    context.Response.Headers["Content-Security-Policy"] =
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";
    await next();
});
\`\`\``,

    go: `Wrap the handler once:

\`\`\`go
func cspHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy",
			"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'")
		next.ServeHTTP(w, r)
	})
}
\`\`\`

For inline scripts in \`html/template\`, generate a nonce per request, put it in the header and pass it to
the template as \`<script nonce="{{.Nonce}}">\`.`,

    laravel: `Add a middleware and append it globally in \`bootstrap/app.php\`; Laravel's Vite integration can
put a nonce on the tags it renders (\`Vite::useCspNonce()\`):

\`\`\`php
public function handle(Request $request, Closure $next): Response
{
    Vite::useCspNonce();
    $response = $next($request);
    $response->headers->set('Content-Security-Policy',
        "script-src 'nonce-".Vite::cspNonce()."' 'strict-dynamic'; object-src 'none'; base-uri 'none'");
    return $response;
}
\`\`\``,

    nginx: `For static sites or as a default in front of an app:

\`\`\`nginx
add_header Content-Security-Policy "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'" always;
\`\`\`

A \`location\` with its own \`add_header\` inherits none from the server block. If the application sends a
nonce-based policy, let that through instead of adding a second one.`,

    apache: `With mod_headers:

\`\`\`apache
Header always set Content-Security-Policy "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
\`\`\`

\`Header set\` replaces a policy sent by the application; use \`setifempty\` if the application sets its own.`,
  },

  authContexts: {
    'api-keys': {
      text: `A dashboard that shows or stores API keys is the page an injected script would target. A strict,
nonce-based policy on those pages (and \`connect-src 'self'\`) limits what such a script can run and where
it can send what it reads.`,
    },

    jwt: {
      text: `When tokens live in \`localStorage\`, a script injected through XSS can read them; a nonce-based
\`script-src\` stops most injected scripts from running at all, which makes CSP the main second line for
that design. Add \`connect-src\` limited to your own API so a script that does run has fewer ways to call
out.`,
    },

    'cookie-session': {
      text: `An \`HttpOnly\` session cookie cannot be read by script, but an injected script can still act with it.
CSP decides whether the script runs at all: send a nonce-based \`script-src\` with \`object-src 'none'\` and
\`base-uri 'none'\`.`,
    },
  },

  limitations: `Parapet looks at inline script only. It does not judge whether script sources are too broad
(\`script-src *\`, \`https:\`, \`data:\`, a CDN that hosts arbitrary files, JSONP endpoints), \`'unsafe-eval'\`,
missing \`object-src\` or \`base-uri\`, or style directives. It cannot tell whether a nonce really changes on
every response (a fixed nonce is as weak as \`'unsafe-inline'\`). Pages the scan did not fetch are not
judged, and a meta policy outside \`<head>\` is taken at face value.`,

  references: [
    { title: 'Content Security Policy Level 3', url: 'https://www.w3.org/TR/CSP3/' },
    { title: 'MDN: Content Security Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP' },
    {
      title: 'OWASP Content Security Policy Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html',
    },
    { title: 'web.dev: Mitigate XSS with a strict CSP', url: 'https://web.dev/articles/strict-csp' },
    {
      title: 'CWE-693: Protection Mechanism Failure',
      url: 'https://cwe.mitre.org/data/definitions/693.html',
    },
  ],
  asvs: ['3.4.3'],
  pciDss: ['6.2.4', '6.4.3'],
  soc2: ['CC6.6'],
};

export default doc;
