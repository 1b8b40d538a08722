import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Cookie readable by scripts',
  summary:
    'A session or credential cookie lacks HttpOnly, so any script running on the page can read it: one cross-site scripting bug is enough to steal the session.',
  meaning: `Without \`HttpOnly\`, a cookie is visible to JavaScript through \`document.cookie\`. Scripts rarely need
a session cookie, but an attacker who gets a script onto the page (an XSS bug, a compromised
third-party script) can read it and send it away, then use the session from anywhere until it
expires. \`HttpOnly\` does not stop XSS, but it keeps the credential itself out of the attacker's
hands.`,
  decides: `Parapet reads every \`Set-Cookie\` header the scan received and reports a cookie that authenticates
(a session name with an unguessable value, or a signed token such as a JWT: *firm*; an unknown name
with a random-looking value: *tentative*) when it has no \`HttpOnly\` attribute.

Not reported: anti-CSRF cookies such as \`XSRF-TOKEN\` or \`csrftoken\` (double-submit schemes need
scripts to read them), analytics, consent, load-balancer and preference cookies, short or plain
values, and headers that delete a cookie. One finding per URL pattern names every flagged cookie
that response set.`,
  fix: {
    generic: `Add \`HttpOnly\` to every session and credential cookie. If front-end code reads a token from a cookie
to put it in a header, keep the session in an HttpOnly cookie and give scripts a separate anti-CSRF
token instead (or keep the token in memory, not in a cookie).`,
    flask: `Flask marks its session cookie HttpOnly unless told otherwise; remove any override, and mark
Flask-Login's remember-me cookie the same way:

\`\`\`python fix=flask
app.config.update(SESSION_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_HTTPONLY=True)
\`\`\`

Cookies you set yourself take the flags per call:

\`\`\`python
response.set_cookie("token", value, httponly=True, secure=True, samesite="Lax")
\`\`\``,
    express: `\`\`\`js
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));
res.cookie('token', value, { httpOnly: true, secure: true, sameSite: 'lax' });
\`\`\``,
    django: `\`\`\`python
SESSION_COOKIE_HTTPONLY = True  # the default
\`\`\``,
    fastapi: `Starlette's \`SessionMiddleware\` already sets HttpOnly; for cookies you set yourself:

\`\`\`python
response.set_cookie("token", value, httponly=True, secure=True, samesite="lax")
\`\`\``,
    rails: `Rails session and \`cookies.signed\`/\`cookies.encrypted\` cookies can be HttpOnly:

\`\`\`ruby
Rails.application.config.session_store :cookie_store, key: "_app_session", httponly: true
cookies.encrypted[:remember] = { value: token, httponly: true, secure: true, same_site: :lax }
\`\`\``,
    spring: `\`\`\`properties
server.servlet.session.cookie.http-only=true
\`\`\``,
    aspnet: `\`\`\`csharp
builder.Services.ConfigureApplicationCookie(o => o.Cookie.HttpOnly = true);
builder.Services.AddSession(o => o.Cookie.HttpOnly = true);
\`\`\``,
    go: `\`\`\`go
http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode})
\`\`\``,
    laravel: `In \`config/session.php\`:

\`\`\`php
'http_only' => true,
\`\`\``,
    nginx: `\`\`\`nginx
location / {
    proxy_pass http://app;
    proxy_cookie_flags ~ httponly;
}
\`\`\``,
    apache: `\`\`\`apache
Header always edit Set-Cookie "(?i)^((?!.*;\\s*httponly(;|$)).*)$" "$1; HttpOnly"
\`\`\``,
  },
  authContexts: {
    jwt: {
      text: `A JWT in a cookie without \`HttpOnly\` is as exposed as one in \`localStorage\`: any XSS reads it, and a JWT
usually cannot be revoked before it expires, so a stolen one works for its whole lifetime. If the front
end needs claims from the token (the user's name, their roles), send them in a separate, non-secret
cookie or from an endpoint, and keep the token itself \`HttpOnly\`.`,
      faq: [
        {
          q: 'The front end needs to read the JWT. What then?',
          a: `It needs the claims, not the signature. Return the claims from an endpoint such as \`/api/me\`, or
set them in a second cookie that is not a credential, and keep the token \`HttpOnly\`; the browser still
sends it with every request.`,
        },
      ],
    },

    'cookie-session': {
      text: `A session cookie without \`HttpOnly\` can be read by any script on the page, so one XSS hands the session
to the attacker, who then uses it from their own machine until it expires. With \`HttpOnly\` an injected
script can still act inside the page, but it cannot carry the session away. No front-end code needs to
read a session id; if yours does, that is the thing to change.`,
    },
  },

  limitations: `Cookies are judged by name and value, not by how the server uses them; a cookie that scripts are
meant to read but that looks like a session (an unusual name with a random value) can be reported
as tentative. Cookies set by scripts are not seen (they cannot be HttpOnly anyway).`,
  references: [
    {
      title: 'MDN: Set-Cookie, HttpOnly',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#httponly',
    },
    {
      title: 'OWASP Session Management Cheat Sheet: HttpOnly attribute',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
    },
    {
      title: "CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag",
      url: 'https://cwe.mitre.org/data/definitions/1004.html',
    },
  ],
  asvs: ['3.3.4'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
