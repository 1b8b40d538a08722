import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Leaky referrer policy',
  summary:
    'HTML pages set a referrer policy that sends their full URL — path and query — to other origins, or a page whose URL carries a secret relies on the browser default alone.',
  meaning: `When a page loads an image, a script or a font from another origin, or the user follows a
link away, the browser may send the page's URL in the \`Referer\` header. With a full URL go its
path and query: a password-reset or e-mail-confirmation token, an API key, a session id
(\`;jsessionid=…\`), a search term, a document id. Analytics providers, CDNs, ad networks and every
site the page links to then hold it in their logs, and a token there is a credential anyone
with access to those logs can replay.

Since Chrome 85 (2020) and Firefox 87 (2021) browsers default to \`strict-origin-when-cross-origin\`:
other origins get only \`https://your.site/\`, and nothing at all on a downgrade to http. Safari
trims cross-site referrers to the origin as well. So the default is safe today; the leak comes
back when a site explicitly chooses \`unsafe-url\` or \`no-referrer-when-downgrade\` (the old default,
still copied from old snippets and some frameworks' settings).`,
  decides: `Parapet judges every 2xx HTML document the scan fetched (no extra requests), and works out
the policy a browser would apply:

1. **The header.** \`Referrer-Policy\` is a comma-separated list, possibly on several lines; per the
   Referrer Policy specification the **last** token that names a policy wins and unknown tokens
   are skipped (so \`no-referrer, unsafe-url\` is \`unsafe-url\`, and \`no-referrer, future-policy\` is
   \`no-referrer\`). Tokens are compared case-insensitively, as browsers do.
2. **\`<meta name="referrer">\`.** Browsers honour it (unlike a CSP \`frame-ancestors\` in meta): each
   one with a valid value, in document order, replaces the policy so far, including the header's.
   The legacy keywords \`never\`, \`always\`, \`default\` and \`origin-when-crossorigin\` count; a meta
   with an empty or unknown value changes nothing.
3. **No policy** means the browser default, \`strict-origin-when-cross-origin\`.
4. **\`referrerpolicy\` attributes** (and \`rel=noreferrer\`) apply to their own element only: they
   neither make a leaky document safe nor make a safe document leaky.

**Leaky policies** are those that send the full URL to another origin: \`unsafe-url\` and
\`no-referrer-when-downgrade\`. \`no-referrer\`, \`same-origin\`, \`origin\`, \`strict-origin\`,
\`strict-origin-when-cross-origin\` and \`origin-when-cross-origin\` are not findings: the last two send
at most the origin, which names no page and carries no query.

**A URL carries a secret** when a query value under a credential-like name (\`token\`, \`access_token\`,
\`key\`, \`api_key\`, \`secret\`, \`password\`, \`session\`, \`sid\`, \`code\`, \`signature\`, …) looks random
(eight characters or more with letters and digits, or twenty or more), when any value is a JWT, or
when the path carries a session id (\`;jsessionid=\`). \`?key=title\`, \`?code=US\` or \`?token=abc\` do not.

What fires:
- a page whose URL carries a secret and whose document policy is leaky → **medium**, firm (one
  finding per URL pattern; the secret is masked in the report);
- a page whose URL carries a secret, whose document policy is safe, but which has an element with
  \`referrerpolicy="unsafe-url"\` (or \`no-referrer-when-downgrade\`) pointing at another origin →
  **medium**, firm;
- a page whose URL carries a secret and which sets no policy at all → **low**, tentative: current
  browsers protect it, older browsers and some embedded web views do not, and naming the policy
  costs one header;
- pages without secrets in their URL under a leaky policy → **low**, firm, grouped like other
  site-wide header rules (one finding for the origin when every page has it, else per section).

What does not fire: a missing header on pages whose URLs carry nothing secret (the browser default
already keeps the URL in), any safe policy, JSON and other non-HTML responses, error pages and
redirects, a per-element leaky attribute on a page whose URL carries nothing secret (an embed that
asks for the page URL, such as a map, gets what the site chose to give it).`,
  fix: {
    generic: `Send \`Referrer-Policy: strict-origin-when-cross-origin\` (or the stricter \`same-origin\` or
\`no-referrer\`) on every HTML response, and remove any \`unsafe-url\` or \`no-referrer-when-downgrade\`
from headers, \`<meta name="referrer">\` tags and \`referrerpolicy\` attributes. Better still, keep
secrets out of URLs: send tokens in a POST body or a header, or put a one-time token in the fragment
(\`#token=…\`), which is never sent, and exchange it for a session at once. A page that must carry a
token in its URL should set \`no-referrer\` and load nothing from other origins.`,
    flask: `\`\`\`python fix=flask
@app.after_request
def referrer_policy(response):
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response
\`\`\`
Flask-Talisman sends \`strict-origin-when-cross-origin\` by default; check that no
\`referrer_policy="unsafe-url"\` is passed to it.`,
    express: `Helmet sends \`Referrer-Policy: no-referrer\` by default; if you relax it, stay strict:

\`\`\`js
app.use(helmet({ referrerPolicy: { policy: 'strict-origin-when-cross-origin' } }));
\`\`\``,
    django: `\`SecurityMiddleware\` sends the policy from \`SECURE_REFERRER_POLICY\` (default \`same-origin\` since
Django 3.1). Do not set it to \`unsafe-url\` or \`no-referrer-when-downgrade\`:

\`\`\`python
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
\`\`\``,
    fastapi: `\`\`\`python
@app.middleware("http")
async def referrer_policy(request, call_next):
    response = await call_next(request)
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response
\`\`\``,
    rails: `Rails sends \`strict-origin-when-cross-origin\` through its default headers; keep it so:

\`\`\`ruby
config.action_dispatch.default_headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
\`\`\``,
    spring: `\`\`\`java
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

http.headers(headers -> headers
    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
\`\`\``,
    aspnet: `\`\`\`csharp
app.Use(async (context, next) =>
{
    context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    await next();
});
\`\`\``,
    go: `\`\`\`go
func referrerPolicy(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}
\`\`\``,
    laravel: `In a global middleware (see the X-Content-Type-Options fix for registering one):

\`\`\`php
$response->headers->set('Referrer-Policy', 'strict-origin-when-cross-origin');
\`\`\``,
    nginx: `\`\`\`nginx
add_header Referrer-Policy "strict-origin-when-cross-origin" always;
\`\`\`
If the application sends its own leaky value, hide it first: \`proxy_hide_header Referrer-Policy;\`.`,
    apache: `\`\`\`apache
Header always set Referrer-Policy "strict-origin-when-cross-origin"
\`\`\``,
    caddy: `\`\`\`caddy
example.com {
	header Referrer-Policy strict-origin-when-cross-origin
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `Dashboards and docs pages sometimes put a key in their own URL (\`/keys?api_key=…\`, a "try it" link).
Under a leaky policy the full URL goes to every third-party script, font and analytics host the page
loads. Keep keys out of page URLs, and send \`strict-origin-when-cross-origin\` or \`no-referrer\`.`,
    },

    hmac: {
      text: `A page reached through a signed link (a password reset, an e-mail confirmation, a download) has the
signature in its own URL. Under a leaky policy that URL, signature included, goes to every other origin
the page loads from or links to, and stays usable until it expires. Send \`no-referrer\` on pages reached
through signed links.`,
      fix: {
        flask: `Set the strictest policy on the views behind signed links:

\`\`\`python
@app.get("/reset/<token>")
def reset(token):
    response = make_response(render_template("reset.html"))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
\`\`\``,
      },
    },

    jwt: {
      text: `A JWT in a page URL (a magic-link login, an OAuth implicit-flow redirect) leaks to third parties through
\`Referer\` under a leaky policy, and is usable until it expires. Move the token out of the URL (a POST, a
fragment that the page reads and clears) and send \`no-referrer\` on those pages.`,
    },
  },

  limitations: `Parapet reads the HTML as served: a policy changed later by script (a meta inserted at
runtime, \`referrerPolicy\` set on elements or passed to \`fetch()\`) is not seen. A comma list inside a
meta tag is read the way Chromium reads it (last valid token); Firefox ignores such a meta. Secrets
are recognised in query strings and path session ids, not in ordinary path segments
(\`/reset/3f9a…/\`), which cannot be told from ids without guessing. Requests a page makes from
script cannot be enumerated, so a leaky policy is reported even on a page with no visible
cross-origin reference.`,
  references: [
    { title: 'W3C Referrer Policy', url: 'https://w3c.github.io/webappsec-referrer-policy/' },
    {
      title: 'HTML Standard: the referrer metadata name',
      url: 'https://html.spec.whatwg.org/multipage/semantics.html#meta-referrer',
    },
    {
      title: 'MDN: Referrer-Policy',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referrer-Policy',
    },
    {
      title: 'Chrome Platform Status: default to strict-origin-when-cross-origin',
      url: 'https://chromestatus.com/feature/6251880185331712',
    },
    {
      title: 'OWASP HTTP Headers Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html',
    },
    {
      title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor',
      url: 'https://cwe.mitre.org/data/definitions/200.html',
    },
  ],
  asvs: ['3.4.5'],
  pciDss: [],
  soc2: ['CC6.7'],
};

export default doc;
