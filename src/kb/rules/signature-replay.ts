import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'A request protected by a signature (HMAC) was accepted again when Parapet sent the same copy twice, or with its time moved: whoever captures one such request can repeat it.',
  meaning: `Signed forms and links (\`…&ts=1735689600&nonce=8f3a…&sig=4be1…\`) let a server hand out a request
that nobody can alter: a payment confirmation, a one-time bonus link in an e-mail, a voucher, a
password-reset or unsubscribe link. The signature proves the parameters are the server's own. It does
**not** prove the request is being used for the first time, or recently: that needs a nonce the server
remembers, and a time the signature covers and the server checks.

Without those, a request captured once (from browser history, a proxy log, a shared screenshot, a
forwarded e-mail, the \`Referer\` of a third-party image) can be sent again and again: the credit is
redeemed twice, the bonus claimed a hundred times, the old link still works a year later. If the time
is checked but not signed, an attacker simply writes a fresh time into an old capture.`,
  decides: `This probe is **active**: it runs only with \`--active\`. It looks at forms and links on the scanned
pages whose fields or query parameters include a signature (\`sig\`, \`signature\`, \`hmac\`, \`mac\`,
\`…_sig\`… holding 32+ hex digits or an unguessable value), and notes a time (\`ts\`, \`timestamp\`,
\`expires\`, \`exp\`, \`iat\`… as Unix seconds or milliseconds, ISO 8601 UTC or the compact AWS form) and a
nonce (\`nonce\`, \`jti\`, \`request_id\`…). At most six, one per method and URL pattern.

1. **The first use is legitimate**: the request is sent exactly as the page carries it (for a link the
   crawl already followed, that visit is the first use). If it is refused, nothing more is sent and a
   note says so.
2. **The replay**: the same copy, unchanged, a second time — for a POST form, and for a link that
   carries a nonce (a link without one is meant to be reusable, like a pre-signed download URL, and
   is not replayed). Accepted again (the same kind of status, and no refusal such as "already used",
   "expired", "invalid signature" in the answer): *confirmed*.
3. **The time**, when there is one: the time set to 30 days ago (is it enforced at all?) and, if that is
   refused, moved one second earlier (does the signature cover it?). When the nonce would refuse a
   second use anyway, each try is made on a fresh copy of the page's request. Accepted: *confirmed*.

One finding per request, describing every test that passed. Forms that end the session are never
sent; forms that look like they delete data only with \`--allow-destructive\`.`,
  fix: {
    generic: `Sign everything that gives the request its meaning, and make each signed request usable once and
only for a short time:

- Put the time and a random nonce **inside** the MAC, together with every parameter, the method and
  the path: \`HMAC(key, method | path | canonical parameters | ts | nonce)\`.
- Refuse a time outside a short window (minutes for actions, the stated expiry for links).
- Store each nonce until its time window has passed and refuse it the second time; make the check
  and the store one atomic step (a unique key in the database, \`SET NX\` in Redis).
- Compare signatures in constant time.

Links that are meant to be reused (downloads) still need the expiry inside the MAC.`,
    flask: `\`itsdangerous\` signs and dates the payload for you; add the nonce store:

\`\`\`python
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

signer = URLSafeTimedSerializer(app.secret_key, salt="redeem")

def make_token(amount: int) -> str:
    return signer.dumps({"amount": amount, "nonce": secrets.token_urlsafe(16)})

@app.post("/redeem")
def redeem():
    try:
        data = signer.loads(request.form["token"], max_age=600)   # time inside the signature
    except (BadSignature, SignatureExpired):
        abort(403)
    if not redis.set(f"nonce:{data['nonce']}", 1, nx=True, ex=600):  # one use only
        abort(409)
    ...
\`\`\``,
    express: `\`\`\`js
import { createHmac, timingSafeEqual } from 'node:crypto';

function verify({ amount, ts, nonce, sig }) {
  const expected = createHmac('sha256', KEY).update(\`\${amount}|\${ts}|\${nonce}\`).digest();
  const given = Buffer.from(sig ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 600) return false;
  return redis.set(\`nonce:\${nonce}\`, '1', { NX: true, EX: 600 }).then((ok) => ok === 'OK');
}
\`\`\``,
    django: `Use \`django.core.signing.TimestampSigner\` (or \`signing.dumps\`/\`loads(max_age=…)\`) so the time is
inside the signature, and record the nonce in a model with a unique constraint:

\`\`\`python
data = signing.loads(token, salt="redeem", max_age=600)
try:
    UsedNonce.objects.create(value=data["nonce"])   # unique=True: a replay raises IntegrityError
except IntegrityError:
    return HttpResponse(status=409)
\`\`\``,
    fastapi: `Check the signature, the time and the nonce in one dependency, so every route that takes a
signed request gets all three. The time and nonce are inside the MAC, and Redis' \`SET NX\` both
checks and records the nonce in one step:

\`\`\`python
import hashlib, hmac, time

from fastapi import Depends, FastAPI, Form, HTTPException
from redis.asyncio import Redis

app = FastAPI()
redis = Redis()
WINDOW = 600  # seconds a signed request stays usable

async def signed_once(amount: int = Form(), ts: int = Form(), nonce: str = Form(), sig: str = Form()):
    message = f"POST|/redeem|{amount}|{ts}|{nonce}".encode()
    expected = hmac.new(SIGNING_KEY, message, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sig):
        raise HTTPException(status_code=403, detail="invalid signature")
    if abs(time.time() - ts) > WINDOW:
        raise HTTPException(status_code=403, detail="expired")
    if not await redis.set(f"nonce:{nonce}", 1, nx=True, ex=WINDOW):
        raise HTTPException(status_code=409, detail="already used")
    return amount

@app.post("/redeem")
async def redeem(amount: int = Depends(signed_once)):
    ...
\`\`\``,
    rails: `\`ActiveSupport::MessageVerifier\` (or \`signed_id\` with \`expires_in:\`) puts the expiry inside the
signature; keep used nonces in a table with a unique index, or use Rails' \`generates_token_for\`, whose
tokens stop working once the data they were made from changes.`,
    spring: `Sign \`amount|ts|nonce\` with \`javax.crypto.Mac\` (HmacSHA256), compare with
\`MessageDigest.isEqual\`, check the window, and record the nonce with a unique constraint (or
\`SETNX\` in Redis) inside the same transaction as the action.`,
    aspnet: `Use Data Protection's time-limited protector so the expiry is inside the payload, and store nonces:

\`\`\`csharp
var protector = provider.CreateProtector("redeem").ToTimeLimitedDataProtector();
var token = protector.Protect($"{amount}|{nonce}", TimeSpan.FromMinutes(10));
// on redeem: Unprotect throws when altered or expired; then insert the nonce into a unique index
\`\`\``,
    go: `\`\`\`go
mac := hmac.New(sha256.New, key)
fmt.Fprintf(mac, "%s|%s|%s", amount, ts, nonce)
if !hmac.Equal(mac.Sum(nil), sig) { return errForbidden }
if abs(time.Now().Unix()-tsUnix) > 600 { return errExpired }
ok, _ := rdb.SetNX(ctx, "nonce:"+nonce, 1, 10*time.Minute).Result()
if !ok { return errReplayed }
\`\`\``,
    laravel: `\`URL::temporarySignedRoute()\` signs the expiry with the URL and the \`signed\` middleware checks both.
For one-time actions also record a nonce (a unique column, or \`Cache::add("nonce:$n", 1, 600)\`, which
fails when the key exists) and refuse the request when it was already there.`,
  },
  limitations: `Parapet only finds signed requests in HTML forms and links it crawled; signatures in headers, JSON
bodies or requests built by scripts are not tried. It recognises the signature, time and nonce by
their names. A server that answers a replay with the first answer again without acting on it (an
idempotency key) looks like one that accepted it. The probe really sends the request two to four times
under the scan's session, so use a test account. A time the server checks against a window longer
than 30 days is reported as not enforced.`,
  references: [
    {
      title: 'CWE-294: Authentication Bypass by Capture-replay',
      url: 'https://cwe.mitre.org/data/definitions/294.html',
    },
    {
      title: 'OWASP Web Security Testing Guide: Testing for Session Management and replay',
      url: 'https://owasp.org/www-project-web-security-testing-guide/',
    },
    { title: 'RFC 2104: HMAC', url: 'https://www.rfc-editor.org/rfc/rfc2104' },
    {
      title: 'OWASP API Security Top 10 2023: API2 Broken Authentication',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/',
    },
  ],
  asvs: ['4.1.5', '9.2.1'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
