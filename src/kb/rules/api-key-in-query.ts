import { FLASK_API_KEY_STORE, flaskApiKeyHook } from '../shared/flask-api-key.js';
import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'API key in the URL',
  summary:
    'The API takes its key (or token) from the URL, or hands out URLs that carry one: URLs are written to access logs, proxy and CDN logs, browser history and Referer headers, so the credential leaks to everyone who can read any of them.',
  meaning: `A credential in a request header stays between the client and the server. The same credential in the
query string (\`/v1/orders?api_key=…\`) becomes part of the URL, and URLs are copied everywhere: the web
server's and the load balancer's access logs, a CDN's logs, an analytics tool, the browser's history and
address bar, bookmarks, links pasted into chats and tickets, and the \`Referer\` header of every request the
page makes to another site. Anyone who reads one of those copies holds a working key, usually long after
the request, and nobody notices because nothing was broken into.

An API that *accepts* a key in the query invites clients to send it there, even if the documentation says
otherwise, and a server that *hands out* links with a key or token in them (a "download" link, a script URL,
a pagination link) leaks it on the server's own initiative. OAuth's bearer token specification (RFC 6750)
already advised against the query form in 2012 for these reasons, and the OAuth 2.1 draft leaves it out.

**API key design.** Whatever carries it, a key is a password for a program. Keys that stay safe share a few traits:

- **Never in URLs**: only in a header (\`Authorization\` or \`X-API-Key\`), only over TLS; the server rejects a
  key in the query instead of quietly accepting it.
- **Scoped**: one key per client and per environment, with the least access that client needs (read-only
  keys, per-resource scopes), so a leaked key opens little.
- **Rotated**: keys expire, clients can hold two valid keys during a change-over, and revocation is one
  action that takes effect at once.
- **Rate limited and monitored** per key, so abuse of a leaked key is slowed and seen.
- **Hashed at rest**: generate at least 128 random bits, show the key once, store only a hash
  (SHA-256 is enough for random keys) plus a short non-secret prefix to look it up, and compare in
  constant time.
- **Recognisable**: a fixed prefix (\`myco_live_…\`) lets secret scanners find keys that end up in code or logs.`,
  decides: `Two independent parts, both on the target's own origin only:

1. **Accepted in the query (confirmed).** Only when the scan was given a key header (\`--header 'X-API-Key: …'\`)
   or a bearer token. Parapet takes up to three authenticated GETs that answered 2xx (JSON first; the start
   page, health checks and the OpenAPI document are skipped) and asks for each again *without credentials*.
   An endpoint that then answers 401 or 403 needed the credential. On up to two such endpoints it sends the
   credential, still without the header, under the usual query names: \`api_key\`, \`apikey\`, \`key\`,
   \`token\`, \`access_token\`, and the header's own name in lower case and as written (for a bearer token:
   \`access_token\`, \`token\` and the key names). An answer with the same status and the same data as the
   authenticated one (at least 80% alike) is the proof; Parapet stops at the first accepted name per endpoint
   and reports one finding per query name, covering the endpoints that accepted it. The finding is
   *confirmed*.
2. **Handed out in URLs (firm or tentative).** Links, script sources and form actions in the pages and JSON
   the scan fetched (and the hidden fields a GET form would add to its URL) are read for query parameters
   that hold a credential: a name such as \`api_key\`, \`access_token\`, \`token\`, \`key\`, \`auth\`, \`secret\`
   or \`password\` with a value that looks random, or a JWT under any name, is *firm*; a session id in the
   URL is *tentative*.

It does **not** report: an API that reads its key from headers only; an API that needs no key at all (a
note says the check could not run); links to other origins (a browser key for a maps script, for
instance, is meant to be public and restricted by referrer); signed or presigned URLs (\`X-Amz-Signature\`,
\`sig\`), one-time codes, OAuth \`state\` and anti-CSRF tokens on links; short or guessable values
(\`token=demo\`). Basic and cookie credentials have no query form and are not offered.`,
  fix: {
    generic: `Read the key from a header only, and refuse requests that put it in the URL so clients learn at once:

\`\`\`text
key = request.header("X-API-Key")          # or Authorization: Bearer …
if request.query has api_key / apikey / key / token / access_token:
    reject 400 "send the key in the X-API-Key header"
record = lookup(prefix(key)); if none or not constant_time_equal(hash(key), record.hash): reject 401
\`\`\`

Then treat every key that ever travelled in a URL as leaked: rotate it and tell its owner. Scrub query
strings from logs where you can (most servers can log the path without the query). If a link really must
grant access on its own (a download, a shared report), make it a short-lived, single-purpose signed URL
instead of embedding a long-lived key.`,
    flask: `Check the key in one \`before_request\` hook that reads the header only, never \`request.args\`
or \`request.values\` (which include the query string):

${flaskApiKeyHook('the header only: not request.args')}

${FLASK_API_KEY_STORE}

While clients migrate, you can answer a key in the query with a 400 that says where it belongs
(\`if request.args.keys() & {"api_key", "key", "token"}: abort(400)\`) instead of ignoring it; rotate
every key that was ever sent in a URL.`,
    express: `Read \`req.get('x-api-key')\`, never \`req.query\`, in a middleware mounted before the routes:

\`\`\`js
import { createHash, timingSafeEqual } from 'node:crypto';

const QUERY_KEY_NAMES = ['api_key', 'apikey', 'key', 'token', 'access_token'];
const sha256 = (s) => createHash('sha256').update(s).digest();

export function requireApiKey(req, res, next) {
  if (QUERY_KEY_NAMES.some((n) => n in req.query)) {
    return res.status(400).json({ error: 'send the key in the X-API-Key header' });
  }
  const presented = req.get('x-api-key') ?? '';
  const record = presented && keys.findByPrefix(presented.slice(0, 8)); // stores a SHA-256 Buffer
  if (!record || !timingSafeEqual(sha256(presented), record.hash)) {
    return res.status(401).set('WWW-Authenticate', 'ApiKey').json({ error: 'unauthorized' });
  }
  req.apiKey = record;
  next();
}

app.use('/api', requireApiKey);
\`\`\``,
    django: `In Django REST framework, authenticate from the header in an authentication class;
\`request.query_params\` and \`request.GET\` must not be consulted:

\`\`\`python
import hashlib
import hmac

from rest_framework import authentication, exceptions


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        presented = request.headers.get("X-API-Key")
        if not presented:
            return None
        key = ApiKey.objects.filter(prefix=presented[:8], revoked=False).first()
        digest = hashlib.sha256(presented.encode()).hexdigest()
        if key is None or not hmac.compare_digest(key.sha256, digest):
            raise exceptions.AuthenticationFailed("Invalid API key.")
        return (key.owner, key)

    def authenticate_header(self, request):
        return "ApiKey"  # makes DRF answer 401 instead of 403
\`\`\`

The \`djangorestframework-api-key\` package does the same with hashed keys and a header
(\`Authorization: Api-Key …\`).`,
    fastapi: `Declare the key with \`APIKeyHeader\`; do not use \`APIKeyQuery\`:

\`\`\`python
from fastapi import APIRouter, HTTPException, Security, status
from fastapi.security import APIKeyHeader

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


async def require_key(presented: str | None = Security(api_key_header)) -> ApiKey:
    key = await find_key(presented) if presented else None  # hash + hmac.compare_digest inside
    if key is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, detail="unauthorized", headers={"WWW-Authenticate": "ApiKey"}
        )
    return key


router = APIRouter(prefix="/api/v1", dependencies=[Security(require_key)])
\`\`\``,
    rails: `Read the header in a \`before_action\` of the API base controller, not \`params\` (which merges the
query string):

\`\`\`ruby
class Api::BaseController < ActionController::API
  before_action :authenticate_api_key!

  private

  def authenticate_api_key!
    presented = request.headers["X-API-Key"].to_s
    @api_key = ApiKey.find_by(prefix: presented[0, 8])
    digest = Digest::SHA256.hexdigest(presented)
    unless @api_key && ActiveSupport::SecurityUtils.secure_compare(@api_key.sha256, digest)
      response.headers["WWW-Authenticate"] = "ApiKey"
      head :unauthorized
    end
  end
end
\`\`\``,
    spring: `Authenticate in a filter that reads the header (never \`request.getParameter\`, which includes the query):

\`\`\`java
public class ApiKeyFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        String presented = req.getHeader("X-API-Key");
        if (presented != null) {
            keys.verify(presented) // SHA-256 + MessageDigest.isEqual
                .ifPresent(key -> SecurityContextHolder.getContext().setAuthentication(key.toAuthentication()));
        }
        chain.doFilter(req, res);
    }
}
\`\`\`

Register it with \`http.addFilterBefore(new ApiKeyFilter(...), AnonymousAuthenticationFilter.class)\` and
require \`.anyRequest().authenticated()\`.`,
    aspnet: `Write an authentication handler that reads \`Request.Headers["X-API-Key"]\` (not \`Request.Query\`):

\`\`\`csharp
protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
{
    if (!Request.Headers.TryGetValue("X-API-Key", out var presented))
        return AuthenticateResult.NoResult();
    var key = await _keys.FindByPrefixAsync(presented.ToString()[..8]);
    var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
    if (key is null || !CryptographicOperations.FixedTimeEquals(digest, key.Sha256))
        return AuthenticateResult.Fail("invalid key");
    return AuthenticateResult.Success(new AuthenticationTicket(key.ToPrincipal(Scheme.Name), Scheme.Name));
}
\`\`\``,
    go: `Read \`r.Header.Get("X-API-Key")\`, never \`r.URL.Query()\` or \`r.FormValue\` (which also reads the query):

\`\`\`go
func requireAPIKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		presented := r.Header.Get("X-API-Key")
		key, ok := keys.Verify(presented) // sha256 + subtle.ConstantTimeCompare
		if !ok {
			w.Header().Set("WWW-Authenticate", "ApiKey")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(\`{"error":"unauthorized"}\`))
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), apiKeyCtx{}, key)))
	})
}
\`\`\``,
    laravel: `Read \`$request->header('X-API-Key')\` in a middleware; \`$request->input()\` and \`$request->get()\`
also read the query string:

\`\`\`php
public function handle(Request $request, Closure $next)
{
    $presented = (string) $request->header('X-API-Key');
    $key = ApiKey::where('prefix', substr($presented, 0, 8))->first();
    if (! $key || ! hash_equals($key->sha256, hash('sha256', $presented))) {
        return response()->json(['error' => 'unauthorized'], 401, ['WWW-Authenticate' => 'ApiKey']);
    }
    $request->attributes->set('api_key', $key);
    return $next($request);
}
\`\`\`

Sanctum's personal access tokens already travel in \`Authorization: Bearer\` and are stored hashed.`,
    nginx: `While the application is being fixed, keep keys out of the access log: log the path without the query.

\`\`\`nginx
log_format noquery '$remote_addr - [$time_local] "$request_method $uri $server_protocol" $status';
access_log /var/log/nginx/access.log noquery;
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `A key in a URL is copied wherever URLs go: access logs of every proxy and load balancer on the way,
browser history, bookmarks, \`Referer\` headers sent to other sites, analytics, error trackers, shared
screenshots. Anyone who reads one of those can use the key until it is revoked. Accept keys only in a
header, answer a key in the query with an error (so clients notice), and rotate every key that was ever
sent in a URL.`,
      faq: [
        {
          q: 'We stopped accepting keys in the query. Are we done?',
          a: `Rotate the keys that were used that way: they sit in logs you may not control (a CDN, a customer's
proxy). Then search your own logs for the parameter and purge it, and keep refusing the query form so an
old client fails loudly instead of leaking quietly.`,
        },
      ],
    },

    hmac: {
      text: `Signed URLs legitimately carry a signature in the query (\`?expires=…&signature=…\`), and that is fine
when the signature covers the method, path and parameters, expires within minutes, and authorises one
action. What must never travel in a URL is the signing key itself, or a long-lived API key added "for
convenience" next to the signature. Keep link lifetimes short: the link is a credential for as long as it
is valid, and it ends up in the same logs and \`Referer\` headers as any URL.`,
      faq: [
        {
          q: 'Are signed download links an API key in the URL?',
          a: `Not in the same way: a signed link is a narrow, expiring capability for one resource, not a
credential for the whole API. Give it an expiry of minutes, bind it to the path, and do not accept it
anywhere else.`,
        },
      ],
    },

    jwt: {
      text: `A JWT in the query string (\`?access_token=…\`, \`?token=…\`) is a bearer token in every log and \`Referer\`
header that sees the URL, usable by anyone until it expires. RFC 6750 allows the query form only when no
other way works. Take the token from the \`Authorization\` header; where a link or a WebSocket really
must carry access, mint a separate single-use token that is valid for seconds.`,
    },
  },

  limitations: `Part 1 needs a key header or a bearer token given to the scan, and an endpoint that refuses anonymous
callers among the first few it tries; it sends the real credential in a query string to the target itself,
so that URL appears once in the target's own access log (rotate the scan's key if that matters). It offers
a handful of common names; an API that reads some other parameter (\`?auth_code=\`) is not found. Part 2
sees only the links in what the scan fetched; keys built into URLs by scripts at run time are not seen (see
\`secret-leak\` for keys in script text).`,
  references: [
    {
      title: 'RFC 6750: Bearer Token Usage, section 2.3 (URI query parameter)',
      url: 'https://www.rfc-editor.org/rfc/rfc6750#section-2.3',
    },
    {
      title: 'CWE-598: Use of GET Request Method With Sensitive Query Strings',
      url: 'https://cwe.mitre.org/data/definitions/598.html',
    },
    {
      title: 'OWASP API Security Top 10 (2023): API2 Broken Authentication',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/',
    },
    {
      title: 'OWASP REST Security Cheat Sheet: API keys and sensitive information in HTTP requests',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html',
    },
  ],
  asvs: ['14.2.1'],
  pciDss: ['6.2.4', '8.3.2'],
  soc2: ['CC6.1', 'CC6.7'],
};

export default doc;
