import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'No TLS',
  summary:
    'The service answers over plain http and does not send visitors to https: anyone on the network path can read and change the traffic, including passwords, session cookies and API tokens.',
  meaning: `Plain http has no encryption and no integrity protection. On shared Wi-Fi, a compromised router, a hostile
ISP or any hop in between, an attacker can read every request and response (credentials, cookies,
\`Authorization\` headers, personal data) and change them on the fly: inject script into pages, swap download
links, or rewrite API answers.

Serving https somewhere is not enough if the http address keeps answering with content: users, bookmarks,
links and API clients that start on \`http://\` stay there. The http side should do one thing only: redirect
to the same URL on https (and, together with \`Strict-Transport-Security\`, stop browsers from trying http
again).`,
  decides: `When the scan target is an \`http://\` URL, Parapet looks at the discovery's answer to the start URL (after
in-scope redirects). It does not report when that answer:

- ended on an \`https://\` URL (an in-scope redirect was followed there);
- is a redirect to an \`https://\` URL on any host, or a \`Refresh\` header or \`<meta http-equiv="refresh">\`
  pointing at https;
- redirects to another http origin outside the scan scope (Parapet cannot follow it and says so in the
  report's notes instead of guessing).

Otherwise it sends the start URL once more with \`Upgrade-Insecure-Requests: 1\`, as browsers do on navigation;
a server that upgrades only then is not reported either. If that second answer is still served over http, the
rule fires with *confirmed* confidence.

Severity is **high**, but **info** when the host is \`localhost\` (or \`*.localhost\`) or a loopback, private or
link-local address (127.0.0.0/8, ::1, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, fc00::/7,
fe80::/10): development servers and internal hops are commonly plain http, and the finding is there as a
reminder, not as a risk score. An \`https://\` target is never reported.`,
  fix: {
    generic: `Serve the application over https only, and make the http listener answer every request with a permanent
redirect to the same path on https:

\`\`\`text
GET http://example.com/path?q=1
→ 301 Moved Permanently
  Location: https://example.com/path?q=1
\`\`\`

When TLS ends at a proxy or load balancer, do the redirect there, or make the application trust the proxy's
\`X-Forwarded-Proto\` so it knows the original scheme. Then add \`Strict-Transport-Security\` (see \`hsts-missing\`).
APIs may answer plain-http requests with an error instead of a redirect, so clients notice and fix their URLs.`,
    flask: `Put the redirect in the web server or proxy, or use Flask-Talisman; behind a proxy, trust its headers first:

\`\`\`python
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)
Talisman(app, force_https=True)
\`\`\``,
    express: `Redirect insecure requests before any route (and tell Express how many proxies to trust):

\`\`\`js
app.set('trust proxy', 1);
app.use((req, res, next) => {
  if (req.secure) return next();
  res.redirect(301, \`https://\${req.headers.host}\${req.originalUrl}\`);
});
\`\`\``,
    django: `\`\`\`python
# settings.py (SecurityMiddleware must be in MIDDLEWARE)
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # only behind a proxy that sets it
\`\`\``,
    fastapi: `\`\`\`python
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware

app.add_middleware(HTTPSRedirectMiddleware)
\`\`\`

Behind a proxy, run uvicorn with \`--proxy-headers --forwarded-allow-ips=<proxy address>\` so the original scheme
is known.`,
    rails: `\`\`\`ruby
# config/environments/production.rb
config.force_ssl = true   # redirects to https, sets HSTS and secure cookies
config.assume_ssl = true  # Rails 7.1+, when a proxy terminates TLS
\`\`\``,
    spring: `With Spring Security, require a secure channel; behind a proxy, honour forwarded headers
(\`server.forward-headers-strategy=native\`):

\`\`\`java
http.requiresChannel(channel -> channel.anyRequest().requiresSecure());
\`\`\``,
    aspnet: `\`\`\`csharp
builder.Services.AddHttpsRedirection(o =>
{
    o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
    o.HttpsPort = 443;
});
app.UseHttpsRedirection();
\`\`\``,
    go: `Serve the application with \`ListenAndServeTLS\` and let the http listener only redirect:

\`\`\`go
go http.ListenAndServe(":80", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "https://"+r.Host+r.URL.RequestURI(), http.StatusMovedPermanently)
}))
log.Fatal(http.ListenAndServeTLS(":443", "cert.pem", "key.pem", app))
\`\`\``,
    laravel: `Redirect at the web server (below), or with a middleware; trust the proxy so \`isSecure()\` is right:

\`\`\`php
public function handle(Request $request, Closure $next)
{
    if (! $request->isSecure() && app()->environment('production')) {
        return redirect()->secure($request->getRequestUri(), 301);
    }
    return $next($request);
}
\`\`\``,
    nginx: `\`\`\`nginx
server {
    listen 80;
    server_name example.com;
    return 301 https://$host$request_uri;
}
\`\`\``,
    apache: `\`\`\`apache
<VirtualHost *:80>
    ServerName example.com
    Redirect permanent / https://example.com/
</VirtualHost>
\`\`\``,
    caddy: `Caddy obtains certificates and redirects http to https by itself when the site address is a domain name.
Remove any \`http://\` site block that serves content, or make it redirect:

\`\`\`caddyfile
http://example.com {
	redir https://example.com{uri} permanent
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `Every request carries the key in clear: anyone on the path (shared Wi-Fi, an ISP, a compromised router)
can copy it and use it until it is revoked. Serve the API over https only, and do not redirect API
requests from http, refuse them: a redirect still lets the first request, key included, cross the
network in clear. Rotate keys that have been used over http.`,
      faq: [
        {
          q: 'Is redirecting http to https enough for the API?',
          a: `For browsers, together with HSTS, mostly. For API clients, no: the client sends its key with the
plain request before it sees the redirect. Refuse plain http for API routes so misconfigured clients fail
visibly.`,
        },
      ],
    },

    hmac: {
      text: `An HMAC signature protects a request against changes; it does not hide it. Without TLS the payload is
readable, and a captured request can be replayed as it is unless the server refuses old timestamps and
repeated nonces. Use TLS, and keep the timestamp window short.`,
    },

    jwt: {
      text: `A bearer token sent over plain http can be read and reused by anyone on the path until it expires;
that is what "bearer" means. Serve the API and the token endpoint over https only.`,
    },

    'cookie-session': {
      text: `Session cookies sent over plain http can be read by anyone on the network and replayed to sign in as
the user. Serve everything over https, mark the cookie \`Secure\`, and send HSTS.`,
    },
  },

  limitations: `Parapet judges only the start URL; other paths on the same http origin are assumed to behave alike. It
does not inspect certificates, protocol versions or cipher suites, and it does not resolve host names: a name
that points at a private address is treated as public (high severity). A redirect to another http origin
outside the scan scope is not followed.`,
  references: [
    {
      title: 'OWASP Transport Layer Security Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
    },
    {
      title: 'MDN: Upgrade-Insecure-Requests',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Upgrade-Insecure-Requests',
    },
    {
      title: 'CWE-319: Cleartext Transmission of Sensitive Information',
      url: 'https://cwe.mitre.org/data/definitions/319.html',
    },
  ],
  asvs: ['12.2.1'],
  pciDss: ['4.2.1', '8.3.2'],
  soc2: ['CC6.7'],
};

export default doc;
