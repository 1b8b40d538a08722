import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Weak JWT signing key',
  summary:
    'A JWT the service issues or accepts is signed with an HMAC key from a list of weak keys, so anyone can mint valid tokens for any user, role or expiry.',

  meaning: `An HS256, HS384 or HS512 JWT is signed with a shared secret: the server recomputes the HMAC over
header and payload and accepts the token when it matches. Whoever knows the secret can write any claims
(\`"sub": "admin"\`, \`"role": "owner"\`, an expiry years away) and sign them. Nothing in the token is
encrypted: its claims are readable by anyone.

Signing keys copied from tutorials and library READMEs (\`secret\`, \`your-256-bit-secret\`,
\`shhhhh\`, \`changeme\`) or invented by hand fall to an offline search: one token seen anywhere is enough to
test thousands of keys a second without touching the server. RFC 7518 requires an HMAC key at least as
long as the hash output (256 bits for HS256) precisely so that it cannot be guessed.`,

  decides: `Parapet collects every JWT the scan saw — in response bodies (JSON login answers, pages, scripts),
in response headers and \`Set-Cookie\` values — and any JWT it was given as a credential (\`--bearer\`, a
header, a cookie). For each token whose header says \`HS256\`, \`HS384\` or \`HS512\` it recomputes the HMAC of
\`header.payload\` with each key in Parapet's own list (\`data/secret-keys.txt\`, see \`data/README.md\`).

It reports **critical** and **confirmed** only when a key reproduces the signature exactly. The finding
records the token's algorithm, issuer and expiry, where it was seen, and the key's first characters;
the token itself is shown only by its first four characters. One key is reported once, however many
tokens it signed. No request is sent.

Tokens signed with RSA or ECDSA (\`RS256\`, \`ES256\`…) have no shared secret to guess and are not examined;
\`alg: none\` is \`jwt-alg-none\`'s business. When HMAC tokens were checked and no key matched, the report
carries a note saying so.`,

  fix: {
    generic: `Replace the key with at least 32 random bytes kept outside the code, and pin the algorithm on
verification:

1. Generate: \`openssl rand -base64 32\` (or \`python -c 'import secrets; print(secrets.token_urlsafe(32))'\`).
2. Store it in the environment or a secret manager; load it at start-up.
3. Verify with an explicit algorithm list (\`HS256\` only) and check \`exp\`, \`iss\` and \`aud\`.
4. Every token signed with the old key must be considered forgeable: rotating the key invalidates them,
   which is required. Keep access tokens short-lived.

If several services verify the tokens, prefer an asymmetric algorithm (\`ES256\`, \`RS256\`) so that only the
issuer holds a signing key.`,

    flask: `Load the key from the environment (32 random bytes or more, e.g. \`python -c "import secrets;
print(secrets.token_urlsafe(32))"\`), never from code, and fail at start-up when it is missing:

\`\`\`python fix=flask
import os

JWT_KEY = os.environ["JWT_SECRET"].encode()  # bytes work with PyJWT and with hmac
\`\`\`

With PyJWT, pin the algorithm and require an expiry when verifying:

\`\`\`python
import jwt

token = jwt.encode({"sub": user_id, "exp": expires}, JWT_KEY, algorithm="HS256")
claims = jwt.decode(token, JWT_KEY, algorithms=["HS256"], options={"require": ["exp"]})
\`\`\`

With Flask-JWT-Extended, set \`app.config["JWT_SECRET_KEY"]\` the same way: when it is unset, the
extension signs with \`SECRET_KEY\`, so one weak secret would forge both sessions and tokens.`,

    fastapi: `\`\`\`python
import os
import jwt
from fastapi import HTTPException

JWT_KEY = os.environ["JWT_SECRET"]

def current_claims(token: str) -> dict:
    try:
        return jwt.decode(token, JWT_KEY, algorithms=["HS256"], options={"require": ["exp"]})
    except jwt.PyJWTError:
        raise HTTPException(status_code=401)
\`\`\``,

    django: `With djangorestframework-simplejwt, give it its own random key instead of \`SECRET_KEY\`:

\`\`\`python
SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": os.environ["JWT_SIGNING_KEY"],
}
\`\`\``,

    express: `With jsonwebtoken:

\`\`\`js
const key = process.env.JWT_SECRET; // 32+ random bytes, base64
const token = jwt.sign({ sub: user.id }, key, { algorithm: 'HS256', expiresIn: '15m' });
const claims = jwt.verify(token, key, { algorithms: ['HS256'] });
\`\`\``,

    rails: `With the \`jwt\` gem, read the key from credentials:

\`\`\`ruby
key = Rails.application.credentials.jwt_secret # bin/rails secret
token = JWT.encode({ sub: user.id, exp: 15.minutes.from_now.to_i }, key, 'HS256')
claims, = JWT.decode(token, key, true, { algorithm: 'HS256' })
\`\`\``,

    spring: `With Spring Security's resource server, build the decoder from a random key in the environment:

\`\`\`java
@Bean
JwtDecoder jwtDecoder(@Value("\${jwt.secret}") String secret) {
    SecretKey key = new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256");
    return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
}
\`\`\`

(\`jwt.secret: \${JWT_SECRET}\` in \`application.yml\`; at least 32 bytes.)`,

    aspnet: `\`\`\`csharp
builder.Services.AddAuthentication().AddJwtBearer(options =>
{
    options.TokenValidationParameters = new TokenValidationParameters
    {
        IssuerSigningKey = new SymmetricSecurityKey(
            Convert.FromBase64String(builder.Configuration["Jwt:Key"]!)), // from Key Vault or user-secrets
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
        ValidIssuer = builder.Configuration["Jwt:Issuer"],
        ValidAudience = builder.Configuration["Jwt:Audience"],
    };
});
\`\`\``,

    go: `With golang-jwt:

\`\`\`go
key := []byte(os.Getenv("JWT_SECRET"))
token, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) { return key, nil },
	jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired())
\`\`\``,

    laravel: `With tymon/jwt-auth, generate the key with \`php artisan jwt:secret\` (it writes \`JWT_SECRET\` to \`.env\`)
and keep \`JWT_ALGO=HS256\`; never commit \`.env\`.`,
  },

  authContexts: {
    jwt: {
      text: `Whoever knows the HMAC key can sign any token: any user id, any role, any expiry, and your service will
accept it. Treat every token signed with the found key as forged: change the key (32 random bytes or
more, from a secrets manager, never from code), which invalidates all issued tokens, and make users sign
in again. Pin the algorithm when verifying (\`algorithms=["HS256"]\`), so the key cannot be swapped for a
public key or \`none\`.`,
      faq: [
        {
          q: 'Should we move to RS256 or EdDSA?',
          a: `Asymmetric signing helps when several services verify tokens: they get only the public key, and a
leak from one of them cannot forge tokens. It is not needed to fix this finding; a strong, secret HMAC key
is safe. What is never safe is a key that appears in tutorials, defaults or wordlists.`,
        },
        {
          q: 'Do we have to log everybody out?',
          a: `Yes. Tokens signed with the guessable key cannot be told apart from forged ones, so none of them can
be trusted after the change. Rotating the key rejects them all at once.`,
        },
      ],
    },

    'cookie-session': {
      text: `Frameworks often sign sessions and tokens with the same secret unless told otherwise (Flask-JWT-Extended
falls back to Flask's \`SECRET_KEY\`; many Express apps pass one secret to both). If the weak key also
signs the session cookie, sessions are forgeable too: give each its own strong key and rotate both.`,
    },
  },

  limitations: `A key outside Parapet's list is not found, and "not found" does not prove a key is strong.
Only tokens the scan saw are examined; tokens issued after a login the scan did not perform are not.
Parapet does not present a forged token to the service (\`jwt-expired-accepted\` and \`jwt-alg-none\` do
active checks).`,

  references: [
    {
      title: 'RFC 7518 §3.2: HMAC with SHA-2 functions (key size)',
      url: 'https://www.rfc-editor.org/rfc/rfc7518#section-3.2',
    },
    {
      title: 'RFC 8725: JSON Web Token Best Current Practices',
      url: 'https://www.rfc-editor.org/rfc/rfc8725',
    },
    {
      title: 'OWASP JSON Web Token Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
    },
    {
      title: 'CWE-1391: Use of Weak Credentials',
      url: 'https://cwe.mitre.org/data/definitions/1391.html',
    },
  ],
  asvs: ['11.2.3', '11.5.1', '13.3.1'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
