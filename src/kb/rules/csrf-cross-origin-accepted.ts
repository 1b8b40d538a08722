import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'Parapet sent this request the way a page on another website would make a logged-in visitor’s browser send it, and the server carried it out.',
  meaning: `This is cross-site request forgery (CSRF) shown by doing it, not inferred from the form or the API
description. Any web page can make a visitor's browser send a request to your site, and the browser
attaches the visitor's cookies to it. If your server takes that request as the user's own, the page
can move money, change an e-mail address or a password, or post in the user's name, without them
knowing.

The attacker's page cannot read your answers, cannot copy a secret that belongs to the user's session,
and cannot add an \`Authorization\` header or any custom header. What it can send without asking
permission first:

- an HTML form: \`application/x-www-form-urlencoded\`, \`multipart/form-data\` or \`text/plain\`, POST
  only;
- a script's \`fetch()\` with \`credentials: 'include'\`: a POST whose body is any text, sent as
  \`text/plain\` (a string) or with no \`Content-Type\` at all (a \`Blob\`), or with one of the two form
  types.

That is how JSON APIs fall: a page cannot send \`Content-Type: application/json\` without a CORS
preflight, but it can send the very same JSON text as \`text/plain\`. A server that parses the body as
JSON whatever its type (Flask's \`request.get_json(force=True)\`, a parser configured for every type, a
handler that decodes the raw body itself) runs the operation with the cookie's authority. \`PUT\`,
\`PATCH\` and \`DELETE\` always need a preflight, so they can be forged only when the CORS policy answers
it for any origin with credentials.`,
  decides: `This probe is **active**: it runs only with \`--active\` and really sends the requests. It tries two kinds
of target, at most eight of each per scan (one per method and URL pattern): the POST forms discovery
found on the target's origin, and the state-changing operations (POST, PUT, PATCH, DELETE) of the
OpenAPI document, given with \`--spec\` or found published, whose own request (sent by discovery in
active mode with the scan's credentials) succeeded.

**An ambient credential must ride along.** Parapet works out which cookies a browser would attach to
a cross-site request: session and credential cookies the site set with \`SameSite=None\` or no
SameSite, and cookies given with \`--cookie\`. \`SameSite=Lax\` and \`Strict\` cookies stay home, so a form
or operation whose session cookie is Lax or Strict is not tried (a note says so). An API that
authorises requests only by a header (\`X-API-Key\`, a bearer token, a login token) cannot be forged
from another site: Parapet never sends a credential header with a forged request, so such an API is
either not tried or refuses the forgery.

**Forms.** Hidden values that look secret are replaced by the values the page serves to a fresh
visitor (an attacker's own copy): a token bound to the user's session is then wrong, while a token that
is the same for everyone, or accepted from any session, still works. Empty visible fields get a
unique marker. The forged POST carries the cookies from above and nothing else, \`Origin\` and
\`Referer\` of \`https://attacker.parapet.invalid\`, \`Sec-Fetch-Site: cross-site\`,
\`Sec-Fetch-Mode: navigate\`, and the form's own encoding.

**JSON operations.** The body is the JSON text the operation accepted from the scan, with Parapet's
own sample strings replaced by a unique marker where the schema allows any string. A POST goes as a
script would send it without a preflight: \`Content-Type: text/plain\`; after a 400, 415 or 422, with
no \`Content-Type\`; after another 415, as \`application/x-www-form-urlencoded\`. A PUT, PATCH or
DELETE is sent only when the CORS preflight (\`OPTIONS\` with the foreign \`Origin\`) echoes that origin
with \`Access-Control-Allow-Credentials: true\` and allows the method; otherwise it is left out, with a
note. DELETE operations, and operations whose path or fields name a deletion, only with
\`--allow-destructive\`.

**Accepted, and only because of the cookie.** The forged request counts as accepted when the answer
is a 2xx whose text is not a refusal (CSRF, invalid token or origin, forbidden, please log in…) or a
login form, or a redirect that does not lead to a login or error page; a 415 or a 403 from an
\`Origin\` check is a refusal. The same request is then sent once more **without any cookie**: if
that is accepted too, the form or operation is public (a search, a contact form, a public endpoint)
and nothing is reported.

**Confirmed or firm.** Parapet reads back, as the user, where the change would show (the redirect
target and the form's page; for an operation, its \`Location\` and the JSON the scan read whose path is
closest, \`/api/transfers\` for \`/api/transfer\`). If the marker is there the finding is *confirmed*,
otherwise *firm* (accepted with the cookie, refused without it). A PUT or PATCH that changed something
is undone by sending the operation's own request again.

With \`--browser\` as well, a forged form is also submitted from a page on another site in Chromium,
holding the scan's cookies: the browser decides which cookies go along. Accepted: *confirmed* (with a
screenshot and the proof-of-concept page under \`--artifacts\`). Sent with the session cookie and
refused: the finding is withdrawn, with a note. Findings on JSON operations are not replayed in the
browser.

Never tried: forms and operations that end the session (\`/logout\`), GET forms, operations the scan
could not call successfully itself.`,
  fix: {
    generic: `Make the server refuse state-changing requests that another site started, with at least one of:

- **A token bound to the session**: a random value (128 bits or more) stored with the session, put in
  each form, or read by your scripts and sent in a header such as \`X-CSRF-Token\`, and compared in
  constant time on every unsafe request. Use your framework's built-in protection.
- **\`SameSite=Lax\`** (or \`Strict\`) on the session cookie, so browsers leave it off cross-site
  requests. Set it explicitly: browsers differ in what they do without it.
- **Reject cross-site requests by their headers**: refuse unsafe methods when \`Sec-Fetch-Site\` is
  \`cross-site\`, or when \`Origin\` is present and not your own.

For a JSON API on cookie sessions, also **parse JSON only from \`Content-Type: application/json\`** and
answer 415 to anything else (text, form types, no type at all): another site cannot send that type
without a preflight. Keep the CORS policy from echoing arbitrary origins with
\`Access-Control-Allow-Credentials: true\`. An API that takes its credential only from a header
(\`Authorization\`, \`X-API-Key\`) set by your own code is not forgeable this way.

Tokens and SameSite together are the usual choice; the header and content-type checks are good extra
layers.`,
    flask: `For JSON views, do not parse bodies with \`request.get_json(force=True)\`: it reads JSON from a
\`text/plain\` request that any site can send. Plain \`request.get_json()\` refuses other types (400 before
Werkzeug 2.3, 415 from 2.3). To enforce it for every unsafe request of an API, refuse anything that is
not JSON before the view runs (register it on your API blueprint when the app also serves HTML forms):

\`\`\`python fix=flask
from flask import abort, request


@app.before_request
def json_writes_only():
    # Another site can send text/plain, form types or no Content-Type without a CORS preflight.
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if request.get_data(cache=True) and not request.is_json:
        abort(415)
    return None
\`\`\`

Make the session cookie Lax, and turn on Flask-WTF's CSRF protection, which checks a hidden
\`csrf_token\` field in forms and the \`X-CSRFToken\` header on script requests:

\`\`\`python
from flask_wtf.csrf import CSRFProtect

app.config.update(SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=True)
CSRFProtect(app)
\`\`\`

Render \`{{ csrf_token() }}\` into each form (\`FlaskForm\` does it through \`{{ form.hidden_tag() }}\`) and
into a \`<meta>\` tag your scripts copy into \`X-CSRFToken\`. Remove any \`@csrf.exempt\` from views that
change state.`,
    express: `Use a maintained token middleware (\`csrf-sync\` for session-stored tokens, \`csrf-csrf\` for signed
double-submit cookies; \`csurf\` is deprecated) and a Lax session cookie:

\`\`\`js
import { csrfSync } from 'csrf-sync';

app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => req.body?._csrf ?? req.get('x-csrf-token'),
});
app.use(express.urlencoded({ extended: false }));
app.use(csrfSynchronisedProtection);
// in each form: <input type="hidden" name="_csrf" value="<%= generateToken(req) %>">
\`\`\`

For JSON routes, keep \`express.json()\` on its default \`type\` (\`application/json\`): never
\`express.json({ type: '*/*' })\`, and never \`JSON.parse\` a body \`express.text()\` read. Refuse other
types on unsafe requests:

\`\`\`js
app.use('/api', (req, res, next) => {
  // req.is() is false for a body of another type (or none named), null for no body.
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.is('application/json') === false) {
    return res.status(415).json({ error: 'application/json required' });
  }
  next();
});
\`\`\``,
    django: `Django checks CSRF tokens by default; this finding means a view skipped it. Keep
\`django.middleware.csrf.CsrfViewMiddleware\` in \`MIDDLEWARE\`, remove \`@csrf_exempt\` from views that
change state, put \`{% csrf_token %}\` in every POST form, and keep \`SESSION_COOKIE_SAMESITE = "Lax"\`.
JSON views that run on the session are covered by the same middleware once they are not exempt: your
scripts send the token in the \`X-CSRFToken\` header. Django REST framework's \`SessionAuthentication\`
enforces it for authenticated requests; do not replace it with a class that skips \`enforce_csrf\`. A
view that decodes \`request.body\` itself should check the type first:

\`\`\`python
import json

from django.http import HttpResponse


def update_email(request):
    if request.content_type != "application/json":
        return HttpResponse(status=415)
    data = json.loads(request.body)
    ...
\`\`\``,
    fastapi: `FastAPI has no CSRF protection of its own. Since 0.65.2 it no longer reads a Pydantic body from a
\`text/plain\` request, but it still takes a body with no \`Content-Type\` as JSON, and a route that
reads \`await request.json()\` or \`request.body()\` itself parses anything. With cookie sessions, refuse
unsafe requests that are not JSON or come from another site, and make the cookie Lax:

\`\`\`python
from fastapi import Depends, FastAPI, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware


async def same_site_json(request: Request):
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise HTTPException(status_code=403)
    if await request.body():
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            raise HTTPException(status_code=415)


app = FastAPI(dependencies=[Depends(same_site_json)])
app.add_middleware(SessionMiddleware, secret_key=SECRET_KEY, same_site="lax", https_only=True)
\`\`\`

HTML forms on the same sessions also need a per-session token checked on every unsafe request.`,
    rails: `Keep forgery protection on (\`protect_from_forgery with: :exception\` in \`ApplicationController\`),
remove \`skip_forgery_protection\` / \`skip_before_action :verify_authenticity_token\` from controllers
that serve browsers, and build forms with \`form_with\` so that \`authenticity_token\` is included.
Controllers based on \`ActionController::API\` have no forgery protection at all: if they run on the
cookie session, add it back and let your scripts send the token from \`csrf_meta_tags\` in the
\`X-CSRF-Token\` header:

\`\`\`ruby
class Api::BaseController < ActionController::API
  include ActionController::RequestForgeryProtection
  protect_from_forgery with: :exception
end
\`\`\`

Rails only fills \`params\` from JSON sent as \`application/json\`; never \`JSON.parse(request.raw_post)\`
without checking \`request.media_type\`.`,
    spring: `Do not disable Spring Security's CSRF protection for browser sessions:

\`\`\`java
http.csrf(Customizer.withDefaults());   // not csrf.disable(), and no ignoringRequestMatchers for forms
\`\`\`

Thymeleaf adds the \`_csrf\` field to \`th:action\` forms; a single-page app reads the token with
\`CookieCsrfTokenRepository.withHttpOnlyFalse()\` and sends it in \`X-XSRF-TOKEN\`. Set
\`server.servlet.session.cookie.same-site=lax\`. A \`@RequestBody\` object already refuses \`text/plain\`
with 415; keep it that way (no \`consumes = MediaType.ALL_VALUE\`, no \`@RequestBody String\` parsed by
hand).`,
    aspnet: `Validate antiforgery tokens on every unsafe request:

\`\`\`csharp
builder.Services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
\`\`\`

Remove \`[IgnoreAntiforgeryToken]\` from actions that change state; minimal APIs that bind forms need
\`app.UseAntiforgery()\`. API controllers on cookie authentication need the token too: configure
\`builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN")\` and have your scripts send it.
\`[FromBody]\` refuses \`text/plain\` with 415 unless you add an input formatter for it: do not. Set
\`options.Cookie.SameSite = SameSiteMode.Lax\` on the authentication cookie.`,
    go: `From Go 1.25, wrap the mux in the standard library's protection, which refuses cross-site unsafe
requests by \`Sec-Fetch-Site\` (and \`Origin\` as a fallback), whatever their content type:

\`\`\`go
protect := http.NewCrossOriginProtection()
log.Fatal(http.ListenAndServe(":8080", protect.Handler(mux)))
\`\`\`

On older Go use \`github.com/gorilla/csrf\`, and set \`SameSite: http.SameSiteLaxMode\` on the session
cookie. \`json.NewDecoder(r.Body).Decode\` ignores the \`Content-Type\`: in JSON handlers, check it first:

\`\`\`go
if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
	http.Error(w, "application/json required", http.StatusUnsupportedMediaType)
	return
}
\`\`\``,
    laravel: `Keep \`ValidateCsrfToken\` (\`VerifyCsrfToken\` before Laravel 11) in the \`web\` middleware group, remove
the route from its \`except\` list, and put \`@csrf\` in every form. A single-page app on Sanctum's cookie
sessions gets the same check on its API routes through \`EnsureFrontendRequestsAreStateful\` (its
scripts send \`X-XSRF-TOKEN\` from the \`XSRF-TOKEN\` cookie, as axios does): keep it in the \`api\` group
and keep \`SESSION_SAME_SITE=lax\`.`,
  },
  limitations: `Forms: only the POST forms discovery found on the target's origin (at most eight). Operations: only
those the OpenAPI document lists and the scan called successfully itself (at most eight); JSON
endpoints without a description are not tried, nor are POSTs that only a CORS-approved \`fetch()\`
with \`application/json\` could send (the \`cors-reflected-origin\` check reports such policies). The
acceptance test reads status codes, redirects and the answer's words; a server that answers a refused
request with 200 and a message Parapet does not recognise, while refusing the cookie-less control the
same way, is taken as accepting (the control keeps most such cases out). Without a marker that comes
back, a finding is firm, not confirmed. The forged request really is sent: it may perform the action
once under the scan's session (and the control once without it), so scan a test account; a POST is not
undone. The non-browser probe models SameSite (and treats a cookie without it as sent, as Firefox and
Safari do); only \`--browser\` shows what Chromium itself does, and only for forms.`,
  references: [
    {
      title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html',
    },
    {
      title: 'MDN: Cross-site request forgery (CSRF)',
      url: 'https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/CSRF',
    },
    { title: 'CWE-352: Cross-Site Request Forgery', url: 'https://cwe.mitre.org/data/definitions/352.html' },
    {
      title: 'Fetch Metadata Request Headers (W3C)',
      url: 'https://www.w3.org/TR/fetch-metadata/',
    },
    {
      title: 'RFC 6265bis: the SameSite attribute',
      url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis',
    },
  ],
  asvs: ['3.5.1', '3.3.2'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1', 'CC6.6'],
};

export default doc;
