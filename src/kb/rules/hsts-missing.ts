import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Missing HSTS',
  summary:
    'The https site does not send a valid Strict-Transport-Security policy, so browsers will still try plain http first and an attacker on the network can keep a visitor on an http copy of the site.',
  meaning: `Even when the http address redirects to https, the first request a browser makes for a typed-in name, an
old bookmark or an \`http://\` link goes out in clear text. An attacker on the network answers that request
themselves and never lets the browser reach https ("SSL stripping"): the visitor sees the site, over http,
and every password and cookie passes through the attacker.

\`Strict-Transport-Security\` closes that gap. Once a browser has seen a valid policy over https, it rewrites
every \`http://\` URL for that host to \`https://\` before sending anything, for \`max-age\` seconds, and refuses to
let the user click through certificate errors. With \`includeSubDomains\` the same holds for every subdomain;
with \`preload\` and a submission to the browsers' preload list, even the very first visit is protected.`,
  decides: `Parapet judges the start document when it was served over https (directly, or after an in-scope redirect
from http). Following RFC 6797, only the first \`Strict-Transport-Security\` header counts, and the policy is
**not valid** when:

- the header is absent;
- it does not follow the grammar (\`name[=value]\` directives separated by \`;\`, values as tokens or quoted
  strings; whitespace around \`=\` and \`;\` is allowed, names are case-insensitive);
- a directive appears twice (for example \`max-age=1; max-age=2\`);
- \`max-age\` is missing or not a whole number of seconds (a quoted number such as \`"31536000"\` is fine);
- \`max-age=0\`, which tells browsers to forget the policy.

Unknown directives are ignored. Severity is **medium**, but **info** when the host is \`localhost\` or a
loopback, private or link-local address, and when the host is an IP address (browsers do not apply HSTS to
IP addresses). Confidence is *confirmed*: the response is the proof.

It **never** fires on plain http responses: browsers ignore \`Strict-Transport-Security\` received over http
(an http-only site is \`tls-missing\`). A short but positive \`max-age\` is valid and not reported.`,
  fix: {
    generic: `Send the header on every https response (at least on the pages people land on), with a long lifetime:

\`\`\`http
Strict-Transport-Security: max-age=31536000; includeSubDomains
\`\`\`

Roll it out carefully: start with a short \`max-age\` (say 300) while you check that every subdomain works on
https, then raise it to a year. Add \`preload\` and submit the domain at hstspreload.org only when all
subdomains are https for good: leaving the preload list takes months.`,
    flask: `Flask-Talisman sends HSTS (a year, with \`includeSubDomains\`) by default:

\`\`\`python
from flask_talisman import Talisman

Talisman(app, strict_transport_security=True, strict_transport_security_max_age=31536000)
\`\`\`

Without an extension:

\`\`\`python
@app.after_request
def hsts(response):
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response
\`\`\``,
    express: `With helmet (HSTS is on by default; \`maxAge\` is in seconds):

\`\`\`js
import helmet from 'helmet';

app.use(helmet.strictTransportSecurity({ maxAge: 31536000, includeSubDomains: true }));
\`\`\``,
    django: `\`\`\`python
# settings.py (SecurityMiddleware must be in MIDDLEWARE)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False  # True only once every subdomain is https
\`\`\`

Django sends the header only on responses to secure requests; behind a proxy set \`SECURE_PROXY_SSL_HEADER\`.`,
    fastapi: `\`\`\`python
@app.middleware("http")
async def hsts(request, call_next):
    response = await call_next(request)
    response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response
\`\`\``,
    rails: `\`\`\`ruby
# config/environments/production.rb
config.force_ssl = true
config.ssl_options = { hsts: { expires: 1.year, subdomains: true } }
\`\`\``,
    spring: `Spring Security writes HSTS on secure requests by default; make sure \`headers()\` is not disabled and set the
lifetime:

\`\`\`java
http.headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts
        .includeSubDomains(true)
        .maxAgeInSeconds(31536000)));
\`\`\``,
    aspnet: `\`\`\`csharp
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});
if (!app.Environment.IsDevelopment()) app.UseHsts();
\`\`\`

\`UseHsts\` skips \`localhost\` and loopback addresses by default.`,
    go: `\`\`\`go
func withHSTS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		next.ServeHTTP(w, r)
	})
}
\`\`\``,
    laravel: `A small middleware, registered globally:

\`\`\`php
public function handle(Request $request, Closure $next)
{
    $response = $next($request);
    if ($request->isSecure()) {
        $response->headers->set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    return $response;
}
\`\`\``,
    nginx: `In the https \`server\` block; \`always\` adds it to error responses too. A \`location\` that has its own
\`add_header\` lines drops the inherited ones, so repeat it there:

\`\`\`nginx
add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
\`\`\``,
    apache: `In the https virtual host (mod_headers):

\`\`\`apache
Header always set Strict-Transport-Security "max-age=31536000; includeSubDomains"
\`\`\``,
    caddy: `Caddy redirects to https but does not add HSTS by itself:

\`\`\`caddyfile
example.com {
	header Strict-Transport-Security "max-age=31536000; includeSubDomains"
	reverse_proxy app:8080
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `HSTS is a browser mechanism: SDKs, \`curl\` and servers calling your API ignore it. For API clients the
protection is that plain http does not work at all: no listener on port 80, or one that refuses requests
instead of redirecting them (a redirect means the key already crossed the network in clear). Send HSTS
anyway for the browser-facing pages, including the dashboard where keys are shown.`,
      faq: [
        {
          q: 'Does HSTS protect my API clients?',
          a: `No; only browsers honour it. Protect API clients by not serving the API over http at all, and by
documenting only \`https://\` URLs, so a client misconfigured with \`http://\` fails instead of sending its
key in clear.`,
        },
      ],
    },

    jwt: {
      text: `Tokens held by a browser app (in a cookie or sent by script) are protected by HSTS the same way as a
session: the browser never makes the plain-http request that would expose them. Native and server
clients need https-only endpoints instead, as HSTS does not apply to them.`,
    },

    'cookie-session': {
      text: `Without HSTS, a user who types your address or follows an \`http://\` link sends the first request in
clear, and an attacker on the network answers it: the page is served over http from then on (SSL
stripping), and a session cookie without \`Secure\` goes with it. With HSTS the browser rewrites every
request to https before it leaves, cookie included.`,
    },
  },

  limitations: `Only the start document is judged; browsers remember a policy from any https response of the host, so a
site that sends it elsewhere still leaves the first visit unprotected and is reported. Parapet does not check
the preload list, nor whether \`includeSubDomains\` is appropriate, nor whether the certificate is valid
(browsers ignore the header on a connection with certificate errors, which a scan with \`--insecure\` cannot
see).`,
  references: [
    {
      title: 'RFC 6797: HTTP Strict Transport Security (HSTS)',
      url: 'https://www.rfc-editor.org/rfc/rfc6797',
    },
    {
      title: 'MDN: Strict-Transport-Security',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security',
    },
    {
      title: 'OWASP HTTP Strict Transport Security Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html',
    },
    { title: 'HSTS preload list submission', url: 'https://hstspreload.org/' },
  ],
  asvs: ['3.4.1'],
  pciDss: ['4.2.1'],
  soc2: ['CC6.7'],
};

export default doc;
