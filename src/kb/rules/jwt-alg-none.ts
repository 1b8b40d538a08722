import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'The service accepts a JSON Web Token whose header says `alg: none` and which carries no signature, so anyone can write a token for any user or role.',

  meaning: `A JWT's header names the algorithm that signed it. RFC 7519 also defines *unsecured* tokens, with
\`"alg": "none"\` and an empty signature, for cases where integrity is guaranteed some other way. A verifier
that lets the token choose its own algorithm will accept such a token as if it had been signed: the
signature check for "none" is that there is no signature.

The attacker takes any token (their own, or one from a log or a screenshot), changes the claims — another
\`sub\`, \`"role": "admin"\`, an expiry years away — sets \`alg\` to \`none\` (or \`None\`, \`NONE\`: some code
compares case-insensitively) and drops the signature. No key is needed. Every account and every role the
service knows is then reachable. RFC 8725 (JWT best current practices) asks verifiers to accept only the
algorithms they expect, precisely because of this.`,

  decides: `This is an active check: it runs only with \`--active\`, and sends GET requests only.

1. **The token.** Parapet uses the JWT the scan authenticates with: \`--bearer\`, a header or cookie given to
   it, or the token a \`--login\` answer held (\`--token-path\`); failing those, a JWT the target set in a
   cookie or wrote in a response body. It is sent the way it travels (the same header or cookie).
2. **An endpoint that needs it.** Among the data the scan read (a "who am I" answer first), up to three
   GETs are tried until one (a) refuses a caller without the token, (b) serves data with the real token and
   (c) refuses a junk value in the token's place. An endpoint that takes any value is not a JWT question and
   is skipped, with a note.
3. **The forgeries.** The token's own header and claims, unchanged except for \`alg\` set to \`none\`,
   \`None\`, \`NONE\` and \`nOnE\`, each with an empty signature both as \`header.payload.\` and without the
   trailing dot, until one is accepted.

A forged token answered with a 2xx carrying the same data as the real token (at least 90 % alike,
compared field by field) is **critical** and **confirmed**. Parapet then sends the real token with its
signature scrambled: when that is accepted too, the finding says the service does not verify signatures at
all.

What does **not** fire: a 2xx with different data (a guest view, an empty profile), any 4xx, an endpoint that
answers without the token, and tokens Parapet could not find an endpoint for (a note says so). The forged
token itself never appears in the report.`,

  fix: {
    generic: `Decide the algorithm on the server, never from the token:

- verify with an explicit allow-list of algorithms (\`["HS256"]\`, or \`["RS256"]\`/\`["ES256"]\` with a public
  key), and refuse \`none\` in every spelling;
- use a maintained JWT library, not hand-written parsing; keep it up to date;
- reject tokens with an empty signature before anything else reads their claims;
- add a test that sends an unsigned copy of a valid token and expects 401.`,

    flask: `With PyJWT, always pass \`algorithms\` (PyJWT 2 refuses to decode without it, and never accepts
\`none\` with a key):

\`\`\`python
import jwt

def current_claims(raw: str) -> dict:
    try:
        return jwt.decode(raw, app.config["JWT_KEY"], algorithms=["HS256"],
                          options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        abort(401)
\`\`\`

Remove any branch that reads the header first (\`jwt.get_unverified_header\`) and trusts its \`alg\`.
Flask-JWT-Extended: keep \`JWT_ALGORITHM\` (and \`JWT_DECODE_ALGORITHMS\`, if set) to the one you sign with.`,

    express: `With jsonwebtoken, pass \`algorithms\` on every \`verify\`:

\`\`\`js
const claims = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
\`\`\`

With express-jwt, \`algorithms\` is required: \`expressjwt({ secret, algorithms: ['HS256'] })\`. With jose,
\`jwtVerify(token, key, { algorithms: ['ES256'] })\`; never use \`decodeJwt\` to authenticate.`,

    django: `djangorestframework-simplejwt verifies with the configured algorithm only; keep it explicit and do
not write a custom authentication class that decodes without verification:

\`\`\`python
SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": os.environ["JWT_SIGNING_KEY"],
}
\`\`\``,

    fastapi: `\`\`\`python
import jwt
from fastapi import Depends, HTTPException
from fastapi.security import HTTPBearer

bearer = HTTPBearer()

def claims(cred=Depends(bearer)) -> dict:
    try:
        return jwt.decode(cred.credentials, JWT_KEY, algorithms=["HS256"])
    except jwt.PyJWTError:
        raise HTTPException(status_code=401)
\`\`\``,

    rails: `With the \`jwt\` gem, verify and name the algorithm:

\`\`\`ruby
claims, = JWT.decode(token, key, true, { algorithm: 'HS256' })
\`\`\`

Never call \`JWT.decode(token, nil, false)\` to authenticate a request.`,

    spring: `Spring Security's \`NimbusJwtDecoder\` only accepts the algorithm it was built for; build it explicitly
and do not parse tokens yourself:

\`\`\`java
@Bean
JwtDecoder jwtDecoder(@Value("\${jwt.secret}") String secret) {
    SecretKey key = new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256");
    return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
}
\`\`\``,

    aspnet: `Require signed tokens and name the algorithms:

\`\`\`csharp
options.TokenValidationParameters = new TokenValidationParameters
{
    IssuerSigningKey = signingKey,
    RequireSignedTokens = true,
    ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
    ValidateIssuer = true,
    ValidateAudience = true,
};
\`\`\``,

    go: `With golang-jwt, restrict the methods and check the key function's token method:

\`\`\`go
token, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) { return key, nil },
	jwt.WithValidMethods([]string{"HS256"}))
\`\`\`

Never pass \`jwt.UnsafeAllowNoneSignatureType\` outside tests.`,

    laravel: `With tymon/jwt-auth, keep \`JWT_ALGO\` to the algorithm you sign with; with firebase/php-jwt, pass a
\`Key\` that names it, so the header cannot choose:

\`\`\`php
$claims = JWT::decode($token, new Key(config('jwt.secret'), 'HS256'));
\`\`\``,
  },

  limitations: `Parapet tries the token on up to three endpoints and stops at the first one that needs it; a
service that verifies differently on other routes is not examined there. Only the scan's own token (or one
the target exposed) is forged, and only its \`alg\` is changed: Parapet does not try the RS256-to-HS256 key
confusion, embedded keys (\`jwk\`, \`jku\`) or \`kid\` injection. Without \`--active\` nothing is sent.`,

  references: [
    {
      title: 'RFC 7519 §6: Unsecured JWTs',
      url: 'https://www.rfc-editor.org/rfc/rfc7519#section-6',
    },
    {
      title: 'RFC 8725 §3.1: Perform algorithm verification',
      url: 'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
    },
    {
      title: 'OWASP JSON Web Token Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
    },
    {
      title: 'CWE-347: Improper Verification of Cryptographic Signature',
      url: 'https://cwe.mitre.org/data/definitions/347.html',
    },
  ],
  asvs: ['9.1.2', '9.1.1'],
  pciDss: ['6.2.4', '8.3.1'],
  soc2: ['CC6.1'],
};

export default doc;
