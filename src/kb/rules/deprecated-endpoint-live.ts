import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'An operation the API description marks deprecated, or an older version of the API beside the current one, still answers with data: old code paths stay reachable, usually with weaker checks and nobody watching them.',
  meaning: `APIs change by adding a new version and retiring the old one. The retiring is the part that gets
forgotten: \`/v1\` keeps running next to \`/v2\`, and an operation flagged \`deprecated: true\` in the
OpenAPI document keeps serving real data months after its replacement shipped.

Those leftovers are where attackers look first. A fix for an authorization bug, a new rate limit, a
filter that hides a sensitive field: each is usually made in the current version only. The old route
still runs the old code, often with its old dependencies, and nobody reviews its logs because "it
is not used any more". OWASP lists this as API9:2023, *Improper Inventory Management*: you cannot
protect endpoints you have lost track of, and an attacker needs only one of them.`,
  decides: `Two ways, each needing the response to **carry data**: a 2xx status with a non-empty body that is
not the target's answer to a URL that cannot exist (Parapet compares it with its not-found probe,
so catch-all pages and single-page-app fallbacks do not count), and, for JSON, not an empty value
(\`{}\`, \`[]\`, \`null\`) nor a bare error or status envelope (\`{"error": …}\`, \`{"status": "ok"}\`,
RFC 9457 problem details).

1. **Deprecated operations.** Every operation the spec (given with \`--spec\`, or found published)
   marks \`deprecated: true\` is judged on the response Parapet's own run of the spec got; GET and
   HEAD operations the run did not send are fetched here (at most ten). An operation that answers
   404 or 410, redirects elsewhere, or asks for credentials is quiet: it is retired or closed.
   Operations that need \`--active\` are not sent in safe mode, and a note says so.
2. **Older version prefixes.** From every response that carried data under a version segment
   (\`/api/v2/users\`), Parapet takes the newest version per prefix and replays up to two of its
   paths under the three versions below it (\`/api/v1/users\`, \`/api/v0/users\`). An older
   version the spec documents is a current one and is not probed. When an older path answers with
   data, one more request under a version that cannot exist (\`/api/v99/users\`) makes sure the
   router does not simply ignore the segment; if that one answers alike, nothing is reported for
   the prefix and a note says why.

One finding per deprecated operation (its path template when it has path parameters) and one per
older version prefix. Severity medium; confidence firm (the spec's flag or the version ladder, plus a
response with data). The response's \`Deprecation\` and \`Sunset\` headers are quoted when present:
announcing a retirement is good practice, but the data is still served.`,
  fix: {
    generic: `Keep an inventory of every version and operation you run, and retire them for real:

1. Announce the end: send \`Deprecation\` (RFC 9745) and \`Sunset\` (RFC 8594) headers on the old routes
   and tell the API's consumers the date.
2. On that date, remove the routes from the application (not only from the documentation), or make
   them answer \`410 Gone\`.
3. Until then, keep old versions behind the same authentication, authorization, rate limits and
   monitoring as the current one — usually by routing both through the same middleware.
4. Remove the operation from the OpenAPI document once it is gone, so that documentation and
   deployment agree.`,
    flask: `Register old versions as their own blueprint, so that one line retires them all; until the sunset
date, mark them in every response:

\`\`\`python
from flask import Blueprint, abort

v1 = Blueprint("v1", __name__, url_prefix="/api/v1")

@v1.after_request
def announce(response):
    response.headers["Deprecation"] = "@1735689600"          # when it became deprecated
    response.headers["Sunset"] = "Wed, 01 Jul 2026 00:00:00 GMT"
    return response

# After the sunset date: stop registering the blueprint, or answer 410 everywhere under it.
@v1.before_request
def gone():
    abort(410)
\`\`\``,
    express: `Mount each version on its own router; retire one by replacing it with a 410 handler:

\`\`\`js
app.use('/api/v2', v2Router);

// v1 is retired: every path under it is gone, whatever the method.
app.use('/api/v1', (req, res) => res.status(410).json({ error: 'API v1 was retired; use /api/v2' }));
\`\`\``,
    django: `Delete the old version's \`path()\` entries from \`urls.py\`; where clients need a clear answer,
route the whole prefix to a view that returns 410:

\`\`\`python
from django.http import HttpResponseGone
from django.urls import include, path, re_path

urlpatterns = [
    path("api/v2/", include("shop.api.v2.urls")),
    re_path(r"^api/v1/", lambda request, *a, **kw: HttpResponseGone()),
]
\`\`\``,
    fastapi: `\`deprecated=True\` only greys the operation out in the generated docs; the route keeps
working. Remove the route (or the whole router) when it is retired:

\`\`\`python
from fastapi import FastAPI
from .routers import v2

app = FastAPI()
app.include_router(v2.router, prefix="/api/v2")
# app.include_router(v1.router, prefix="/api/v1")   # retired: no longer included
\`\`\``,
    rails: `Drop the old namespace from \`config/routes.rb\`, or answer 410 for everything under it:

\`\`\`ruby
namespace :api do
  namespace :v2 do
    resources :orders
  end
  match "v1/*path", to: proc { [410, { "content-type" => "application/json" }, ['{"error":"gone"}']] },
        via: :all
end
\`\`\``,
    spring: `Remove the old controller (or its \`@RequestMapping\`), or close the prefix in Spring Security so
nothing under it is served:

\`\`\`java
http.authorizeHttpRequests(auth -> auth
    .requestMatchers("/api/v1/**").denyAll()
    .anyRequest().authenticated());
\`\`\``,
    aspnet: `With Asp.Versioning, \`Deprecated = true\` only advertises the version as deprecated; remove the
version's controllers (or its \`[ApiVersion]\`) when it is retired, and announce it beforehand:

\`\`\`csharp
builder.Services.AddApiVersioning(o =>
{
    o.ReportApiVersions = true;   // api-deprecated-versions header
    o.Policies.Sunset(1.0).Effective(2026, 7, 1);
});

[ApiVersion("2.0")]               // 1.0 removed from the controller: its routes no longer match
[Route("api/v{version:apiVersion}/orders")]
public class OrdersController : ControllerBase { /* … */ }
\`\`\``,
    go: `Register versions on separate sub-routers and drop the old one; until then answer 410:

\`\`\`go
mux := http.NewServeMux()
mux.Handle("/api/v2/", v2Handler)
mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
    http.Error(w, "API v1 was retired; use /api/v2", http.StatusGone)
})
\`\`\``,
    laravel: `Remove the old group from \`routes/api.php\`, or answer 410 for the whole prefix:

\`\`\`php
Route::prefix('v2')->group(base_path('routes/api_v2.php'));

Route::any('v1/{any}', fn () => response()->json(['error' => 'gone'], 410))
    ->where('any', '.*');
\`\`\``,
    nginx: `Retire a version at the proxy, whatever the application still contains:

\`\`\`nginx
location /api/v1/ {
    return 410;
}
\`\`\``,
    apache: `\`\`\`apache
# mod_alias: every URL under /api/v1/ answers 410 Gone
RedirectMatch gone ^/api/v1/
\`\`\``,
  },
  limitations: `Only version segments of the form \`v\` plus one or two digits are recognised (\`/v2\`, \`/api/V3\`);
dates (\`/2024-01-01/\`), query parameters (\`?api-version=1.0\`) and header-based versioning are not
probed. Older versions are looked for only under prefixes where the current version served data in
this scan. Deprecated operations that need \`--active\` (POST, PUT, PATCH) are not sent in safe mode, and
DELETE operations never are. A deprecated operation that needs credentials Parapet was not given is
quiet. Whether an old version is dangerous depends on what it runs; this finding says only that it
is reachable and serves data.`,
  references: [
    {
      title: 'OWASP API Security Top 10 2023: API9 Improper Inventory Management',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/',
    },
    {
      title: 'RFC 9745: The Deprecation HTTP Response Header Field',
      url: 'https://www.rfc-editor.org/rfc/rfc9745',
    },
    { title: 'RFC 8594: The Sunset HTTP Header Field', url: 'https://www.rfc-editor.org/rfc/rfc8594' },
    {
      title: 'OpenAPI Specification 3.1: Operation Object (deprecated)',
      url: 'https://spec.openapis.org/oas/v3.1.0#operation-object',
    },
  ],
  asvs: ['15.2.3'],
  pciDss: ['2.2.4'],
  soc2: ['CC8.1'],
};

export default doc;
