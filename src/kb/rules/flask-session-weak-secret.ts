import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Weak Flask secret key',
  summary:
    "The app's session cookies are signed with a secret key Parapet guessed from a list of weak keys, so anyone can forge a session as any user, with any role.",

  meaning: `Flask keeps the session in a cookie on the client. The cookie is not encrypted, only signed: Flask
(through itsdangerous) derives a signing key from the app's \`SECRET_KEY\` and appends an HMAC of the
session data, and it trusts any cookie whose HMAC checks out. Whoever knows the secret key can therefore
write any session they like, \`{"user_id": 1}\` or \`{"role": "admin"}\`, sign it, and be that user.

Secret keys copied from tutorials and documentation (\`dev\`, \`changeme\`, \`super-secret-key\`, the
quickstart's sample bytes) or made up by hand are exactly what attackers try first. Checking a guess needs
no request to the server: one captured cookie is enough to test thousands of keys a second offline, so a
weak key is found long before anyone notices. The same key often signs password-reset links, CSRF tokens
and extension data, which fall with it.`,

  decides: `Parapet collects every cookie the target set during the scan (and the cookies it was given with
\`--cookie\`), whatever its name, and keeps those shaped like an itsdangerous session:
\`payload.timestamp.signature\` in URL-safe base64, the payload optionally zlib-compressed and then marked by
a leading dot, the payload decoding to a JSON object. For each such cookie name it recomputes the
signature exactly as Flask's \`SecureCookieSessionInterface\` does — salt \`cookie-session\`, key derivation
\`hmac\`, SHA-1 (or the digest the signature's length implies, for apps that configured another) — with
each of the several thousand secrets in Parapet's own list (\`data/secret-keys.txt\`: framework and
tutorial defaults, placeholders, common patterns; see \`data/README.md\`).

It reports **critical** and **confirmed** only when a secret reproduces the signature byte for byte: that
is proof, not a guess. The evidence names the cookie and shows the secret's first characters. No request
is sent; the search runs offline at about a million candidates a second.

Random secret keys are never found, by design. Cookies that are not itsdangerous sessions (JWTs, opaque
ids, Express or Rails cookies) and deleted cookies are not examined.`,

  fix: {
    generic: `Generate a long random secret, keep it out of the code, and rotate the weak one:

1. \`python -c 'import secrets; print(secrets.token_hex(32))'\`
2. Put it in the environment (or a secret manager) of every instance, and read it at start-up.
3. Changing the key logs every user out and invalidates signed links; that is the point, since the old
   key must be treated as public. Also rotate anything else signed with the same key.`,

    flask: `Read the key from the environment; fail at start-up when it is missing:

\`\`\`python fix=flask
import os

app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]  # e.g. secrets.token_hex(32), never in code
\`\`\`

Flask 3.1 added \`SECRET_KEY_FALLBACKS\`: old keys that are still accepted for unsigning while new sessions
are signed with \`SECRET_KEY\`. Use it to rotate a strong key without logging everyone out — but **not**
for a key Parapet found: a guessable key must stop being accepted at once.

\`\`\`python
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["SECRET_KEY_FALLBACKS"] = [os.environ["PREVIOUS_SECRET_KEY"]]  # Flask ≥ 3.1, routine rotation only
\`\`\`

To keep session data off the client altogether, store sessions server-side (Flask-Session with Redis or
a database) so the cookie only carries a random id.`,

    django: `Django signs its signed-cookie sessions, password-reset tokens and messages with \`SECRET_KEY\`:

\`\`\`python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # django.core.management.utils.get_random_secret_key()
SECRET_KEY_FALLBACKS = []  # Django ≥ 4.1: old keys for routine rotation; never a leaked one
\`\`\`

Prefer the default database or cache session backend over \`signed_cookies\`.`,

    fastapi: `Starlette's \`SessionMiddleware\` signs its cookie with itsdangerous too; give it a random key
from the environment:

\`\`\`python
import os
from starlette.middleware.sessions import SessionMiddleware

app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"])
\`\`\``,

    express: `For \`express-session\` or \`cookie-session\`, read a random secret from the environment; an array
lets you rotate (the first signs, all verify):

\`\`\`js
app.use(session({
  secret: [process.env.SESSION_SECRET, process.env.PREVIOUS_SESSION_SECRET].filter(Boolean),
  resave: false,
  saveUninitialized: false,
}));
\`\`\``,

    rails: `Rails derives cookie keys from \`secret_key_base\`. Generate one with \`bin/rails secret\` and keep it
in encrypted credentials or \`SECRET_KEY_BASE\`; rotate with \`config.action_dispatch.cookies_rotations\`.`,

    spring: `Spring Session keeps data server-side; if you sign cookies or tokens yourself, load the key from
the environment (\`\${SESSION_SIGNING_KEY}\`) and make it at least 32 random bytes.`,

    aspnet: `ASP.NET Core protects its cookies with the Data Protection key ring, which is random by default.
Persist the ring to shared, protected storage (\`PersistKeysToAzureBlobStorage\`, \`ProtectKeysWithAzureKeyVault\`)
rather than setting fixed keys in configuration.`,

    go: `For gorilla/sessions, use random 32- or 64-byte keys from the environment; pass new pairs first to rotate:

\`\`\`go
store := sessions.NewCookieStore(
	[]byte(os.Getenv("SESSION_AUTH_KEY")), []byte(os.Getenv("SESSION_ENC_KEY")), // current
	[]byte(os.Getenv("OLD_SESSION_AUTH_KEY")), []byte(os.Getenv("OLD_SESSION_ENC_KEY")), // previous
)
\`\`\``,

    laravel: `Laravel encrypts and signs cookies with \`APP_KEY\`. Generate it with \`php artisan key:generate\`, keep it
in \`.env\` only, and list old keys in \`APP_PREVIOUS_KEYS\` (Laravel 11+) during a routine rotation.`,
  },

  authContexts: {
    hmac: {
      text: `\`SECRET_KEY\` signs more than sessions: itsdangerous serializers built from it sign password-reset
links, e-mail confirmation links and unsubscribe links, and extensions derive their own signatures from
it. With the key, all of those can be forged. Give each use its own \`salt\` (or key), and after rotating,
expect every outstanding signed link to stop working.`,
    },

    jwt: {
      text: `Flask-JWT-Extended signs tokens with \`JWT_SECRET_KEY\` and falls back to \`SECRET_KEY\` when it is unset,
so the same guessable key forges API tokens too. Set a separate, strong \`JWT_SECRET_KEY\` from the
environment.`,
    },

    'cookie-session': {
      text: `Flask's default session lives in the cookie, signed with \`SECRET_KEY\`: with the key, anyone can write
any session (\`{"user_id": 1}\`, \`{"role": "admin"}\`) and the app trusts it. After changing the key every
old session is refused and users sign in again, which is the point: sessions signed with a guessable key
cannot be told apart from forged ones.`,
      faq: [
        {
          q: 'Can we rotate without logging everyone out?',
          a: `Not for a key Parapet guessed: every session signed with it may be forged, so all must go. For
routine rotation of a strong key, Flask 3.1's \`SECRET_KEY_FALLBACKS\` accepts the old key for a while
(Flask-Session or a server-side store avoids the question altogether).`,
        },
      ],
    },
  },

  limitations: `Only itsdangerous-style session cookies signed with the \`cookie-session\` salt are searched
(Flask's default session and apps that copy it); Starlette and other itsdangerous users with other salts,
and other frameworks' signed cookies, are not. A key outside Parapet's list is not found, and "not found"
does not prove a key is strong. Parapet does not forge a session against the live app.`,

  references: [
    {
      title: 'Flask: SECRET_KEY and SECRET_KEY_FALLBACKS',
      url: 'https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY',
    },
    { title: 'Flask: Sessions', url: 'https://flask.palletsprojects.com/en/stable/quickstart/#sessions' },
    { title: 'itsdangerous documentation', url: 'https://itsdangerous.palletsprojects.com/' },
    {
      title: 'OWASP Session Management Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
    },
    {
      title: 'CWE-1391: Use of Weak Credentials',
      url: 'https://cwe.mitre.org/data/definitions/1391.html',
    },
  ],
  asvs: ['11.5.1', '11.2.3', '13.3.1'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
