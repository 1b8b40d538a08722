import { APACHE_ORIGIN_MATCH, CORS_REFERENCES, NGINX_ORIGIN_MAP } from '../shared/cors.js';
import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'CORS origin reflection',
  summary:
    'The server grants cross-origin read access to an origin it cannot know: any web page a user visits can call this endpoint from their browser and read the answer, with their cookies when credentials are allowed too.',
  meaning: `Browsers keep one site from reading another site's responses unless the second site opts in with
CORS headers. \`Access-Control-Allow-Origin\` names the one origin allowed to read, and
\`Access-Control-Allow-Credentials: true\` says that reading is allowed even when the browser attached the
user's cookies or HTTP authentication.

A server that copies the request's \`Origin\` header into \`Access-Control-Allow-Origin\` (or checks it with a
loose prefix, suffix or unanchored regular expression) opts in for every site. An attacker puts a script on a
page they control, lures a logged-in user there, and the script calls the API with \`credentials: "include"\`:
the browser sends the session cookie, the server allows the attacker's origin, and the script reads profile
data, tokens or anything else the user can see. With a preflight that is allowed the same way, the script can
also send \`PUT\`/\`DELETE\` requests with custom headers, which a plain CSRF attack cannot.

Without \`Allow-Credentials\` the browser sends no cookies, so the attacker only reads what an anonymous
visitor gets; that still matters for content reachable only from the user's network (an intranet, a VPN,
a service bound to localhost).`,
  decides: `Parapet picks the start URL and up to two API (JSON) responses with distinct URL patterns, preferring
responses that already carry CORS headers and, when credentials were given, responses that look per-user
(\`Vary: Cookie\`/\`Authorization\`, \`Cache-Control: private\`). For each it sends, with the scan's
credentials:

- a \`GET\` with \`Origin: https://<random>.parapet-attacker.test\` (a new random name for every scan);
- a preflight \`OPTIONS\` from the same origin asking for \`PUT\` with \`Authorization\` and \`Content-Type\`.

When no URL echoed that origin, one URL is tried again with origins that only *start with* the target's host
name (\`https://<host>.<random>.parapet-attacker.test\`) and, for host names, that only *end with* its
domain (\`https://<random>example.com\`, a name anyone can register).

It reports when \`Access-Control-Allow-Origin\` is exactly the origin it sent, as a browser requires: **high**
when \`Access-Control-Allow-Credentials\` is exactly \`true\`, **medium** otherwise. A preflight counts only
when its status is 2xx (browsers reject any other). Confidence is *confirmed*: the response is the proof.
One finding per URL pattern.

It does **not** report: no \`Access-Control-Allow-Origin\`; a fixed allow-listed origin that is not Parapet's;
\`*\` (see \`cors-wildcard-credentials\` for \`*\` with credentials); a header with several values or any other
value a browser refuses; a preflight that fails. An echoed \`Origin: null\` on a server that does not echo other
origins is \`cors-wildcard-credentials\`.`,
  fix: {
    generic: `Compare the \`Origin\` header with a fixed list of full origins (scheme, host and port) and only then send it
back, together with \`Vary: Origin\` so caches keep answers apart. Send \`Access-Control-Allow-Credentials: true\`
only if a browser app on another origin really needs cookies. Never derive the list from the request
(no echo, no \`startsWith\`/\`endsWith\`/\`includes\`, no unanchored regular expressions).

\`\`\`text
allowed = {"https://app.example.com", "https://admin.example.com"}
if request.Origin in allowed:
    Access-Control-Allow-Origin: <request.Origin>
    Access-Control-Allow-Credentials: true      # only if needed
Vary: Origin
\`\`\`

If the API is public and needs no cookies, \`Access-Control-Allow-Origin: *\` without credentials is fine.`,
    flask: `Use flask-cors with explicit origins. Its default \`origins\` is \`*\`, which it answers by echoing the
caller's origin, so always set the list; strings that look like regular expressions are matched from the
start only, so anchor them with \`$\` or avoid them.

\`\`\`python
from flask_cors import CORS

CORS(
    app,
    resources={r"/api/*": {"origins": ["https://app.example.com"]}},
    supports_credentials=True,  # only if the browser app sends cookies
)
\`\`\`

A hand-written hook must check the origin before echoing it:

\`\`\`python fix=flask
ALLOWED_ORIGINS = {"https://app.example.com"}

@app.after_request
def cors(response):
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
    response.vary.add("Origin")
    return response
\`\`\``,
    express: `With the \`cors\` package, pass a list; \`origin: true\` and a callback that always allows echo every origin.

\`\`\`js
import cors from 'cors';

app.use(cors({
  origin: ['https://app.example.com'],
  credentials: true, // only if the browser app sends cookies
}));
\`\`\``,
    django: `With django-cors-headers, list the origins. \`CORS_ALLOW_ALL_ORIGINS = True\` together with
\`CORS_ALLOW_CREDENTIALS = True\` echoes any origin; regular expressions in \`CORS_ALLOWED_ORIGIN_REGEXES\` must
be anchored with \`^…$\`.

\`\`\`python
# settings.py
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True  # only if needed
# never: CORS_ALLOW_ALL_ORIGINS = True with credentials
\`\`\``,
    fastapi: `Starlette's \`CORSMiddleware\` with \`allow_origins=["*"]\` and \`allow_credentials=True\` echoes the caller's
origin whenever the request carries a cookie. List the origins instead:

\`\`\`python
from fastapi.middleware.cors import CORSMiddleware

app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com"],
    allow_credentials=True,  # only if needed
    allow_methods=["GET", "POST"],
    allow_headers=["Authorization", "Content-Type"],
)
\`\`\``,
    rails: `With rack-cors, name the origins (strings or anchored regular expressions):

\`\`\`ruby
# config/initializers/cors.rb
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins "https://app.example.com"
    resource "/api/*", headers: :any, methods: %i[get post put delete], credentials: true
  end
end
\`\`\``,
    spring: `Configure exact origins. \`setAllowedOriginPatterns("*")\` (or \`@CrossOrigin(originPatterns = "*")\`) with
credentials allows every origin.

\`\`\`java
@Bean
CorsConfigurationSource corsConfigurationSource() {
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOrigins(List.of("https://app.example.com"));
    config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
    config.setAllowCredentials(true); // only if needed
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", config);
    return source;
}
\`\`\``,
    aspnet: `Name the origins in the policy; \`SetIsOriginAllowed(_ => true)\` with \`AllowCredentials()\` allows every origin.

\`\`\`csharp
builder.Services.AddCors(options =>
    options.AddPolicy("app", policy => policy
        .WithOrigins("https://app.example.com")
        .WithMethods("GET", "POST")
        .WithHeaders("Authorization", "Content-Type")
        .AllowCredentials())); // only if needed

app.UseCors("app");
\`\`\``,
    go: `Check the origin against a set before writing the headers:

\`\`\`go
var allowedOrigins = map[string]bool{"https://app.example.com": true}

func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Origin")
		if origin := r.Header.Get("Origin"); allowedOrigins[origin] {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true") // only if needed
		}
		next.ServeHTTP(w, r)
	})
}
\`\`\`

With \`github.com/rs/cors\`, set \`AllowedOrigins\` to the list and leave \`AllowOriginFunc\` unset (or make it
compare exactly).`,
    laravel: `In \`config/cors.php\`, list the origins; \`['*']\` with \`supports_credentials\` echoes every origin, and
\`allowed_origins_patterns\` must be anchored.

\`\`\`php
return [
    'paths' => ['api/*'],
    'allowed_origins' => ['https://app.example.com'],
    'allowed_origins_patterns' => [],
    'allowed_methods' => ['GET', 'POST', 'PUT', 'DELETE'],
    'allowed_headers' => ['Authorization', 'Content-Type'],
    'supports_credentials' => true, // only if needed
];
\`\`\``,
    nginx: `Map allowed origins to themselves and everything else to an empty value (nginx then omits the header):

\`\`\`nginx
${NGINX_ORIGIN_MAP}

server {
    location /api/ {
        add_header Access-Control-Allow-Origin $cors_origin always;
        add_header Access-Control-Allow-Credentials "true" always;
        add_header Vary Origin always;
        proxy_pass http://app;
    }
}
\`\`\`

Remove any \`add_header Access-Control-Allow-Origin $http_origin\` line: that is the echo.`,
    apache: `Set the header only when the origin matches an anchored pattern:

${APACHE_ORIGIN_MATCH}`,
    caddy: `Answer only a matching origin:

\`\`\`caddyfile
example.com {
	@allowed header Origin https://app.example.com
	header @allowed Access-Control-Allow-Origin "{http.request.header.Origin}"
	header @allowed Access-Control-Allow-Credentials true
	header Vary Origin
	reverse_proxy app:8080
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `An API key sent in a header is not attached by the browser, so a reflecting API lets another site read
only what answers **without** the key, or with a key that site already holds. That is still worth fixing:
responses that need no key, APIs that trust the caller's network (an intranet API reachable from the
victim's browser), and front ends that keep the key in a cookie. An API used with keys has no need for
\`Access-Control-Allow-Credentials\`; send a fixed list of origins, or \`*\` without credentials for a truly
public API.`,
    },

    jwt: {
      text: `A bearer token in the \`Authorization\` header is not attached by the browser, so reflection alone lets
another site read only what answers without the token. The exposure is real when the token (or a
refresh token) is kept in a cookie, which credentialed CORS sends, or when the API also honours an
ambient session. Allowlist your front-end origins and drop \`Allow-Credentials\` if no cookie is involved.`,
    },

    'cookie-session': {
      text: `Echoing any \`Origin\` together with \`Access-Control-Allow-Credentials: true\` lets every site your users
visit call your API **with their session cookie and read the answers**: profiles, messages, and the CSRF
tokens of your own forms, which then lets it forge writes too. Replace the echo with an allowlist of
your own front-end origins. A session cookie marked \`SameSite=Lax\` or \`Strict\` is also left off
cross-site \`fetch\` calls in current browsers, which is a second layer, not a fix: sibling subdomains are
the same site.`,
      faq: [
        {
          q: 'Is SameSite=Lax on the session cookie enough against this?',
          a: `It removes the cookie from cross-site \`fetch\` calls in current browsers, so the reflected origin gets
signed-out answers. It does not cover sites on your own domain (another subdomain), older browsers, or
other credentials such as a client certificate. Fix the allowlist.`,
        },
      ],
    },
  },

  limitations: `Parapet probes the start URL and at most two API responses, so an endpoint with its own, looser CORS
configuration elsewhere can be missed. It tries two bypass shapes (prefix and suffix of the host name), not
every way an allow-list can be wrong (for example an unescaped dot, or a trusted subdomain that an attacker
can take over). Some servers echo the origin only when a cookie is present (Starlette with
\`allow_origins=["*"]\`); those are found only when the scan carries a cookie. Whether the data read is
sensitive is for you to judge: a reflected origin on a purely public endpoint without credentials matters
less than the severity suggests.`,
  references: [
    { title: 'Fetch Standard: CORS protocol', url: 'https://fetch.spec.whatwg.org/#http-cors-protocol' },
    {
      title: 'MDN: Access-Control-Allow-Origin',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Access-Control-Allow-Origin',
    },
    ...CORS_REFERENCES,
  ],
  asvs: ['3.4.2'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
