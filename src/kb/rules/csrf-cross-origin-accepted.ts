import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'Parapet sent this form the way a page on another website would make a logged-in visitor’s browser send it, and the server carried it out.',
  meaning: `This is cross-site request forgery (CSRF) shown by doing it, not inferred from the form. Any web page
can contain a copy of your form that submits itself when someone opens the page. The visitor's browser
sends the request to your site with the visitor's cookies attached, so your server sees a POST from a
valid session and acts on it: money moves, an e-mail address or password changes, an invitation is
sent, all without the user knowing.

An attacker cannot read your pages from their site, so they cannot copy a secret that belongs to the
user's session, and they cannot make the browser add custom headers or an \`Authorization\` header.
What they can send is a simple form (\`application/x-www-form-urlencoded\`, \`multipart/form-data\` or
\`text/plain\`) with the cookies the browser chooses to attach, and a foreign \`Origin\`. That is exactly
what Parapet sent, and it was enough.`,
  decides: `This probe is **active**: it runs only with \`--active\` and submits forms. For every POST form on the
target's origin (one per action pattern, at most eight per scan):

1. **An ambient credential must ride along.** Parapet works out which cookies a browser would attach to a
   cross-site POST: session and credential cookies the site set with \`SameSite=None\` or no SameSite,
   and cookies given to the scan with \`--cookie\`. \`SameSite=Lax\` and \`Strict\` cookies stay home, so
   a form whose session cookie is Lax or Strict is not submitted (a note says so). A site that
   authorises requests only by a header (\`X-API-Key\`, a bearer token) cannot be forged from another
   site and is not tried; Parapet never sends credential headers with the forged request.
2. **The form as a stranger can build it.** Hidden values that look secret are replaced by the values
   the page serves to a fresh visitor (an attacker's own copy): a token bound to the user's session is
   then wrong, while a token that is the same for everyone, or accepted from any session, still works.
   Empty visible fields get a unique marker so that the change can be found afterwards.
3. **The forged POST**: the cookies from step 1 and nothing else, \`Origin\` and \`Referer\` of
   \`https://attacker.parapet.invalid\`, \`Sec-Fetch-Site: cross-site\`, \`Sec-Fetch-Mode: navigate\`,
   \`Sec-Fetch-Dest: document\`, and the form's own encoding. It counts as accepted when the answer is a
   2xx whose visible text is not a refusal (CSRF, invalid token or origin, forbidden, please log in…) or
   a login form, or a redirect that does not lead to a login or error page.
4. **A control without cookies.** The same request is sent once more with no cookie at all. If that is
   accepted too, the form is public (a search, a login, a contact form) and nothing is reported.
5. **Read back.** Parapet loads the redirect target and the form's page as the user; if the marker shows
   up there the finding is *confirmed*, otherwise it is *firm* (accepted with the cookie, refused
   without it).

With \`--browser\` as well, the forged form is also submitted from a page on another site in Chromium,
holding the scan's cookies: the browser decides which cookies go along. Accepted: *confirmed* (with a
screenshot and the proof-of-concept page under \`--artifacts\`). Sent with the session cookie and
refused: the finding is withdrawn, with a note.

Forms that end the session (\`/logout\`) are never submitted. Forms that look like they delete data (a
\`delete\`/\`remove\`/\`destroy\` path or field, \`_method=DELETE\`) are submitted only with
\`--allow-destructive\`. GET forms are not CSRF findings here.`,
  fix: {
    generic: `Make the server refuse state-changing requests that another site started, with at least one of:

- **A token bound to the session**: a random value (128 bits or more) stored with the session, put in
  each form (or sent by your scripts in a header), compared in constant time on every unsafe request.
  Use your framework's built-in protection.
- **\`SameSite=Lax\`** (or \`Strict\`) on the session cookie, so browsers leave it off cross-site POSTs.
  Set it explicitly: browsers differ in what they do without it.
- **Reject cross-site requests by their headers**: refuse unsafe methods when \`Sec-Fetch-Site\` is
  \`cross-site\`, or when \`Origin\` is present and not your own.

Tokens and SameSite together are the usual choice; the header check is a good extra layer.`,
    flask: `Turn on Flask-WTF's CSRF protection for the whole app and make the session cookie Lax:

\`\`\`python
from flask_wtf.csrf import CSRFProtect

app.config.update(SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=True)
CSRFProtect(app)
\`\`\`

and render \`{{ csrf_token() }}\` into each form as a hidden \`csrf_token\` field (\`FlaskForm\` does it
through \`{{ form.hidden_tag() }}\`). Remove any \`@csrf.exempt\` from views that change state.`,
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
\`\`\``,
    django: `Django checks CSRF tokens by default; this finding means a view skipped it. Keep
\`django.middleware.csrf.CsrfViewMiddleware\` in \`MIDDLEWARE\`, remove \`@csrf_exempt\` from views that
change state, put \`{% csrf_token %}\` in every POST form, and keep \`SESSION_COOKIE_SAMESITE = "Lax"\`.`,
    fastapi: `FastAPI has no CSRF protection of its own. With cookie sessions, check a per-session token on every
unsafe request and make the cookie Lax:

\`\`\`python
import hmac, secrets
from fastapi import Depends, FastAPI, Form, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=SECRET_KEY, same_site="lax", https_only=True)

def csrf_token(request: Request) -> str:
    return request.session.setdefault("csrf", secrets.token_urlsafe(32))

async def check_csrf(request: Request, csrf: str = Form("")):
    if not hmac.compare_digest(csrf, request.session.get("csrf", "")):
        raise HTTPException(status_code=403)

@app.post("/transfer", dependencies=[Depends(check_csrf)])
async def transfer(amount: int = Form(...)):
    ...
\`\`\``,
    rails: `Keep forgery protection on (\`protect_from_forgery with: :exception\` in \`ApplicationController\`),
remove \`skip_forgery_protection\` / \`skip_before_action :verify_authenticity_token\` from controllers
that serve browsers, and build forms with \`form_with\` so that \`authenticity_token\` is included.`,
    spring: `Do not disable Spring Security's CSRF protection for browser sessions:

\`\`\`java
http.csrf(Customizer.withDefaults());   // not csrf.disable(), and no ignoringRequestMatchers for forms
\`\`\`

Thymeleaf adds the \`_csrf\` field to \`th:action\` forms. Set
\`server.servlet.session.cookie.same-site=lax\`.`,
    aspnet: `Validate antiforgery tokens on every unsafe request:

\`\`\`csharp
builder.Services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
\`\`\`

Remove \`[IgnoreAntiforgeryToken]\` from actions that change state; minimal APIs that bind forms need
\`app.UseAntiforgery()\`.`,
    go: `From Go 1.25, wrap the mux in the standard library's protection, which refuses cross-site unsafe
requests by \`Sec-Fetch-Site\` (and \`Origin\` as a fallback):

\`\`\`go
protect := http.NewCrossOriginProtection()
log.Fatal(http.ListenAndServe(":8080", protect.Handler(mux)))
\`\`\`

On older Go use \`github.com/gorilla/csrf\`, and set \`SameSite: http.SameSiteLaxMode\` on the session
cookie.`,
    laravel: `Keep \`ValidateCsrfToken\` (\`VerifyCsrfToken\` before Laravel 11) in the \`web\` middleware group, remove
the route from its \`except\` list, and put \`@csrf\` in every form.`,
  },
  limitations: `Parapet submits only the POST forms discovery found on the target's origin (at most eight), not JSON
endpoints: an API that takes cookies and parses a \`text/plain\` body as JSON is not tried yet. The
acceptance test reads status codes, redirects and the page's words; a server that answers a refused
request with 200 and a message Parapet does not recognise, while refusing the cookie-less control the
same way, is taken as accepting (the control keeps most such cases out). Without a marker that comes
back, a finding is firm, not confirmed. The forged request really is sent: it may perform the action
once under the scan's session (and the control once without it), so scan a test account. The
non-browser probe models SameSite; only \`--browser\` shows what Chromium itself does.`,
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
