import { APACHE_ORIGIN_MATCH, CORS_REFERENCES, NGINX_ORIGIN_MAP } from '../shared/cors.js';
import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'CORS wildcard with credentials',
  summary:
    'The CORS configuration trusts the `null` origin, or pairs `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true`: an allow-list that trusts origins no one owns, or a server that means to share credentialed responses with every site.',
  meaning: `Two CORS mistakes that often come from "make the browser error go away" edits:

- **\`null\` allowed.** Browsers send \`Origin: null\` from opaque origins: sandboxed iframes, \`data:\` URLs,
  local files and some redirects. Any attacker can produce it by putting a script in
  \`<iframe sandbox="allow-scripts" srcdoc="…">\`. When the server answers \`Access-Control-Allow-Origin: null\`
  *with* \`Access-Control-Allow-Credentials: true\`, that script reads the visitor's authenticated responses
  exactly as with a reflected origin. Without credentials it reads only what anonymous visitors get.
- **\`*\` with credentials.** Browsers refuse to expose a credentialed response when the allowed origin is \`*\`,
  so this pair leaks nothing by itself, and for requests without credentials \`*\` already allows every site.
  It is reported because it states an intent (every site, with cookies) that the browser is only blocking
  for now: the usual next "fix" is to echo the Origin header, which turns it into \`cors-reflected-origin\`.`,
  decides: `On the endpoints the \`cors\` check probes (the start URL and up to two API responses), Parapet sends a \`GET\`
with \`Origin: null\`, besides the attacker-origin \`GET\` and preflight described under \`cors-reflected-origin\`.
It reports, once per URL pattern and with *confirmed* confidence (the response is the proof):

- \`Access-Control-Allow-Origin: null\` in answer to \`Origin: null\` with \`Access-Control-Allow-Credentials: true\`:
  **high**, as exploitable as a reflected origin;
- the same without credentials: **low**, since it reaches no more than \`*\` does, but the allow-list trusts an
  origin that anyone can claim;
- \`Access-Control-Allow-Origin: *\` with \`Access-Control-Allow-Credentials: true\` on any of the probes: **low**,
  since browsers refuse the pair and nothing can be read through it today.

It does **not** report \`*\` without credentials (a public API may allow every site), a fixed allow-listed origin,
or a \`null\` answer on a server that echoes every origin (that is reported once, as \`cors-reflected-origin\`).
A preflight counts only when its status is 2xx.`,
  fix: {
    generic: `Remove \`null\` from the allowed origins; allow only full \`https://\` origins you own. Decide whether
cross-origin callers need cookies: if not, send \`Access-Control-Allow-Origin: *\` and no
\`Access-Control-Allow-Credentials\`; if they do, send back the request's origin only when it is on a fixed list,
with \`Vary: Origin\`.

\`\`\`text
allowed = {"https://app.example.com"}          # never "null", never "*"
if request.Origin in allowed:
    Access-Control-Allow-Origin: <request.Origin>
    Access-Control-Allow-Credentials: true
Vary: Origin
\`\`\``,
    flask: `Do not list \`"null"\` in flask-cors \`origins\`, and give it an explicit list when \`supports_credentials\` is on:

\`\`\`python
CORS(app, origins=["https://app.example.com"], supports_credentials=True)
\`\`\`

For a public API without cookies: \`CORS(app, origins="*", send_wildcard=True)\` and no \`supports_credentials\`.`,
    express: `The \`cors\` package sends \`*\` and \`Access-Control-Allow-Credentials: true\` together when given
\`origin: '*'\` and \`credentials: true\`. Pick one:

\`\`\`js
// public API, no cookies
app.use(cors({ origin: '*' }));
// browser app on another origin, with cookies
app.use(cors({ origin: ['https://app.example.com'], credentials: true }));
\`\`\`

Never put \`'null'\` in the list.`,
    django: `With django-cors-headers, do not add \`"null"\` to \`CORS_ALLOWED_ORIGINS\` (or a regex that matches it):

\`\`\`python
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True
\`\`\``,
    fastapi: `Keep \`"null"\` out of \`allow_origins\`; with \`allow_credentials=True\`, list real origins:

\`\`\`python
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com"],
    allow_credentials=True,
)
\`\`\``,
    rails: `In rack-cors, list real origins only (no \`"null"\`, no \`"*"\` with \`credentials: true\`):

\`\`\`ruby
allow do
  origins "https://app.example.com"
  resource "/api/*", headers: :any, methods: :any, credentials: true
end
\`\`\``,
    spring: `Remove \`"null"\` from \`allowedOrigins\`; with \`allowCredentials(true)\` use exact origins:

\`\`\`java
config.setAllowedOrigins(List.of("https://app.example.com"));
config.setAllowCredentials(true);
\`\`\``,
    aspnet: `Use \`WithOrigins\` with real origins; never allow \`"null"\` and never hand-write \`*\` next to credentials:

\`\`\`csharp
policy.WithOrigins("https://app.example.com").AllowCredentials();
\`\`\``,
    go: `If the headers are written by hand, drop the literal \`*\` and the \`null\` case and compare with a fixed set:

\`\`\`go
if origin := r.Header.Get("Origin"); origin != "null" && allowedOrigins[origin] {
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Set("Access-Control-Allow-Credentials", "true")
}
w.Header().Add("Vary", "Origin")
\`\`\``,
    laravel: `In \`config/cors.php\`, list real origins and keep \`'null'\` out of \`allowed_origins\` and its patterns:

\`\`\`php
'allowed_origins' => ['https://app.example.com'],
'supports_credentials' => true,
\`\`\``,
    nginx: `Replace a fixed \`add_header Access-Control-Allow-Origin *\` next to \`Access-Control-Allow-Credentials true\`
with a map of allowed origins (\`null\` is not one of them):

\`\`\`nginx
${NGINX_ORIGIN_MAP}
add_header Access-Control-Allow-Origin $cors_origin always;
add_header Access-Control-Allow-Credentials "true" always;
add_header Vary Origin always;
\`\`\``,
    apache: `Replace \`Header set Access-Control-Allow-Origin "*"\` (or a rule that accepts \`null\`) with an anchored match:

${APACHE_ORIGIN_MATCH}`,
    caddy: `Send the credentials header only with a matched, real origin:

\`\`\`caddyfile
@allowed header Origin https://app.example.com
header @allowed Access-Control-Allow-Origin "{http.request.header.Origin}"
header @allowed Access-Control-Allow-Credentials true
header Vary Origin
\`\`\``,
  },
  authContexts: {
    jwt: {
      text: `With the token in the \`Authorization\` header, credentialed CORS is not needed at all: the front end adds
the header itself. Drop \`Access-Control-Allow-Credentials\`, and never list \`null\`; if a refresh token
lives in a cookie, allow only your own front-end origin on the refresh endpoint.`,
    },

    'cookie-session': {
      text: `Allowing the \`null\` origin with credentials lets any site read your API as the signed-in user: a
sandboxed iframe or a \`data:\` document sends \`Origin: null\`, and the browser then attaches the session
cookie and hands over the answer. \`*\` with \`Allow-Credentials: true\` is refused by browsers, which breaks
your own front end rather than exposing data, but it usually sits next to code that echoes the origin
instead. List your front-end origins explicitly.`,
    },
  },

  limitations: `Only the probed endpoints are judged. Parapet cannot tell whether a credentialed response behind
\`Origin: null\` holds anything sensitive; the severity assumes it may. The \`*\`-with-credentials case is reported
low on purpose: today's browsers block it, so it is a warning about intent, not a working leak.`,
  references: [
    { title: 'Fetch Standard: CORS check', url: 'https://fetch.spec.whatwg.org/#cors-check' },
    {
      title: 'MDN: Access-Control-Allow-Credentials',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Access-Control-Allow-Credentials',
    },
    ...CORS_REFERENCES,
  ],
  asvs: ['3.4.2'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
