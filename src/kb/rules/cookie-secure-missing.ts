import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Cookie without Secure',
  summary:
    'A session or credential cookie set over https lacks the Secure attribute, so the browser will also send it over plain http, where anyone on the network path can read it.',
  meaning: `A cookie without \`Secure\` is sent on every request to its host, whatever the scheme. One plain-http
request is enough to expose it: a link or an image an attacker plants, an old bookmark, a redirect
from http to https that the browser makes before it learns about HSTS. On shared Wi-Fi or any network
the attacker can watch, the session cookie then travels in clear text and can be replayed to take
over the account. Browsers also let an http page overwrite a cookie that is not Secure.`,
  decides: `Parapet reads the \`Set-Cookie\` headers of responses it received over **https** and reports a cookie
that authenticates (see \`cookie-samesite-missing\` for how that is decided: a session name with an
unguessable value, or a signed token, is *firm*; an unknown name with a random-looking value is
*tentative*) when it has no \`Secure\` attribute.

Never reported: cookies on plain-http targets (a Secure cookie could not work there; the finding is
\`tls-missing\`), cookies named \`__Secure-…\` or \`__Host-…\` (browsers refuse to store them without
Secure), anti-CSRF, analytics and preference cookies, and headers that delete a cookie. One finding
per URL pattern names every flagged cookie that response set.`,
  fix: {
    generic: `Add \`Secure\` to every session and credential cookie, serve the whole site over https, and send
\`Strict-Transport-Security\`. Behind a TLS-terminating proxy, tell the framework that the original
request was https (trusted \`X-Forwarded-Proto\`), or it may decide not to mark cookies Secure. The
\`__Host-\` name prefix makes browsers enforce Secure, \`Path=/\` and no \`Domain\`.`,
    flask: `\`\`\`python
app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
\`\`\`

Behind a proxy, wrap the app in \`werkzeug.middleware.proxy_fix.ProxyFix\` so Flask sees https.`,
    express: `\`\`\`js
app.set('trust proxy', 1); // behind a TLS-terminating proxy
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
}));
\`\`\``,
    django: `\`\`\`python
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # only behind a proxy that sets it
\`\`\``,
    fastapi: `\`\`\`python
app.add_middleware(SessionMiddleware, secret_key=SECRET_KEY, https_only=True)
response.set_cookie("token", value, secure=True, httponly=True, samesite="lax")
\`\`\``,
    rails: `\`\`\`ruby
# config/environments/production.rb: also marks cookies Secure
config.force_ssl = true
\`\`\``,
    spring: `\`\`\`properties
server.servlet.session.cookie.secure=true
server.forward-headers-strategy=native
\`\`\``,
    aspnet: `\`\`\`csharp
builder.Services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
builder.Services.AddSession(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
\`\`\``,
    go: `\`\`\`go
http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
\`\`\``,
    laravel: `In \`.env\` (read by \`config/session.php\`):

\`\`\`ini
SESSION_SECURE_COOKIE=true
\`\`\``,
    nginx: `\`\`\`nginx
location / {
    proxy_pass http://app;
    proxy_cookie_flags ~ secure;
}
\`\`\``,
    apache: `\`\`\`apache
Header always edit Set-Cookie "(?i)^((?!.*;\\s*secure(;|$)).*)$" "$1; Secure"
\`\`\``,
  },
  authContexts: {
    jwt: {
      text: `A JWT in a cookie without \`Secure\` goes out in clear on any plain http request to the host, and a bearer
token read off the network works from anywhere until it expires. Mark the cookie \`Secure\` (and give it
the \`__Host-\` prefix so it is also bound to your exact host).`,
    },

    'cookie-session': {
      text: `Without \`Secure\`, the browser sends the session cookie on any plain http request to your host: a link
someone typed or followed to \`http://\`, a mixed-content image, a redirect through http. Anyone on the
network path (shared Wi-Fi, a hostile router) reads it there and signs in as the user. Redirecting http
to https does not help: the first request has already gone out in clear, cookie included. HSTS closes
the gap after the first visit; \`Secure\` closes it for the cookie on every visit.`,
      faq: [
        {
          q: 'My site redirects http to https. Is Secure still needed?',
          a: `Yes. The browser sends the cookie with the http request before your server can redirect it, and an
attacker who sits on the network answers that request instead of your server. \`Secure\` keeps the cookie
off plain http entirely.`,
        },
      ],
    },
  },

  limitations: `Only responses the scan received over https are examined, and cookies are judged by name and
value, not by how the server uses them. Cookies set by scripts are not seen.`,
  references: [
    {
      title: 'MDN: Set-Cookie, Secure',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#secure',
    },
    {
      title: 'OWASP Session Management Cheat Sheet: Secure attribute',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
    },
    {
      title: 'OWASP WSTG: Testing for Cookies Attributes',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/06-Session_Management_Testing/02-Testing_for_Cookies_Attributes',
    },
    {
      title: "CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",
      url: 'https://cwe.mitre.org/data/definitions/614.html',
    },
  ],
  asvs: ['3.3.1'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1', 'CC6.7'],
};

export default doc;
