import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Exposed admin function',
  summary:
    'An administrative function (a user list, an admin API or page, an operator endpoint) answers callers who are not administrators: anyone who guesses the path gets what only operators should see or do.',
  meaning: `Function-level authorization asks "may *this* caller use *this* function at all?", separately from
"may this caller see this object?". Administrative functions are the usual gap: they sit on predictable paths
(\`/admin\`, \`/api/v1/admin/users\`, \`/internal\`, \`/manage\`), they are built later than the user-facing API
and by different people, and they are often protected only by not being linked from the user interface. An
attacker does not need a link; they try the obvious paths, or read them from the client code.

What an exposed administrative function gives away depends on what it does: listing every user with their
e-mail addresses and roles, changing settings and feature flags, impersonating users, or, for operator
endpoints, the process's configuration and memory (Spring Boot actuator's \`env\` and \`heapdump\`, Go's
\`/debug/vars\` and \`/debug/pprof\`). Read-only functions leak data; write functions let the attacker take
over the service.`,
  decides: `Parapet asks, with GET only, for a short list of administrative URLs: the administrative URLs discovery
saw (a path segment such as \`admin\`, \`manage\`, \`internal\`, \`backoffice\`), then \`/admin\`, \`/admin/users\`
and \`/users\` under each of the API's own prefixes seen in discovery (\`/api/v1\`, \`/v2\`), and \`/admin\`,
\`/admin/users\`, \`/manage\`, \`/internal\`, \`/actuator\` and \`/debug/vars\` at the root; at most fourteen URLs.

When the scan has an API description (OpenAPI or Swagger), the GET operations it marks administrative are
asked for too (at most eight more): a tag \`admin\`, \`administration\`, \`internal\` or \`management\`, an
operationId with the word \`admin\`, \`internal\` or \`manage\` (\`adminListUsers\`), or an administrative path
segment. The finding quotes the operation (\`GET /internal/users (tag admin)\`), and for these any data counts,
not only a listing of several users. Operations the description declares public (\`security: []\`) are left out.

Each is asked for without credentials. It is reported, *firm*, when it answers 2xx with:

- data (JSON that is more than a status or error envelope, XML or CSV);
- an administration page: an HTML page that calls itself an admin area or dashboard and has no password field;
- for \`/actuator\`: links to endpoints beyond \`health\` and \`info\` (\`env\`, \`heapdump\`, \`loggers\`…);
- for \`…/users\` outside an admin area: a listing of at least two user objects.

When the scan has credentials and a URL refused the anonymous caller (401, 403 or a redirect), Parapet asks
again with the scan's credentials; a positive answer is reported *tentative*, because Parapet cannot know
whether those credentials belong to an ordinary user or to an administrator. Scan with an ordinary user's
credentials to make this meaningful.

It does **not** report: a login page (a page with a password field), a redirect to one, a 401 or 403; the
target's catch-all answer (a single-page app shell or a JSON "not found" served with 200 for every path, judged
against the scan's own request for a URL that cannot exist); \`/actuator\` showing only \`health\` and \`info\`;
\`/users\` answering a single object (the caller's own profile); status envelopes such as \`{"status": "ok"}\`.`,
  fix: {
    generic: `Give every administrative function an explicit role check on the server, in one place that
cannot be forgotten: a router or path prefix for all admin routes, guarded by authentication *and* a role
(or permission) check, denying by default.

\`\`\`text
for every request under /admin or /api/*/admin:
    caller = authenticate(request)          or reject 401
    if "admin" not in caller.roles:         reject 403
\`\`\`

Keep operator endpoints (actuator, pprof, expvar, metrics) off the public listener altogether: bind them to a
separate port or interface that only your infrastructure reaches. Hiding a path is not protection.`,
    flask: `Guard the admin blueprint as a whole, with authentication and a role check:

\`\`\`python
from flask import Blueprint, abort
from flask_login import current_user, login_required

admin = Blueprint("admin", __name__, url_prefix="/api/v1/admin")


@admin.before_request
@login_required
def require_admin():
    if current_user.role != "admin":
        abort(403)
\`\`\`

With API keys instead of Flask-Login, check \`g.api_key.role\` set by the key check in the same hook.`,
    express: `Put the role check on the admin router:

\`\`\`js
const requireRole = (role) => (req, res, next) =>
  req.user?.roles.includes(role) ? next() : res.status(403).json({ error: 'forbidden' });

app.use('/api/v1/admin', requireApiKey, requireRole('admin'), adminRouter);
\`\`\``,
    django: `Use permission classes on admin views (and keep Django's own admin behind staff accounts, on a
non-default path if you like, but never relying on that):

\`\`\`python
from rest_framework.permissions import IsAdminUser


class UserAdminViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAdminUser]
    queryset = User.objects.all()
\`\`\``,
    fastapi: `Add a role dependency to the admin router:

\`\`\`python
def require_role(role: str):
    async def check(key: ApiKey = Security(require_key)) -> ApiKey:
        if role not in key.roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail="forbidden")
        return key

    return check


admin = APIRouter(prefix="/api/v1/admin", dependencies=[Security(require_role("admin"))])
\`\`\``,
    rails: `Give admin controllers a base class that checks the role (or use Pundit/CanCanCan policies):

\`\`\`ruby
class Admin::BaseController < ApplicationController
  before_action :authenticate_user!
  before_action -> { head :forbidden unless current_user.admin? }
end
\`\`\``,
    spring: `Require the role for the admin paths and keep actuator endpoints limited:

\`\`\`java
http.authorizeHttpRequests(auth -> auth
        .requestMatchers("/api/*/admin/**", "/admin/**").hasRole("ADMIN")
        .requestMatchers("/actuator/health").permitAll()
        .requestMatchers("/actuator/**").hasRole("OPS")
        .anyRequest().authenticated());
\`\`\`

\`\`\`properties
management.endpoints.web.exposure.include=health
management.server.port=9091
\`\`\``,
    aspnet: `Require a policy on the admin group:

\`\`\`csharp
builder.Services.AddAuthorization(o => o.AddPolicy("admin", p => p.RequireRole("admin")));

var admin = app.MapGroup("/api/v1/admin").RequireAuthorization("admin");
admin.MapGet("/users", (AppDb db) => db.Users.ToListAsync());
\`\`\``,
    go: `Wrap the admin mux in a role check, and never serve \`http.DefaultServeMux\` publicly: importing
\`expvar\` or \`net/http/pprof\` registers \`/debug/vars\` and \`/debug/pprof/\` on it.

\`\`\`go
root := http.NewServeMux() // not http.DefaultServeMux
root.Handle("/api/v1/admin/", requireAPIKey(requireRole("admin", adminMux)))

go http.ListenAndServe("127.0.0.1:6060", http.DefaultServeMux) // debug handlers, local only
http.ListenAndServe(":8080", root)
\`\`\``,
    laravel: `Define a gate and require it on the admin route group:

\`\`\`php
// AppServiceProvider::boot()
Gate::define('admin', fn (User $user) => $user->is_admin);

// routes/api.php
Route::middleware(['auth:sanctum', 'can:admin'])->prefix('v1/admin')->group(function () {
    Route::get('/users', [AdminUserController::class, 'index']);
});
\`\`\``,
    nginx: `Keep operator endpoints off the public server while the application is fixed:

\`\`\`nginx
location ~ ^/(actuator|debug|internal)(/|$) {
    allow 10.0.0.0/8;
    deny all;
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `A key identifies a client, so give each key explicit scopes or a role, stored server-side with the key,
and check the scope on every administrative route. Do not issue admin-capable keys to integrations that
do not need them, and keep admin functions on a separate router (or host) that only admin keys reach.`,
    },

    jwt: {
      text: `Roles or scopes in JWT claims are fine when the token is verified (signature, algorithm allowlist,
expiry) and the server checks the claim on every admin route. Never trust a \`role\` claim from a token you
did not verify, and keep access tokens short-lived: a role removed today stays in an issued token until
it expires.`,
      faq: [
        {
          q: 'Can I trust the role claim in the token?',
          a: `Yes, if your server verified the signature with a key it chose and the algorithm it expects, and the
token has not expired. The risk is elsewhere: a role change takes effect only when the token is renewed,
so keep access tokens short-lived and look roles up server-side for the most sensitive operations.`,
        },
      ],
    },

    'cookie-session': {
      text: `Keep the user's role on the server (in the database or the server-side session) and look it up on each
admin request; a role stored in a client-side cookie session is only as safe as the key that signs it.
Guard the admin area as a whole (one router, blueprint or controller base), not view by view.`,
    },
  },

  limitations: `Parapet tries a short list of common paths and the administrative URLs discovery saw; an admin area on
an unusual path is not found. It sends GET only, so write functions (POST to \`/admin/users\`) are not tested.
With credentials it cannot tell an ordinary user from an administrator, hence *tentative*. An administrative
JSON answer that looks like any other data is reported even when it is harmless; judge the excerpt.`,
  references: [
    {
      title: 'OWASP API Security Top 10 (2023): API5 Broken Function Level Authorization',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/',
    },
    { title: 'CWE-285: Improper Authorization', url: 'https://cwe.mitre.org/data/definitions/285.html' },
    {
      title: 'OWASP Authorization Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
    },
    {
      title: 'Spring Boot: exposing actuator endpoints',
      url: 'https://docs.spring.io/spring-boot/reference/actuator/endpoints.html',
    },
  ],
  asvs: ['8.2.1', '8.3.1'],
  pciDss: ['6.2.4', '7.2.1', '7.2.2'],
  soc2: ['CC6.1', 'CC6.3'],
};

export default doc;
