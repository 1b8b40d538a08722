import { FLASK_API_KEY_STORE, flaskApiKeyHook } from '../shared/flask-api-key.js';
import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Missing authentication',
  summary:
    'An endpoint serves its data to callers without credentials while the rest of the API demands them: the check was forgotten on this route, and anyone who finds the URL can read what it returns.',
  meaning: `Authentication that is added route by route fails the same way every time: a new endpoint, an export or
report added in a hurry, a route registered before the middleware, or an allow-list of "public" paths that
grew a little too far. The endpoint works for the people who built it, who always send a key, so nobody notices
that it also works for everyone else.

API paths are not secret. They show up in client code, mobile apps, documentation, browser history and
traffic captures, and attackers enumerate the obvious ones (\`/export\`, \`/reports\`, \`/v1/users\`). An
unauthenticated data endpoint is usually found quickly and then read in bulk; when it returns personal data,
credentials or payment details the severity is **critical**.

Public by design is not the same as missing authentication: a service descriptor at \`/\`, health and version
checks, the OpenAPI document, \`robots.txt\` and static files are meant to be open, and Parapet leaves them
alone unless they leak sensitive fields.`,
  decides: `Parapet compares an endpoint with its **siblings**: the URLs that share its first two path segments
(\`/api/v1/…\`; for shorter paths, the parent).

- **Without credentials**, it reads what discovery fetched. A GET that answered 2xx with data (a JSON
  array with items or an object with a filled field beyond a status/error envelope, XML, or CSV) is
  reported when at least one sibling refused the same anonymous caller: a 401, or a 403 that says why (a
  \`WWW-Authenticate\` challenge, or a body about credentials, keys, tokens or permissions). The finding is
  *tentative* (one signal: the neighbours are guarded), or *firm* when the data carries sensitive fields.
- **With credentials** (a key header, a bearer token, basic credentials or a cookie), it takes up to ten
  authenticated GETs that answered data, sensitive ones first, and asks for each again without credentials.
  An anonymous answer with the same data (at least 80% of its values alike) is reported when a sibling
  refused the anonymous caller (a 403 to the scan's own credentials is about roles and does not count).
  The finding is *firm*: the same data reached a caller without credentials, next to endpoints that demand
  them.
- When an API description marks the operation as secured, the finding is *confirmed* and needs no sibling
  (this part waits for OpenAPI support in the scan).

Severity is **critical** when the open answer carries sensitive fields with values (names like
\`password\`, \`token\`, \`secret\`, \`api_key\`, \`ssn\`, \`email\`, \`phone\`, \`card\`, \`iban\`, \`dob\`),
otherwise **high**.

It does **not** report: the service root (\`/\`) or an API root (\`/api/v1\`) used as a descriptor, health,
status, ping and version checks, the OpenAPI/Swagger document, \`robots.txt\`, \`/.well-known/\` files and static
assets (each unless it carries sensitive fields); an open endpoint with no guarded sibling (a public API); a
sibling refused with a bare 403 that says nothing about credentials (a firewall, a directory ban); an anonymous
answer that differs from the authenticated one (a public subset of the data); an anonymous answer with only empty fields
(\`{"user": null, "authenticated": false}\`); the catch-all answer to unknown URLs.`,
  fix: {
    generic: `Deny by default: put the authentication check in front of *every* route, and list the few public
ones explicitly, rather than adding the check to each route and hoping none is missed.

\`\`\`text
public = {"/", "/health", "/openapi.json"}
for every request:
    if route not in public and not authenticated(request): reject 401
\`\`\`

Add a test that walks the router and asserts that every route except the public list answers 401 without
credentials; it catches the next forgotten route before it ships. If the OpenAPI document declares
\`security\`, the same test can compare the routes with it.`,
    flask: `Check once for every request in \`before_request\`, denying by default: only an explicit set of
public endpoints skips the check, so a route added later is protected without anyone remembering to:

${flaskApiKeyHook()}

${FLASK_API_KEY_STORE}

With Flask-Login, protect blueprints the same way instead of decorating each view:

\`\`\`python
@api.before_request
@login_required
def guard():
    pass
\`\`\``,
    express: `Mount the authentication middleware before the routers, and the public routes before it:

\`\`\`js
app.get('/health', (req, res) => res.json({ status: 'ok' }));
app.use('/api', requireApiKey);   // every method, every route below
app.use('/api', apiRouter);
\`\`\``,
    django: `Make authentication the default and open routes explicitly:

\`\`\`python
# settings.py
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["myapp.auth.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}

# views.py
class HealthView(APIView):
    permission_classes = [AllowAny]
\`\`\`

Look for views that set \`permission_classes = []\` or \`AllowAny\` by copy and paste.`,
    fastapi: `Attach the dependency to the router (or the app), not to individual path operations:

\`\`\`python
api = APIRouter(prefix="/api/v1", dependencies=[Security(require_key)])
app.include_router(api)

@app.get("/health")  # outside the guarded router on purpose
async def health():
    return {"status": "ok"}
\`\`\``,
    rails: `Authenticate in the API base controller and skip it only where intended:

\`\`\`ruby
class Api::BaseController < ActionController::API
  before_action :authenticate_api_key!
end

class Api::HealthController < Api::BaseController
  skip_before_action :authenticate_api_key!, only: :show
end
\`\`\`

Search for other \`skip_before_action :authenticate…\` lines: each one is a public route.`,
    spring: `End the rules with \`anyRequest().authenticated()\` and permit only named paths:

\`\`\`java
http.authorizeHttpRequests(auth -> auth
        .requestMatchers("/health", "/v3/api-docs/**").permitAll()
        .anyRequest().authenticated());
\`\`\``,
    aspnet: `Require authentication by default with a fallback policy, and mark public endpoints:

\`\`\`csharp
builder.Services.AddAuthorization(o =>
    o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
\`\`\``,
    go: `Wrap the whole API mux in the middleware and serve public routes from a separate mux:

\`\`\`go
api := http.NewServeMux()
api.HandleFunc("GET /api/v1/orders", listOrders)
api.HandleFunc("GET /api/v1/export", export)

root := http.NewServeMux()
root.HandleFunc("GET /health", health)
root.Handle("/api/", requireAPIKey(api))
http.ListenAndServe(addr, root)
\`\`\``,
    laravel: `Put the API routes in a group behind the authentication middleware:

\`\`\`php
Route::get('/health', HealthController::class);

Route::middleware('auth:sanctum')->prefix('v1')->group(function () {
    Route::get('/orders', [OrderController::class, 'index']);
    Route::get('/export', ExportController::class);
});
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `With API keys the check usually lives in one hook or middleware, and the misses Parapet finds are the
routes it does not run for: a route added after the check was written, a blueprint or router registered
outside it, or a "public" list matched by prefix (\`/api/v1/export\` slips past \`/api/v1/e…\`). Deny by
default: run the check for every request and let only named endpoints skip it.`,
      faq: [
        {
          q: 'Which endpoints may stay public in an API-key service?',
          a: `Health checks that return no data, the OpenAPI document, and the service descriptor at \`/\`. Parapet
does not report those unless they leak sensitive data. Everything that returns customer data or changes
state needs the key.`,
        },
      ],
    },

    hmac: {
      text: `Verify the signature for every route, including routes added later, in one middleware: recompute the
MAC over the method, path, query, a hash of the body and a timestamp, compare in constant time, and
refuse old timestamps. A route that skips verification accepts requests from anyone, however well the
other routes check.`,
    },

    jwt: {
      text: `Verify the token on every route by default, in one place: the signature, an allowlist of algorithms
(never \`none\`), \`exp\` and \`nbf\`, and the \`aud\` your service expects. The usual miss is a route that never
calls the verifying dependency or decorator, so make verification the default and mark the few public
routes explicitly.`,
    },

    'cookie-session': {
      text: `Per-view decorators (\`@login_required\`, \`[Authorize]\`, \`before_action :authenticate_user!\`) are the
usual miss: one forgotten view serves data to anyone. Apply the requirement to the whole router,
blueprint or controller base class, and opt public pages out by name. A front end that hides a page
from signed-out users does not protect the API call behind it.`,
    },
  },

  limitations: `Parapet cannot know what is meant to be public. An endpoint that is open on purpose (a product catalogue)
next to guarded ones can be reported; suppress it if so. Without credentials it judges only what discovery
reached, and the sibling rule misses an API where *every* endpoint is open, or where the open one sits alone in
its section. With credentials it compares at most ten endpoints. "Sensitive" is judged by field names, so a
sensitive value under an innocent name keeps the severity at high.`,
  references: [
    {
      title: 'CWE-306: Missing Authentication for Critical Function',
      url: 'https://cwe.mitre.org/data/definitions/306.html',
    },
    {
      title: 'OWASP API Security Top 10 (2023): API2 Broken Authentication',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/',
    },
    {
      title: 'OWASP Authorization Cheat Sheet: deny by default',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
    },
    {
      title: 'RFC 9110: 401 Unauthorized',
      url: 'https://www.rfc-editor.org/rfc/rfc9110#name-401-unauthorized',
    },
  ],
  asvs: ['8.2.1', '6.3.4'],
  pciDss: ['6.2.4', '7.2.1', '8.3.1'],
  soc2: ['CC6.1'],
};

export default doc;
