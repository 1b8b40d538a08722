import { FLASK_API_KEY_STORE, flaskApiKeyHook } from '../shared/flask-api-key.js';
import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Authentication bypass by HTTP method',
  summary:
    'The authentication check looks at the HTTP method: GET is refused without credentials, but HEAD, OPTIONS or a GET with a method-override header reaches the handler anyway.',
  meaning: `Frameworks route one request to one handler, but authentication code sometimes decides on its own
what the request is. A hook written as "if the method is GET, check the key" lets every other method through;
one written as "skip OPTIONS so CORS preflights work" lets OPTIONS through; one that trusts
\`X-HTTP-Method-Override\` (to help clients that cannot send PUT) can be told that a GET is something else.
Meanwhile the router does what it always does:

- **HEAD** is defined as a GET without the body (RFC 9110). Flask/Werkzeug, Express, Rails, Laravel and Go's
  \`ServeMux\` answer HEAD by running the GET handler and dropping the body. A 2xx to HEAD therefore means the
  handler ran for a caller without credentials: its queries and side effects happened, its \`Content-Length\`
  tells the size of the hidden answer, and anything the handler does besides answering (counting, exporting,
  marking as read, sending mail) is reachable.
- **OPTIONS** usually gets a framework's automatic answer, but a catch-all handler (\`app.all\`, \`app.use\`, a
  view that ignores the method) serves its data to OPTIONS too.
- **Method override** headers make the authentication code and the router disagree about the method: if the
  check reads the overridden method and the router the real one (or the reverse), a GET passes as a HEAD or
  an OPTIONS and returns the full body.

Whatever the detail, the lesson is the same: authentication must not depend on the method.`,
  decides: `Parapet needs GET requests that were refused without credentials (a 401, or a 403 that says why). Without
credentials they come from discovery; with credentials, Parapet asks up to three authenticated data endpoints
again without them. On up to three refused endpoints it sends, all without credentials:

- **HEAD**: a 2xx with a \`Content-Length\` above zero is reported, *firm*. Parapet cannot see the body of a
  HEAD answer, so the proof is the status: the server said the GET would succeed. To rule out a front server
  that answers every HEAD itself, it also sends HEAD for a URL that cannot exist; when that answer is 2xx with
  the same length, the HEAD results are not reported.
- **OPTIONS**: a 2xx whose body is data (JSON that is more than a status or error envelope, XML, CSV) is
  reported, *firm*. An empty answer with \`Allow\`, a CORS preflight answer, or a body that only describes the
  endpoint (name, description, accepted and rendered media types, allowed methods) is not.
- **GET with \`X-HTTP-Method-Override\`, \`X-HTTP-Method\` and \`X-Method-Override\`** set to \`HEAD\`, then to
  \`OPTIONS\`: a 2xx with data is reported, *confirmed* (the same GET without the headers was refused).

With \`--active\`, Parapet also tries to carry a **write** past the check. On up to two URLs that serve a JSON
object it sends, without credentials, \`PATCH\` with the body \`{}\` (a write that changes nothing). When
that is refused — for want of credentials, or with 405 because something in front blocks the method — it
sends the same empty body as \`POST\` with the three override headers set to \`PATCH\`, and then a plain
\`POST\`. A 2xx to the overridden POST while the plain POST is refused is **confirmed** (subject
\`X-HTTP-Method-Override: PATCH\`): the router ran the PATCH handler for a caller the check meant to stop.
When the plain POST is accepted too, nothing is reported (POST itself is open, which is not an override
problem). Only PATCH is ever named in a write override — never PUT (which replaces) or DELETE.

One finding per way past the check, covering every endpoint it opened (one hook usually guards them all).
Without \`--active\` only GET, HEAD and OPTIONS are sent, and the override headers only ever name HEAD or
OPTIONS.`,
  fix: {
    generic: `Authenticate every request the same way, whatever its method, before routing decides anything.
Do not write \`if method == GET\` (or \`!= OPTIONS\`) in authentication code:

- Let a CORS layer placed *before* authentication answer preflights (it ends them with 204 and no data),
  instead of skipping authentication for OPTIONS.
- Turn method-override support off unless a client really needs it. If you keep it, apply it before
  authentication so both see the same method, and accept it only on POST.
- Add a test that sends HEAD and OPTIONS without credentials to a guarded route and expects 401.`,
    flask: `Never condition the check on \`request.method\`: Flask answers HEAD with the GET view and
OPTIONS on its own, so a hook that only checks GET lets both through. Check every method:

${flaskApiKeyHook(`every method: no "if request.method == 'GET'"`)}

${FLASK_API_KEY_STORE}

With flask-cors, initialise \`CORS(app, ...)\` so that it answers preflights; do not skip the key check
for OPTIONS yourself.`,
    express: `Mount the check with \`app.use\` (every method) and let the \`cors\` middleware, mounted before it,
answer preflights:

\`\`\`js
app.use(cors({ origin: ['https://app.example.com'] })); // ends OPTIONS preflights with 204
app.use('/api', requireApiKey);                          // HEAD, OPTIONS, GET… all checked
// not: app.use((req, res, next) => (req.method === 'OPTIONS' ? next() : requireApiKey(req, res, next)))
\`\`\`

If you use the \`method-override\` package, mount it before \`requireApiKey\` and keep its default of
overriding POST only.`,
    django: `Django REST framework runs authentication and permissions for every method. The bug lives in custom
permission classes that test one method:

\`\`\`python
class IsKeyHolder(BasePermission):
    def has_permission(self, request, view):
        # not: if request.method == "GET": return request.user.is_authenticated ... return True
        return bool(request.user and request.user.is_authenticated)
\`\`\``,
    fastapi: `Router dependencies run for every method of a route. If you wrote an authentication middleware, do not
branch on \`request.method\`; add \`CORSMiddleware\` so it answers preflights before your check runs:

\`\`\`python
app.add_middleware(AuthMiddleware)
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])  # added last, runs first
\`\`\``,
    rails: `\`before_action\` callbacks run for every method of the action; the bug lives in Rack middleware or
callbacks that test \`request.get?\`. Let \`rack-cors\` (inserted at position 0) answer preflights:

\`\`\`ruby
before_action :authenticate_api_key!   # not: before_action :authenticate_api_key!, if: -> { request.get? }
\`\`\``,
    spring: `Do not scope the authentication rule to a method and permit the rest:

\`\`\`java
http.authorizeHttpRequests(auth -> auth
        .requestMatchers("/api/**").authenticated()   // every method
        .anyRequest().denyAll());
// not: .requestMatchers(HttpMethod.GET, "/api/**").authenticated().anyRequest().permitAll()
\`\`\`

Enable CORS with \`http.cors(...)\` so preflights are answered by the CORS filter, not let through.`,
    aspnet: `Apply authorization with a fallback policy or \`[Authorize]\` on the controller, never in code that
inspects \`HttpContext.Request.Method\`; call \`app.UseCors()\` before \`app.UseAuthentication()\` so preflights are
answered there. \`UseHttpMethodOverride()\` only honours POST; leave it out unless a client needs it.

\`\`\`csharp
app.UseCors("app");
app.UseAuthentication();
app.UseAuthorization();
\`\`\``,
    go: `Wrap handlers with the check regardless of method; patterns such as \`"GET /api/orders"\` also match HEAD:

\`\`\`go
func requireAPIKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// not: if r.Method == http.MethodGet { ... }
		if _, ok := keys.Verify(r.Header.Get("X-API-Key")); !ok {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
\`\`\``,
    laravel: `Route middleware runs for every method a route answers (\`Route::get\` answers HEAD too). Do not test
\`$request->isMethod('get')\` inside the authentication middleware; let Laravel's \`HandleCors\` middleware answer
preflights.`,
  },
  authContexts: {
    'api-keys': {
      text: `The hook that checks the key must run for every method. Frameworks answer HEAD with the GET handler and
OPTIONS on their own, so a check written as "if the method is GET" lets HEAD read the same resource's
headers and status, and OPTIONS or a method-override header (\`X-HTTP-Method-Override\`) reach handlers
unchecked. Check first, then route.`,
    },

    hmac: {
      text: `Include the HTTP method in the signed string. If it is left out, a signature captured from a harmless
request is valid for the same path with another method: a signed GET replayed as DELETE. Also sign the
effective method when you honour override headers, or stop honouring them.`,
      faq: [
        {
          q: 'What belongs in the signed string?',
          a: `At least the method, the path, the sorted query, a hash of the body, a timestamp and the key id,
joined in a fixed order. Anything left out can be changed by whoever relays the request without
breaking the signature.`,
        },
      ],
    },

    jwt: {
      text: `Token verification must not depend on the method: a middleware that verifies only for GET and POST lets
HEAD, OPTIONS or an override header through. Put verification before routing, and let CORS preflights
through only as preflights (an \`OPTIONS\` with \`Access-Control-Request-Method\`), answered without data.`,
    },

    'cookie-session': {
      text: `Session checks tied to a method (\`if request.method == "POST"\`) or to a router that maps only some verbs
leave the others unguarded. Frameworks route HEAD to GET handlers, so check the session before routing,
for every method.`,
    },
  },

  limitations: `The HEAD finding is inferred from the status: Parapet does not see the body, and a server that
answers HEAD for some routes without running their handlers (a cache in front, say) would look the same; the
not-found baseline catches only servers that do it for every path. Parapet probes at most three refused
endpoints and two override values. Writes are tried only with \`--active\`, only as an empty PATCH on two
JSON URLs; a route that takes only PUT, or a write guarded differently from its GET, is not examined, and
DELETE is never sent.`,
  references: [
    {
      title: 'CWE-650: Trusting HTTP Permission Methods on the Server Side',
      url: 'https://cwe.mitre.org/data/definitions/650.html',
    },
    { title: 'RFC 9110: HEAD', url: 'https://www.rfc-editor.org/rfc/rfc9110#name-head' },
    {
      title: 'OWASP WSTG: Test HTTP Methods',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/06-Test_HTTP_Methods',
    },
    {
      title: 'OWASP API Security Top 10 (2023): API2 Broken Authentication',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/',
    },
  ],
  asvs: ['6.3.4', '4.1.4', '8.2.1'],
  pciDss: ['6.2.4', '8.3.1'],
  soc2: ['CC6.1'],
};

export default doc;
