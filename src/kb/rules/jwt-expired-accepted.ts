import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'The service accepts a JSON Web Token whose expiry (`exp`) has passed, so a token that leaks once keeps working for ever.',

  meaning: `A JWT is a bearer credential: whoever holds it is the user. Because it cannot be revoked one by one
without extra machinery, its \`exp\` claim is what limits the damage when it leaks — through a log, a
browser extension, a proxy, a shared screenshot, a stolen laptop. RFC 7519 says a token must not be accepted
on or after its expiry time. A verifier that decodes the token but never compares \`exp\` with the clock (or
turns the check off to "fix" clock-skew errors) turns every token ever issued into a permanent login.`,

  decides: `This is an active check: it runs only with \`--active\`, and sends GET requests only. It shares its
first steps with \`jwt-alg-none\`: the scan's own token, sent the way it travels, on an endpoint that refuses a
caller without it, serves data with it and refuses a junk value in its place.

Parapet then makes an **expired copy** of the token: the same header and claims, with \`exp\` a day in the past,
\`iat\` one token lifetime before that, and \`nbf\` (when present) moved with \`iat\`. It can only sign that copy
when it can forge tokens at all:

- with the HMAC key that \`jwt-weak-secret\` found in Parapet's list of weak keys (the offline search runs
  once per scan and both checks share it), the copy is signed properly, with the token's own algorithm;
- otherwise, when \`jwt-alg-none\` showed that an unsigned token with \`alg: none\` is accepted, the copy is sent
  that way.

An expired copy answered with a 2xx carrying the same data as the real token is **high** and **confirmed**.
When neither way of signing is available, nothing is sent and a note says the check could not run — an
expiry check cannot be tested without a token the service would otherwise accept.

What does **not** fire: a refused expired copy, a 2xx with other data, and services Parapet cannot forge tokens
for. A day in the past is far beyond any reasonable clock-skew allowance, so leeway settings do not cause
findings.`,

  fix: {
    generic: `Make expiry mandatory and enforced:

- require \`exp\` on every token and refuse tokens without it;
- keep the library's expiry check on, with at most a minute or two of leeway for clock skew;
- keep access tokens short-lived (minutes), and use refresh tokens that the server can revoke;
- if the key that signs the tokens is weak (\`jwt-weak-secret\`), replace it first: anyone who knows it can
  also write a fresh \`exp\`.`,

    flask: `PyJWT checks \`exp\` by default; do not turn it off, and require it:

\`\`\`python
claims = jwt.decode(raw, JWT_KEY, algorithms=["HS256"],
                    options={"require": ["exp"]}, leeway=30)
# not: options={"verify_exp": False}
\`\`\`

Flask-JWT-Extended: keep \`JWT_ACCESS_TOKEN_EXPIRES\` short (for example \`timedelta(minutes=15)\`), never \`False\`.`,

    express: `jsonwebtoken checks \`exp\` unless told not to:

\`\`\`js
const token = jwt.sign({ sub: user.id }, key, { algorithm: 'HS256', expiresIn: '15m' });
const claims = jwt.verify(token, key, { algorithms: ['HS256'], clockTolerance: 30 });
// not: { ignoreExpiration: true }
\`\`\``,

    django: `djangorestframework-simplejwt enforces expiry; keep lifetimes short and do not stretch them to years:

\`\`\`python
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "LEEWAY": 30,
}
\`\`\``,

    fastapi: `\`\`\`python
claims = jwt.decode(token, JWT_KEY, algorithms=["HS256"],
                    options={"require": ["exp", "sub"]}, leeway=30)
\`\`\`

Let \`jwt.ExpiredSignatureError\` become a 401; do not catch it and carry on.`,

    rails: `The \`jwt\` gem verifies \`exp\` when it is present; issue it and keep the check on:

\`\`\`ruby
token = JWT.encode({ sub: user.id, exp: 15.minutes.from_now.to_i }, key, 'HS256')
claims, = JWT.decode(token, key, true, { algorithm: 'HS256', required_claims: ['exp'], exp_leeway: 30 })
# not: verify_expiration: false
\`\`\``,

    spring: `Spring Security's \`NimbusJwtDecoder\` validates \`exp\` with its default validator; keep it when you add
your own:

\`\`\`java
decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
    JwtValidators.createDefault(),             // exp/nbf with 60 s skew
    new JwtIssuerValidator("https://auth.example.com")));
\`\`\``,

    aspnet: `\`\`\`csharp
options.TokenValidationParameters = new TokenValidationParameters
{
    ValidateLifetime = true,
    RequireExpirationTime = true,
    ClockSkew = TimeSpan.FromSeconds(30),   // the default is five minutes
    // …
};
\`\`\``,

    go: `golang-jwt validates \`exp\` when present; require it:

\`\`\`go
token, err := jwt.Parse(raw, keyFunc,
	jwt.WithValidMethods([]string{"HS256"}),
	jwt.WithExpirationRequired(),
	jwt.WithLeeway(30*time.Second))
\`\`\``,

    laravel: `With tymon/jwt-auth, keep \`JWT_TTL\` short, keep \`exp\` in \`required_claims\` (config/jwt.php) and do not
set the TTL to \`null\`. With firebase/php-jwt, \`JWT::decode\` throws \`ExpiredException\`: let it become a 401.`,
  },

  limitations: `Parapet can only test expiry on services whose tokens it can forge (a weak HMAC key, or
\`alg: none\` accepted); with a strong key and a strict algorithm the check does not run, which is the common
case for a well-configured service. Only one endpoint is tried. Refresh tokens and server-side revocation are
not examined.`,

  references: [
    {
      title: 'RFC 7519 §4.1.4: "exp" (Expiration Time) Claim',
      url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4',
    },
    {
      title: 'RFC 8725: JSON Web Token Best Current Practices',
      url: 'https://www.rfc-editor.org/rfc/rfc8725',
    },
    {
      title: 'OWASP Session Management Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
    },
    {
      title: 'CWE-613: Insufficient Session Expiration',
      url: 'https://cwe.mitre.org/data/definitions/613.html',
    },
  ],
  asvs: ['9.2.1'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
