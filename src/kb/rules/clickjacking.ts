import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Clickjacking',
  summary:
    'Any web site can load this page in an invisible frame and trick a signed-in user into clicking its buttons or submitting its forms.',

  meaning: `A page that does not say who may frame it can be embedded by any other site. The attacker's
page loads it in an \`<iframe>\`, makes the frame transparent or covers it with a decoy, and lines up a
harmless-looking button with a real control underneath: "Delete account", "Confirm transfer", "Allow access".
The victim's browser sends the victim's cookies with the framed page, so each click is the victim's own,
authenticated action. Forms can also be half-filled through the URL, and drag-and-drop or repeated clicks
can extract data or complete several steps.

Browsers offer two controls. The CSP \`frame-ancestors\` directive lists which origins may embed the page;
the older \`X-Frame-Options\` header says \`DENY\` (never) or \`SAMEORIGIN\` (only this origin).`,

  decides: `Parapet reads the headers of every 2xx HTML page the scan fetched and decides the way current
browsers do (the HTML Standard's X-Frame-Options processing and CSP Level 3):

1. If an **enforced** \`Content-Security-Policy\` header (any of several headers, any of several
   comma-separated policies) has a \`frame-ancestors\` directive, that directive decides and
   X-Frame-Options is ignored entirely, whatever it says. The page is protected when at least one such
   directive refuses an arbitrary origin: \`'none'\`, \`'self'\`, or a list of specific hosts
   (\`https://partner.example\`, \`*.example.com\`). It is not protected when every such directive allows
   any origin: \`*\`, a bare web scheme (\`https:\`, \`http:\`, \`wss:\`, \`ws:\`), a host of \`*\`, or a
   wildcard over a top-level domain (\`*.com\`). When a directive appears twice in one policy the first
   one counts.
2. Otherwise X-Frame-Options decides. Its values are split on commas, trimmed and lower-cased. \`DENY\`
   and \`SAMEORIGIN\` protect (repeating the same value, as in \`SAMEORIGIN, SAMEORIGIN\`, is fine).
   Several **distinct** values where one is \`deny\`, \`sameorigin\` or \`allowall\` make browsers refuse
   every frame, so they protect too. \`ALLOW-FROM\`, \`ALLOWALL\`, an empty value and anything else do not.
3. Neither present: not protected.

These never protect, and the finding says so when they are all a page has: a
\`Content-Security-Policy-Report-Only\` header (it reports, blocks nothing, and does not switch
X-Frame-Options off), \`frame-ancestors\` inside \`<meta http-equiv="Content-Security-Policy">\`, and
\`<meta http-equiv="X-Frame-Options">\`.

Severity is **high** when the page has a form, a button or an input, or sets or receives a session cookie
(there is something worth clicking, as the user); otherwise **medium**. Confidence is firm: the header
verdict is deterministic and the page is a rendered HTML document.

**Does not fire** on JSON, images, scripts, stylesheets or plain text, on redirects and error statuses
(4xx/5xx), on 204 responses, empty bodies and downloads (\`Content-Disposition: attachment\`), or on the
scan's own probe for a page that does not exist. An API that serves no HTML gets at most one note, never
a finding. Pages that share a URL pattern (\`/items/{id}\`) make one finding.

**Browser proof** (\`--active --browser\`): Parapet serves a page from another site (\`localhost\` when the
target is \`127.0.0.1\`, and the reverse) that frames each reported page (one per URL pattern, at most
ten) in the system Chromium, in a sandboxed frame as an attacker would use, so a frame-busting script
cannot escape. Rendered with visible content: *confirmed*, and with \`--artifacts DIR\` the report names a
screenshot and the proof-of-concept page (a decoy button under the half-transparent frame). Blocked by
the browser, refused by the server, or hidden by the page itself: the finding is **withdrawn** and a note
says why. That catches what headers alone cannot show, such as a server that adds
\`X-Frame-Options\` only to framed requests (\`Sec-Fetch-Dest: iframe\`), or a page that stays hidden
unless it is the top window.`,

  fix: {
    generic: `Send both headers on every HTML response (\`frame-ancestors\` for current browsers,
X-Frame-Options for old ones):

\`\`\`http
Content-Security-Policy: frame-ancestors 'none'
X-Frame-Options: DENY
\`\`\`

If the application frames its own pages, use \`frame-ancestors 'self'\` with \`X-Frame-Options: SAMEORIGIN\`.
If a partner must embed it, list the partner's exact origin (\`frame-ancestors https://partner.example\`);
X-Frame-Options cannot express that, and \`ALLOW-FROM\` is ignored by browsers. Never use \`*\` or a bare
scheme such as \`https:\`. Set the headers in the HTTP response, not in \`<meta>\`, and not only in
Report-Only mode.`,

    flask: `Add the headers to every response in one hook:

\`\`\`python fix=flask
@app.after_request
def framing_headers(response):
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    return response
\`\`\`

If you already send a CSP, add \`frame-ancestors 'none'\` to it rather than sending a second header that
replaces it. Flask-Talisman sets both when configured with \`frame_options="DENY"\` and a
\`content_security_policy\` that includes \`frame-ancestors\`.`,

    express: `Helmet sends both headers; its defaults allow same-origin framing. To refuse all framing:

\`\`\`js
import helmet from 'helmet';

app.use(
  helmet({
    contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
  }),
);
\`\`\``,

    django: `Keep \`django.middleware.clickjacking.XFrameOptionsMiddleware\` in \`MIDDLEWARE\` with
\`X_FRAME_OPTIONS = "DENY"\` (the default), and check that no view is decorated with \`@xframe_options_exempt\`
without reason. Add \`frame-ancestors\` with Django's CSP support (Django 6.0+):

\`\`\`python
from django.utils.csp import CSP

MIDDLEWARE = [
    # ...
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {"frame-ancestors": [CSP.NONE]}
\`\`\`

On older Django, the \`django-csp\` package sets the same directive.`,

    fastapi: `Add a middleware that sets both headers on every response:

\`\`\`python
@app.middleware("http")
async def framing_headers(request, call_next):
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    return response
\`\`\``,

    rails: `Rails sends \`X-Frame-Options: SAMEORIGIN\` by default; add \`frame-ancestors\` in
\`config/initializers/content_security_policy.rb\` and tighten X-Frame-Options:

\`\`\`ruby
Rails.application.configure do
  config.content_security_policy do |policy|
    policy.frame_ancestors :none
  end
  config.action_dispatch.default_headers["X-Frame-Options"] = "DENY"
end
\`\`\`

Make sure the initializer does not use \`content_security_policy_report_only = true\`, which only reports.`,

    spring: `Spring Security sends \`X-Frame-Options: DENY\` unless it was disabled
(\`frameOptions().disable()\` is a common copy-paste). Keep it and add \`frame-ancestors\`:

\`\`\`java
http.headers(headers -> headers
    .frameOptions(frame -> frame.deny())
    .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'")));
\`\`\``,

    aspnet: `ASP.NET Core's antiforgery system adds \`X-Frame-Options: SAMEORIGIN\` only to pages that render
a token. Set both headers for every response in \`Program.cs\`:

\`\`\`csharp
app.Use(async (context, next) =>
{
    context.Response.Headers["Content-Security-Policy"] = "frame-ancestors 'none'";
    context.Response.Headers["X-Frame-Options"] = "DENY";
    await next();
});
\`\`\``,

    go: `Wrap the handler (or router) once:

\`\`\`go
func framingHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "frame-ancestors 'none'")
		w.Header().Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// http.ListenAndServe(addr, framingHeaders(mux))
\`\`\``,

    laravel: `Laravel's \`Illuminate\\Http\\Middleware\\FrameGuard\` only sends \`SAMEORIGIN\`. Add a middleware
that sets both headers and append it globally in \`bootstrap/app.php\`
(\`$middleware->append(FramingHeaders::class)\`):

\`\`\`php
public function handle(Request $request, Closure $next): Response
{
    $response = $next($request);
    $response->headers->set('Content-Security-Policy', "frame-ancestors 'none'");
    $response->headers->set('X-Frame-Options', 'DENY');
    return $response;
}
\`\`\``,

    nginx: `In the \`server\` block (\`always\` also covers error pages):

\`\`\`nginx
add_header Content-Security-Policy "frame-ancestors 'none'" always;
add_header X-Frame-Options "DENY" always;
\`\`\`

A \`location\` with any \`add_header\` of its own inherits none from the server block; repeat the lines
there. If the application already sends a CSP, add \`frame-ancestors\` to that policy instead.`,

    apache: `With mod_headers enabled, in the virtual host or \`.htaccess\`:

\`\`\`apache
Header always set Content-Security-Policy "frame-ancestors 'none'"
Header always set X-Frame-Options "DENY"
\`\`\`

\`Header set\` replaces a CSP the application sent; if it sends one, add \`frame-ancestors\` there instead.`,
  },

  authContexts: {
    'api-keys': {
      text: `An API key that your own script sends in a header does not travel with a framed page by itself, and a
JSON API cannot be framed at all: clickjacking needs a page a browser renders. Two designs common in
API-key products bring it back. The **key-management pages** (create, show, rotate, revoke a key) are
HTML pages behind a cookie session: framed by another site, one lined-up click rotates the user's key
and breaks their integration, or drags a freshly shown key into the attacker's page. And **single-page
apps that keep the key in the browser** (in \`localStorage\`) add it to every call, so the framed app is
fully signed in. Send the framing headers on every HTML page, the key-management pages first.`,
      faq: [
        {
          q: 'My API only takes keys in a header. Can it be clickjacked?',
          a: `The JSON endpoints cannot: a frame shows documents, not API answers. The HTML around the API can
be: the developer portal, the page that shows or rotates keys, a dashboard that stores the key. Those are
the pages Parapet reports, because they are the ones it saw rendered as documents.`,
        },
      ],
    },

    hmac: {
      text: `A signature proves that whoever built the request held the key or the signed link; in a clickjacking
attack that is the victim's own page, so signing does not help. If the page signs requests on the user's
click (its script holds a per-session signing key), the click inside the frame produces a correctly
signed request. Signed links (\`?expires=…&signature=…\`) opened in a frame do whatever they authorise:
confirm, unsubscribe, approve a payment. Refuse framing on every page that acts on a click, including the
pages behind signed links.`,
      faq: [
        {
          q: 'Does the HMAC signature stop clickjacking?',
          a: `No. The signature is checked on the request, and the request is made by the victim's browser from
your own page. Only the browser's framing rules (\`frame-ancestors\`, \`X-Frame-Options\`) stop the page from
being shown under another site.`,
        },
      ],
    },

    jwt: {
      text: `A JWT kept in \`localStorage\` or \`sessionStorage\` is attached by the app's own script, and that script
runs inside the frame too: a framed single-page app is signed in, and every click in it is
authenticated. A JWT in a cookie is sent with the framed page like any session cookie. Either way the
token does not protect against framing; \`frame-ancestors\` does.`,
      faq: [
        {
          q: 'Does SameSite on the token cookie stop clickjacking?',
          a: `Partly. Browsers leave \`SameSite=Lax\` and \`Strict\` cookies off a frame on another site, so a framed
page that relies on that cookie loads signed out in current browsers. A token in \`localStorage\` is not
affected, pages on a sibling subdomain count as the same site, and old browsers ignore SameSite. Send
\`frame-ancestors\` regardless.`,
        },
      ],
    },

    'cookie-session': {
      text: `This is the case clickjacking was named for: the browser sends the session cookie with the framed page,
so the page in the frame is the user's signed-in page and each click is theirs. A session cookie marked
\`SameSite=Lax\` (or \`Strict\`) is left off cross-site frames by current browsers, which makes a good
second layer: the framed page loads signed out. It does not replace the headers, because sibling
subdomains count as the same site and older browsers send the cookie anyway.`,
      fix: {
        flask: `Mark the session cookie as well as sending the headers:

\`\`\`python
app.config.update(SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=True)
\`\`\``,
        express: `Mark the session cookie as well as sending the headers:

\`\`\`js
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax', secure: true, httpOnly: true } }));
\`\`\``,
        django: `Django's default \`SESSION_COOKIE_SAMESITE = "Lax"\` already keeps the session cookie off cross-site
frames; keep it, and keep \`XFrameOptionsMiddleware\`.`,
      },
      faq: [
        {
          q: 'Is SameSite=Lax on the session cookie enough?',
          a: `No. It makes the framed page load signed out in current browsers, but a subdomain of your site (a
blog, a user-content host) is "same site" and still gets the cookie, and some clients ignore SameSite.
\`frame-ancestors 'none'\` is the control made for this.`,
        },
      ],
    },
  },

  limitations: `Parapet judges the headers of the pages it fetched; a page reached only after login or
through JavaScript navigation is judged only if the scan saw it. Whether an allowed partner origin in
\`frame-ancestors\` is trustworthy is not judged: any list of specific hosts counts as protection, and a
wildcard over a shared-hosting suffix with more than one label (\`*.github.io\`, \`*.co.uk\`) is treated as
a specific domain. \`SAMEORIGIN\` and \`'self'\` still allow framing from the same origin, so an XSS or
user-uploaded HTML on that origin could frame the page. Browsers older than CSP Level 2 rely on
X-Frame-Options alone; the verdict follows current browsers. The browser proof frames the page from a
loopback origin, so a policy that allows a class of origins an attacker could own but Parapet's page
does not have (\`*.com\`, \`https:\` on an http page) can only leave the finding as the headers say.`,

  references: [
    {
      title: 'HTML Standard: the X-Frame-Options header',
      url: 'https://html.spec.whatwg.org/#the-x-frame-options-header',
    },
    { title: 'CSP Level 3: frame-ancestors', url: 'https://www.w3.org/TR/CSP3/#directive-frame-ancestors' },
    {
      title: 'MDN: X-Frame-Options',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options',
    },
    {
      title: 'MDN: CSP frame-ancestors',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors',
    },
    {
      title: 'OWASP Clickjacking Defense Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html',
    },
    {
      title: 'CWE-1021: Improper Restriction of Rendered UI Layers or Frames',
      url: 'https://cwe.mitre.org/data/definitions/1021.html',
    },
  ],
  asvs: ['3.4.6'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.6'],
};

export default doc;
