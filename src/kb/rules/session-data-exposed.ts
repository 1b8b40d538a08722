import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Readable session data',
  summary:
    'The session cookie is signed but not encrypted, and it carries sensitive fields (tokens, passwords, roles or personal data) that anyone holding the cookie can read.',

  meaning: `A signed cookie protects its content against changes, not against reading. Flask's default session,
itsdangerous cookies and similar schemes are base64 (sometimes zlib-compressed) JSON plus a signature:
decoding them takes one line of code. Whatever the app puts in the session travels in every request and
is readable by the browser, by browser extensions and scripts (if the cookie is not HttpOnly), in proxy
and server logs, in a shared computer's cookie store, and by anyone who steals the cookie.

Roles and privilege flags in the cookie tell an attacker exactly which claims to forge if the signing key
ever falls; API tokens and passwords in it are credentials handed to the client in clear.`,

  decides: `For every Flask-style session cookie the scan saw (see \`flask-session-weak-secret\` for the format),
Parapet decodes the payload (inflating it when compressed) and reads its field names, nested objects
included, whatever the signing key:

- **high** when a field name says it holds a secret, credential or privilege: \`password\`, \`secret\`,
  \`token\`, \`api_key\`, \`private_key\`, \`role\`, \`is_admin\`, \`superuser\`, \`permissions\`, \`scope\`,
  \`otp\`…;
- **low** when it holds personal data only: \`email\`, \`phone\`, \`address\`, \`birth\`, \`card\`, \`iban\`,
  names…

Bookkeeping fields that extensions keep there (Flask-Login's \`_user_id\`, \`_fresh\` and \`_id\`,
Flask-WTF's \`csrf_token\`, \`_flashes\`) and a session holding only an opaque id do not fire. The evidence
lists the field names and each sensitive value's first characters; values are never shown whole. One
finding per cookie name.`,

  fix: {
    generic: `Keep the session's data on the server and send the client only a random identifier; if data must
travel in the cookie, encrypt it, and in any case never put credentials there.`,

    flask: `Store sessions server-side with Flask-Session so the cookie holds only a random id:

\`\`\`python
from flask_session import Session
import redis

app.config.update(SESSION_TYPE="redis", SESSION_REDIS=redis.from_url(os.environ["REDIS_URL"]))
Session(app)
\`\`\`

Otherwise keep the default cookie session minimal: store \`user_id\` and look roles and tokens up on each
request instead of caching them in \`session\`.`,

    fastapi: `Starlette's \`SessionMiddleware\` cookie is readable in the same way. Keep only an id in
\`request.session\` and load the rest from your database or cache.`,

    django: `Use the default database (or cache) session backend, not \`signed_cookies\`:

\`\`\`python
SESSION_ENGINE = "django.contrib.sessions.backends.db"
\`\`\``,

    express: `\`express-session\` keeps data in its store and sends only a signed id; \`cookie-session\` puts the
whole session in the cookie. Prefer \`express-session\` with a real store (Redis, a database) for anything
sensitive.`,

    rails: `Rails' cookie store encrypts the session (since 5.2); if you use a custom signed-only cookie
(\`cookies.signed\`), switch to \`cookies.encrypted\` or keep the data server-side
(\`activerecord-session_store\`, Redis).`,

    spring: `Keep data in the \`HttpSession\` (server-side, Spring Session with Redis or JDBC for clusters);
do not serialise user details into your own cookies.`,

    aspnet: `Cookie authentication encrypts its ticket with Data Protection; keep custom cookies out of it, or
protect them with \`IDataProtector.Protect\`. Store bulky or sensitive data server-side (\`ISession\` with a
distributed cache).`,

    go: `With gorilla/sessions, give \`NewCookieStore\` an encryption key as well as the authentication key,
or use a server-side store (filesystem, Redis) so only an id is sent.`,

    laravel: `Laravel encrypts cookies by default (\`EncryptCookies\` middleware): do not add the session cookie to
its \`$except\` list, and prefer the \`database\` or \`redis\` session driver.`,
  },

  authContexts: {
    jwt: {
      text: `A JWT's payload is base64url-encoded JSON that anyone holding the token can read; the signature stops
changes, not reading. Keep personal data and secrets out of the claims (a subject id, expiry, audience
and scopes are enough), and if the token must carry something confidential, encrypt it (JWE) or keep
the data server-side.`,
    },

    'cookie-session': {
      text: `A signed session cookie (Flask's default, Rails' before 4.0, Express's \`cookie-session\`) is
tamper-proof but **not encrypted**: anyone holding the cookie, including scripts if it is not
\`HttpOnly\`, browser extensions and anyone reading a shared machine's cookie jar, can base64-decode it.
Keep only an opaque id or the user id in it and look everything else up on the server, or move the
session to a server-side store.`,
      faq: [
        {
          q: "Isn't the session cookie signed?",
          a: `Signed means it cannot be changed without the key; it can still be read by anyone who has it. Roles,
e-mail addresses and tokens in it are disclosed to every holder of the cookie.`,
        },
      ],
    },
  },

  limitations: `Only Flask-style (itsdangerous) session cookies are decoded; JWTs in cookies, encrypted
cookies and other formats are not read. Sensitivity is judged from field names: a secret under an
innocent name is missed, and an innocent value under a suggestive name is reported.`,

  references: [
    {
      title: 'CWE-315: Cleartext Storage of Sensitive Information in a Cookie',
      url: 'https://cwe.mitre.org/data/definitions/315.html',
    },
    { title: 'Flask: Sessions', url: 'https://flask.palletsprojects.com/en/stable/quickstart/#sessions' },
    {
      title: 'OWASP Session Management Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
    },
  ],
  asvs: ['14.3.3'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1', 'CC6.7'],
};

export default doc;
