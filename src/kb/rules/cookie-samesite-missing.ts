import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Cookie without SameSite',
  summary:
    'A cookie that identifies the user has no SameSite policy (or SameSite=None), so browsers attach it to requests other websites start: the groundwork for cross-site request forgery.',
  meaning: `The \`SameSite\` attribute tells the browser whether to send a cookie on requests that another site
starts. \`Strict\` never does; \`Lax\` only on top-level GET navigations (a clicked link), never on a
cross-site POST, \`fetch\` or frame; \`None\` always does.

Without the attribute, browsers disagree. Chrome and Edge treat the cookie as \`Lax\`, but still send
it on top-level cross-site POSTs for two minutes after it was set (right after a login, which an
attacker can often trigger). Firefox and Safari do not apply a Lax default and send it on every
cross-site request. A session cookie without SameSite therefore leaves CSRF open for part of your
users, and \`SameSite=None\` leaves it open for all of them.`,
  decides: `Parapet reads every \`Set-Cookie\` header the scan received and reports a cookie that authenticates
when its \`SameSite\` is absent, \`None\`, or a value browsers do not know (which counts as absent).

A cookie authenticates when its name is a session name (\`session\`, \`sessionid\`, \`connect.sid\`,
\`JSESSIONID\`, \`PHPSESSID\`, \`laravel_session\`, \`_app_session\`, \`.AspNetCore.Cookies\`… or a name
with \`sess\`, \`auth\`, \`token\`, \`jwt\`, \`sid\`, \`remember\`) **and** its value is unguessable, or when
its value is a signed token (a JWT, an itsdangerous/Flask value) under any name. Those are
*medium* and *firm*. A cookie with an unknown name and a merely random-looking value may be a
session id or a visitor id: *low* and *tentative*.

Not reported: anti-CSRF cookies (\`XSRF-TOKEN\`, \`csrftoken\`…, which scripts must read),
analytics, consent and load-balancer cookies (\`_ga\`, \`AWSALB\`, \`__cf_bm\`…), preferences
(\`theme\`, \`lang\`…), short or plain values, and headers that delete a cookie (\`Max-Age=0\` or an
\`Expires\` in the past). One finding per URL pattern names every flagged cookie that response set.`,
  fix: {
    generic: `Set \`SameSite=Lax\` on session and credential cookies (\`Strict\` if users never arrive from links on
other sites while logged in). Use \`SameSite=None; Secure\` only for a cookie that must travel in
cross-site requests (an embedded widget, a cross-site SSO), and protect those requests with a
token. SameSite complements an anti-CSRF token; it does not replace it on older browsers.`,
    flask: `\`\`\`python fix=flask
app.config.update(
    SESSION_COOKIE_SAMESITE="Lax",
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
)
\`\`\`

Flask-Login's remember-me cookie has its own \`REMEMBER_COOKIE_*\` settings; set them the same way.`,
    express: `\`\`\`js
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { sameSite: 'lax', secure: true, httpOnly: true },
}));

// cookies you set yourself
res.cookie('token', value, { sameSite: 'lax', secure: true, httpOnly: true });
\`\`\``,
    django: `Django sends \`SameSite=Lax\` by default; make sure nothing overrides it:

\`\`\`python
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
\`\`\``,
    fastapi: `\`\`\`python
from starlette.middleware.sessions import SessionMiddleware

app.add_middleware(SessionMiddleware, secret_key=SECRET_KEY, same_site="lax", https_only=True)

# cookies you set yourself
response.set_cookie("token", value, samesite="lax", secure=True, httponly=True)
\`\`\``,
    rails: `\`\`\`ruby
# config/initializers/session_store.rb
Rails.application.config.session_store :cookie_store, key: "_app_session", same_site: :lax

# config/application.rb: the default for every cookie Rails sets
config.action_dispatch.cookies_same_site_protection = :lax
\`\`\``,
    spring: `\`\`\`properties
server.servlet.session.cookie.same-site=lax
\`\`\`

For cookies you build yourself, use \`ResponseCookie.from(name, value).sameSite("Lax")\`.`,
    aspnet: `\`\`\`csharp
builder.Services.ConfigureApplicationCookie(options =>   // or .AddCookie(options => …)
{
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
    options.Cookie.HttpOnly = true;
});
builder.Services.AddSession(options => options.Cookie.SameSite = SameSiteMode.Lax);
\`\`\``,
    go: `\`\`\`go
http.SetCookie(w, &http.Cookie{
    Name:     "session",
    Value:    id,
    Path:     "/",
    SameSite: http.SameSiteLaxMode,
    Secure:   true,
    HttpOnly: true,
})
\`\`\``,
    laravel: `In \`config/session.php\`:

\`\`\`php
'same_site' => 'lax',
\`\`\``,
    nginx: `When the application cannot be changed, nginx (1.19.3 or later) can add the attribute to cookies
it proxies:

\`\`\`nginx
location / {
    proxy_pass http://app;
    proxy_cookie_flags ~ samesite=lax;
}
\`\`\``,
    apache: `With mod_headers, add the attribute to cookies that lack it:

\`\`\`apache
Header always edit Set-Cookie "(?i)^((?!.*;\\s*samesite=).*)$" "$1; SameSite=Lax"
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `Keys sent in a header are not cookies and SameSite does not apply to them; the cookies that matter are
those of the dashboard where users manage their keys. If your front end stores the key in a cookie so
the browser sends it to the API, the API becomes forgeable from other sites: mark that cookie
\`SameSite=Strict\`, or better, keep keys out of browsers.`,
    },

    jwt: {
      text: `A JWT stored in a cookie is a session cookie for this purpose: give it \`SameSite=Lax\` at least. When the
access token travels in the \`Authorization\` header and only a **refresh token** lives in a cookie, give
that cookie \`SameSite=Strict\` and a \`Path\` that covers only the refresh endpoint, so no other request
carries it.`,
    },

    'cookie-session': {
      text: `The session cookie is the credential CSRF and cross-site leaks ride on. \`SameSite=Lax\` keeps it off
cross-site POSTs, frames, images and \`fetch\` calls, and still sends it when a user follows a link to
your site, so they arrive signed in. \`Strict\` also withholds it on those arriving links (users land
signed out). \`None\` sends it everywhere and needs a reason, such as an embedded widget on another site,
and then a CSRF token and \`Secure\`.`,
      faq: [
        {
          q: 'Lax or Strict?',
          a: `\`Lax\` for the ordinary session cookie: it blocks the cross-site requests CSRF needs and keeps links
from e-mails and other sites working. \`Strict\` for cookies that guard especially sensitive actions (a
separate cookie for a payments area, say), accepting that users arriving from another site are not
recognised until they navigate again.`,
        },
      ],
    },
  },

  limitations: `Parapet judges cookies by name and value, not by what the server does with them: a session cookie
with an unusual name and a short value is missed, and a random visitor id can be mistaken for a
session id (such findings are tentative). Only cookies set in responses the scan received are seen;
cookies set by scripts (\`document.cookie\`) or on pages behind a login the scan could not reach are
not.`,
  references: [
    {
      title: 'MDN: Set-Cookie, SameSite',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value',
    },
    {
      title: 'IETF draft: Cookies (RFC 6265bis), the SameSite attribute',
      url: 'https://datatracker.ietf.org/doc/draft-ietf-httpbis-rfc6265bis/',
    },
    {
      title: 'Chrome Platform Status: cookies default to SameSite=Lax',
      url: 'https://chromestatus.com/feature/5088147346030592',
    },
    {
      title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet: SameSite cookie attribute',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html',
    },
    {
      title: 'CWE-1275: Sensitive Cookie with Improper SameSite Attribute',
      url: 'https://cwe.mitre.org/data/definitions/1275.html',
    },
  ],
  asvs: ['3.3.2'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1', 'CC6.6'],
};

export default doc;
