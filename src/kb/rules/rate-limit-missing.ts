import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Missing rate limiting',
  summary:
    'A quick burst of requests to one endpoint met no rate limit: nothing slows down password guessing, credential stuffing, scraping or attempts to exhaust the service.',
  meaning: `Without a limit on how often one client may call an endpoint, every attack that needs many requests runs at
full speed: guessing passwords or one-time codes on a login endpoint, replaying leaked credential lists,
enumerating ids (see \`bola\`), scraping every record, or simply sending expensive requests until the
service or its bill gives out. OWASP lists this as API4:2023, Unrestricted Resource Consumption.

A limit answers the client that went too far with \`429 Too Many Requests\`, usually with \`Retry-After\`
saying when to come back, and often announces its policy in advance with \`RateLimit\` /
\`RateLimit-Policy\` (IETF draft) or the older \`X-RateLimit-Limit\` / \`X-RateLimit-Remaining\` headers.`,
  decides: `Parapet first reads every response the scan already has: a \`429\`, a \`Retry-After\` header, or any
\`RateLimit\`, \`RateLimit-*\`, \`X-RateLimit-*\` or \`X-Rate-Limit-*\` header on any of them means a limit is in
place, and no burst is sent.

Otherwise it picks one cheap endpoint that answered a GET with 2xx: a login or other authentication
endpoint if one was seen (\`/login\`, \`/auth\`, \`/token\`, \`/session\`, \`/password/reset\`…), else the smallest
JSON response, else the start page. It sends at most 40 GETs to it, four at a time through the scan's
per-host pace, and stops at the first response carrying any of the signals above. These requests are not
retried on 429: a 429 the burst causes is the limit it is looking for, never an error of the target, and
the rest of the scan carries on (Parapet's other requests honour \`Retry-After\`).

It reports when all 40 answers were 2xx with no signal (**firm**); when the scan's budget cut the burst
short after at least 20 such answers, **tentative**. It does **not** report when any signal appeared,
when answers changed to another status (a \`403\` from a firewall, a \`503\`), or when requests failed; those
bursts are inconclusive and a note says so.`,
  fix: {
    generic: `Limit requests per client (per user for authenticated calls, per IP address or API key otherwise), with
stricter limits on authentication, password reset, one-time code and other expensive or sensitive
endpoints. Answer excess requests with \`429\` and \`Retry-After\`, and advertise the policy with
\`RateLimit\`/\`RateLimit-Policy\` headers so well-behaved clients can slow down.

Enforce the limit where all instances share it (a gateway, a reverse proxy, or a store such as Redis), not
in one process's memory, and add account-level protections (lockout or growing delays after failed logins)
on top of per-IP limits, which credential stuffing spreads across many addresses.`,
    flask: `Use Flask-Limiter with a shared storage backend and a strict limit on the login route:

\`\`\`python
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(
    get_remote_address,
    app=app,
    default_limits=["300 per minute"],
    storage_uri="redis://localhost:6379",
    headers_enabled=True,  # X-RateLimit-* and Retry-After
)

@app.post("/login")
@limiter.limit("5 per minute")
def login():
    ...
\`\`\``,
    express: `Use express-rate-limit (with a shared store such as rate-limit-redis when running several instances):

\`\`\`js
import { rateLimit } from 'express-rate-limit';

app.use('/api', rateLimit({ windowMs: 60_000, limit: 300, standardHeaders: 'draft-7', legacyHeaders: false }));
app.use('/login', rateLimit({ windowMs: 15 * 60_000, limit: 10, standardHeaders: 'draft-7', legacyHeaders: false }));
\`\`\``,
    django: `Turn on Django REST framework throttling, with a tighter scope for authentication views (and a shared cache
backend such as Redis):

\`\`\`python
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "300/minute", "login": "5/minute"},
}

class LoginView(APIView):
    throttle_scope = "login"
\`\`\``,
    fastapi: `Use slowapi (limits per route, answered with 429):

\`\`\`python
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=["300/minute"])
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)

@app.post("/login")
@limiter.limit("5/minute")
async def login(request: Request):
    ...
\`\`\``,
    rails: `Rails 7.2 and later limit per controller action; Rack::Attack covers older versions and the whole app:

\`\`\`ruby
class SessionsController < ApplicationController
  rate_limit to: 5, within: 1.minute, only: :create
end

# config/initializers/rack_attack.rb
Rack::Attack.throttle("req/ip", limit: 300, period: 1.minute) { |req| req.ip }
Rack::Attack.throttle("logins/ip", limit: 5, period: 1.minute) do |req|
  req.ip if req.path == "/login" && req.post?
end
\`\`\``,
    spring: `Spring has no built-in limiter; Bucket4j in a filter (or your API gateway) provides one:

\`\`\`java
Bucket bucket = Bucket.builder()
    .addLimit(limit -> limit.capacity(300).refillGreedy(300, Duration.ofMinutes(1)))
    .build(); // keep one bucket per client key, in a shared store for several instances

if (!bucket.tryConsume(1)) {
    response.setStatus(429);
    response.setHeader("Retry-After", "60");
    return;
}
\`\`\`

Spring Cloud Gateway's \`RequestRateLimiter\` filter does the same at the gateway.`,
    aspnet: `Use the built-in rate limiting middleware (.NET 7 and later). Its default rejection status is 503, so set
429 explicitly:

\`\`\`csharp
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.AddFixedWindowLimiter("login", o => { o.PermitLimit = 5; o.Window = TimeSpan.FromMinutes(1); });
});

app.UseRateLimiter();
app.MapPost("/login", Login).RequireRateLimiting("login");
\`\`\``,
    go: `Keep a limiter per client with \`golang.org/x/time/rate\` (or use a gateway):

\`\`\`go
var limiters sync.Map // client key → *rate.Limiter

func limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		l, _ := limiters.LoadOrStore(host, rate.NewLimiter(rate.Every(200*time.Millisecond), 20))
		if !l.(*rate.Limiter).Allow() {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
\`\`\``,
    laravel: `Define limiters and attach them with the \`throttle\` middleware (Laravel answers 429 with \`Retry-After\` and
\`X-RateLimit-*\` headers):

\`\`\`php
// AppServiceProvider::boot()
RateLimiter::for('api', fn (Request $request) =>
    Limit::perMinute(300)->by($request->user()?->id ?: $request->ip()));
RateLimiter::for('login', fn (Request $request) =>
    Limit::perMinute(5)->by($request->input('email').'|'.$request->ip()));

Route::post('/login', [AuthController::class, 'login'])->middleware('throttle:login');
\`\`\``,
    nginx: `Limit at the proxy; nginx rejects with 503 unless told otherwise:

\`\`\`nginx
limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;
limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m;

server {
    limit_req_status 429;
    location /api/  { limit_req zone=api burst=20 nodelay; proxy_pass http://app; }
    location /login { limit_req zone=login; proxy_pass http://app; }
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `Limit per key, not only per IP: integrations run from a few servers, and one leaked key should not be
able to drain your API at the speed of its network. Give each key (or plan) a quota, answer over-limit
calls with \`429\` and \`Retry-After\`, and publish the limit in \`RateLimit\` headers so well-behaved clients
slow down. Keep a stricter per-IP limit on anything that accepts a key without one yet (sign-up, key
creation, key checks), which is where key guessing happens.`,
      fix: {
        flask: `With Flask-Limiter, key the limit on a hash of the API key, falling back to the client address:

\`\`\`python
import hashlib

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def caller_key():
    key = request.headers.get("X-API-Key")
    return hashlib.sha256(key.encode()).hexdigest() if key else get_remote_address()


limiter = Limiter(caller_key, app=app, default_limits=["600 per minute"], storage_uri="redis://localhost:6379")
\`\`\``,
      },
    },

    jwt: {
      text: `Limit per subject (the token's \`sub\`, or tenant) as well as per IP, and limit the endpoints that issue
tokens (login, refresh) hardest: that is where passwords are guessed and refresh tokens abused.`,
    },

    'cookie-session': {
      text: `Limit the login, registration and password-reset forms per account and per IP, with a delay that grows
after failures, and answer \`429\` with \`Retry-After\`. Signed-in traffic can be limited per session or
user id.`,
    },
  },

  limitations: `One endpoint is tested with at most 40 requests: a limit set higher than that (say 100 per minute) is
reported as missing, and a limit on other endpoints is not seen. A limit that only counts failed logins
(POSTs) is not seen either, since the default mode sends GETs only.
A server that slows down instead of refusing, or drops connections, is not judged. Check the configured
limits against your own expected traffic.`,
  references: [
    {
      title: 'OWASP API Security Top 10 (2023): API4 Unrestricted Resource Consumption',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/',
    },
    {
      title: 'RFC 6585, section 4: 429 Too Many Requests',
      url: 'https://www.rfc-editor.org/rfc/rfc6585#section-4',
    },
    {
      title: 'IETF draft: RateLimit header fields for HTTP',
      url: 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/',
    },
    {
      title: 'MDN: 429 Too Many Requests',
      url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429',
    },
    {
      title: 'CWE-770: Allocation of Resources Without Limits or Throttling',
      url: 'https://cwe.mitre.org/data/definitions/770.html',
    },
  ],
  asvs: ['2.4.1', '6.3.1'],
  pciDss: ['6.2.4'],
  soc2: ['A1.1', 'CC6.1'],
};

export default doc;
