import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'CSRF',
  summary:
    'A form that changes state can be submitted from any other website: the browser adds the user’s session cookie, and nothing in the request proves the user meant to send it.',
  meaning: `Cross-site request forgery (CSRF) abuses the fact that browsers attach a site's cookies to every
request sent to it, including requests that another website starts. An attacker's page can hold a
copy of your form that submits itself as soon as a logged-in user opens the page; your server sees a
normal POST with a valid session and performs the transfer, the password or e-mail change, the
deletion.

The defence is something the attacker cannot know or cannot make the browser send: a secret token
in the form that the server checks, a session cookie that browsers keep off cross-site POSTs
(\`SameSite=Lax\` or \`Strict\`), or a check of the \`Origin\`/\`Sec-Fetch-Site\` headers. This form
has none that Parapet could see.`,
  decides: `Parapet looks at every form discovery found with method POST, PUT, PATCH or DELETE whose action
is on the target's origin, once per method and action pattern.

1. **An ambient credential must ride along.** The form is reported only when a browser would attach a
   credential to a forged cross-site submission: a session or credential cookie the site set (a known
   session cookie name with an unguessable value, or a signed token such as a JWT) whose SameSite is
   absent or \`None\` and whose Path covers the action, or a cookie given to the scan as its
   credential. \`SameSite=Strict\` and \`Lax\` cookies are not sent on cross-site POSTs, so they keep
   the form quiet. A site authorised only by a header that scripts set (\`X-API-Key\`, a bearer
   token) cannot be forged this way and is not reported.
2. **A token is a token by behaviour, not by name.** Hidden fields whose value is too short or too
   regular to be secret (\`csrf_token=1\`, a timestamp) do not count. A hidden value that looks
   random counts when its name says it is a token (\`csrf\`, \`xsrf\`, \`token\`, \`nonce\`,
   \`authenticity\`…). Otherwise Parapet loads the page again: a value that changes between loads is
   a token whatever its name (a signed nonce, say); a value that stays put is loaded once more in a
   fresh session, and counts as a per-session token only if it differs there. A random-looking value
   that is the same for everyone (a build hash) is not a token.
3. A \`<meta name="csrf-token">\` with a random value on the page counts as a token handed to scripts.

GET forms, forms posting to other sites, and forms on sites that set no authenticating cookie are
not reported. Findings are *firm*: the token's absence is observed and the ambient cookie is seen.
The extra page loads are ordinary GETs (at most two per form).`,
  fix: {
    generic: `Protect every state-changing request, in this order of preference:

- **Check a token the attacker cannot read**: a random value (at least 128 bits) tied to the session,
  put in each form as a hidden field (or in a request header by your scripts), and compared on the
  server in constant time. Your framework almost certainly has this built in; turn it on rather than
  writing your own.
- **Mark the session cookie \`SameSite=Lax\`** (or \`Strict\`) so browsers leave it off cross-site
  POSTs. Do not rely on browsers' defaults: only Chrome treats a cookie without SameSite as Lax, and
  even Chrome sends it on cross-site POSTs for two minutes after it is set.
- As defence in depth, reject unsafe methods whose \`Sec-Fetch-Site\` is \`cross-site\` (or whose
  \`Origin\` is not yours).
- Never change state on GET.`,
    flask: `Keep the session cookie off cross-site requests, and refuse unsafe requests that a browser marks
as coming from another site. Browsers send \`Sec-Fetch-Site\` (all current ones) and \`Origin\` on
every POST, and a page on another site can set neither:

\`\`\`python fix=flask
from urllib.parse import urlsplit

from flask import abort, request

app.config.update(SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_HTTPONLY=True)

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@app.before_request
def refuse_cross_site_writes():
    if request.method not in UNSAFE_METHODS:
        return None
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        if site not in ("same-origin", "none"):  # "none": typed in the address bar, a bookmark
            abort(403)
        return None
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        abort(403)
    return None
\`\`\`

Requests with neither header come from non-browser clients (scripts, servers), which cannot ride on a
user's cookie. For browsers too old to send either header, or as a second layer, add a token to every
form with Flask-WTF:

\`\`\`python
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect(app)  # forms: <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
\`\`\`

Forms built with \`FlaskForm\` include the field through \`{{ form.hidden_tag() }}\`.`,
    express: `The \`csurf\` package is deprecated (its authors stopped maintaining it in 2022): do not add it. Use a
maintained synchronizer-token package such as \`csrf-sync\`, a signed double-submit package such as
\`csrf-csrf\`, or a few lines of your own on top of \`express-session\`:

\`\`\`js
import { randomBytes, timingSafeEqual } from 'node:crypto';

app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
}));

function csrfToken(req) {
  req.session.csrf ??= randomBytes(32).toString('base64url');
  return req.session.csrf;
}

function requireCsrf(req, res, next) {
  const sent = Buffer.from(String(req.body?._csrf ?? req.get('x-csrf-token') ?? ''));
  const expected = Buffer.from(req.session.csrf ?? '');
  if (expected.length === 0 || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    return res.sendStatus(403);
  }
  next();
}

app.get('/transfer', (req, res) => res.render('transfer', { csrf: csrfToken(req) }));
app.post('/transfer', express.urlencoded({ extended: false }), requireCsrf, transfer);
\`\`\`

and in the template \`<input type="hidden" name="_csrf" value="<%= csrf %>">\`.`,
    django: `Django's protection is on by default; this finding means it was bypassed. Keep
\`django.middleware.csrf.CsrfViewMiddleware\` in \`MIDDLEWARE\`, remove \`@csrf_exempt\` from views that
change state, and render the token in every POST form:

\`\`\`html
<form method="post" action="{% url 'transfer' %}">{% csrf_token %} … </form>
\`\`\`

Keep \`SESSION_COOKIE_SAMESITE = "Lax"\` (the default) in \`settings.py\`.`,
    fastapi: `FastAPI has no built-in CSRF protection: add it wherever a cookie authenticates. With Starlette's
session middleware, a per-session token looks like this:

\`\`\`python
import hmac, secrets
from fastapi import FastAPI, Form, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=SECRET_KEY, same_site="lax", https_only=True)

def csrf_token(request: Request) -> str:
    if "csrf" not in request.session:
        request.session["csrf"] = secrets.token_urlsafe(32)
    return request.session["csrf"]

@app.post("/transfer")
async def transfer(request: Request, csrf: str = Form(...)):
    if not hmac.compare_digest(csrf, request.session.get("csrf", "")):
        raise HTTPException(status_code=403)
    ...
\`\`\`

Render \`csrf_token(request)\` into a hidden \`csrf\` field. An API that authenticates with a bearer
token in the \`Authorization\` header (not a cookie) does not need this.`,
    rails: `Keep Rails' forgery protection on and let the form helpers add the token:

\`\`\`ruby
class ApplicationController < ActionController::Base
  protect_from_forgery with: :exception
end
\`\`\`

Build forms with \`form_with\`/\`button_to\` (they add \`authenticity_token\`), put
\`<%= csrf_meta_tags %>\` in the layout for scripts, and remove \`skip_forgery_protection\` from
controllers that serve browsers.`,
    spring: `Spring Security checks CSRF tokens by default; do not disable it for browser sessions:

\`\`\`java
@Bean
SecurityFilterChain security(HttpSecurity http) throws Exception {
    http.csrf(Customizer.withDefaults());   // not csrf.disable()
    return http.build();
}
\`\`\`

Thymeleaf forms with \`th:action\` get the \`_csrf\` field automatically; elsewhere add
\`<input type="hidden" name="\${_csrf.parameterName}" value="\${_csrf.token}">\`. Set
\`server.servlet.session.cookie.same-site=lax\` as a second layer.`,
    aspnet: `Validate antiforgery tokens on every unsafe request and let the form tag helper emit them:

\`\`\`csharp
builder.Services.AddControllersWithViews(options =>
    options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
\`\`\`

\`<form asp-action="Transfer" method="post">\` adds \`__RequestVerificationToken\`. Razor Pages
validate it by default; minimal APIs that bind forms need \`app.UseAntiforgery()\`.`,
    go: `From Go 1.25, wrap the handler in the standard library's cross-origin protection, which rejects
unsafe requests that browsers mark as cross-site (\`Sec-Fetch-Site\`, with an \`Origin\` fallback):

\`\`\`go
mux := http.NewServeMux()
// … routes …
protect := http.NewCrossOriginProtection()
log.Fatal(http.ListenAndServe(":8080", protect.Handler(mux)))
\`\`\`

On older Go, use a token middleware such as \`github.com/gorilla/csrf\` and render
\`csrf.TemplateField(r)\` in each form. Set \`SameSite: http.SameSiteLaxMode\` on the session cookie.`,
    laravel: `Keep the CSRF middleware in the \`web\` group (\`VerifyCsrfToken\`, \`ValidateCsrfToken\` from Laravel
11), do not list the route in its exceptions, and add the token to every form:

\`\`\`blade
<form method="POST" action="/transfer">
    @csrf
    …
</form>
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `A key that your script sends in a header (\`X-API-Key\`) is not added by browsers on their own, and a page
on another site cannot set that header without a CORS preflight your API refuses. So an API that reads
the key **only from that header** cannot be forged cross-site, and needs no token. Three designs bring
CSRF back: the key is also accepted from a cookie, the query string or a form field (the browser, or a
link, supplies it); CORS allows any origin to send the key header; or the **pages where users manage
their keys** (create, rotate, revoke) run on a cookie session. That last one is what Parapet usually
finds: the rotate form rides on the dashboard's session cookie, so another site can rotate the user's key
and break their integration. Those forms need the token; the header-only API does not.`,
      fix: {
        flask: `Read the key from the header only, so the API cannot be driven by anything a browser adds on its own,
and keep the cross-site check above for the cookie-session pages that manage keys:

\`\`\`python
presented = request.headers.get("X-API-Key", "")  # not request.cookies, request.args or request.form
\`\`\``,
      },
      faq: [
        {
          q: 'Why does the API key alone not protect the key rotation page?',
          a: `Because that page is not authenticated by the key: the user is signed in to your dashboard with a
session cookie, and the browser attaches that cookie to a form another site submits. The key protects
the API calls your integration makes; the cookie session protects (or fails to protect) the dashboard.`,
        },
      ],
    },

    hmac: {
      text: `A request signed with a secret the browser does not hold cannot be forged from another site: the
attacker cannot compute the signature. Two patterns weaken that. Signatures computed in the browser
(the page's script holds a signing key) are made for whoever drives the page, including a forged form
that the script signs. And signed values placed in forms or links that are the same for everyone, never
expire, or are not tied to the session (a signed \`action=delete&id=7\`) can be copied once and replayed
from anywhere. Bind each signed value to the session and a short expiry, and keep the \`Origin\` or
\`Sec-Fetch-Site\` check.`,
      faq: [
        {
          q: 'Is a signed hidden field a CSRF token?',
          a: `It is when an attacker cannot obtain a valid one for the victim: signed over the user's session id
(or a per-session nonce) with a short expiry. Parapet judges by behaviour: a hidden value that changes
between two loads of the page, or between sessions, counts as a token.`,
        },
      ],
    },

    jwt: {
      text: `A JWT sent as \`Authorization: Bearer …\` is added by your script, not by the browser, so an API that
reads the token only from that header cannot be forged cross-site. Moving the token into a cookie
(often to keep it away from scripts) makes it ambient again, exactly like a session cookie: then it
needs \`SameSite=Lax\` or \`Strict\`, and the state-changing routes need a token or an \`Origin\` check.
Never accept the token from the query string or a form field either.`,
      faq: [
        {
          q: 'HttpOnly cookie or localStorage for the JWT?',
          a: `Both are defensible, each with its own defence. An \`HttpOnly; Secure; SameSite=Lax\` cookie keeps the
token away from injected scripts but brings CSRF back, so add the cross-site check. \`localStorage\`
avoids CSRF, but any XSS can read the token, so a strict CSP matters more. A cookie without SameSite and
without a CSRF check has neither defence.`,
        },
      ],
    },

    'cookie-session': {
      text: `This is the case the rule is about: the browser attaches the session cookie to every request sent to
your site, including a form another site submits, and nothing else in the request shows the user meant
it. Mark the cookie \`SameSite=Lax\` (browsers then leave it off cross-site POSTs), refuse unsafe requests
whose \`Sec-Fetch-Site\` or \`Origin\` names another site, and for old browsers or as a second layer put a
per-session token in each form. Never change state on GET: \`Lax\` cookies still ride on top-level GET
navigations.`,
      faq: [
        {
          q: 'Do I still need tokens if the session cookie is SameSite=Lax?',
          a: `For current browsers a \`Lax\` cookie is not sent on cross-site POSTs, and a \`Sec-Fetch-Site\` check
refuses them outright. Tokens still help where those fail: browsers that predate them, sibling
subdomains (same site, so \`Lax\` cookies flow), and GET routes that change state by mistake.`,
        },
      ],
    },
  },

  limitations: `Parapet sees the HTML it was served. A form whose token is added by a script at submit time, or a
page that only submits through \`fetch\` with a header token, may look token-less (a
\`<meta name="csrf-token">\` keeps it quiet). Parapet does not submit the form (that is
\`csrf-cross-origin-accepted\`, with \`--active\`), so a server that checks \`Origin\` or
\`Sec-Fetch-Site\` instead of a token is still reported here. A random-looking hidden value that
changes between loads is taken for a token even if the server never checks it. Pages behind a login
are only seen when the scan is given credentials.`,
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
      title: 'Chrome Platform Status: cookies default to SameSite=Lax',
      url: 'https://chromestatus.com/feature/5088147346030592',
    },
  ],
  asvs: ['3.5.1', '3.3.2'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1', 'CC6.6'],
};

export default doc;
