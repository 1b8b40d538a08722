import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Secret in a response',
  summary:
    'A credential (cloud key, payment key, source-control or chat token, private key, or a hard-coded secret) is readable by anyone who loads the response: treat it as stolen.',

  meaning: `Everything a server sends to a browser or an API client can be read by whoever asks for it:
page source, bundled JavaScript, JSON, headers. A credential that ends up there belongs to the public.
Automated harvesters fetch JavaScript bundles and public pages precisely to collect such keys, and use
them within minutes: a cloud access key pair runs up compute or reads storage, a live payment key issues
refunds or reads customer data, a source-control token clones private code or pushes to it, a chat token
reads conversations, a private key impersonates the server or decrypts its traffic.

Removing the key from the response is not enough: it has already been exposed, maybe cached by proxies,
crawlers and archives. The key has to be revoked and replaced.`,

  decides: `Parapet reads every response the scan fetched, including the same-origin scripts that discovery
downloads, and looks at bodies and header values for credential formats whose shape is distinctive:

| kind | format | severity |
| --- | --- | --- |
| AWS access key pair | \`AKIA\`/\`ASIA\` key ID with a 40-character secret access key within 400 characters | critical |
| AWS access key ID alone | \`AKIA\`/\`ASIA\` + 16 characters (an identifier until its secret is found: tentative) | high |
| Google Cloud service-account key | a PEM private key in a document with \`"type": "service_account"\` | critical |
| Stripe live secret or restricted key | \`sk_live_\`, \`rk_live_\` | critical |
| Stripe test-mode secret key | \`sk_test_\`, \`rk_test_\` | medium |
| GitHub token | \`ghp_\`, \`gho_\`, \`ghu_\`, \`ghs_\`, \`ghr_\` whose last six characters are the base62 CRC32 of the thirty before them | high |
| GitHub fine-grained token | \`github_pat_\` + 22 + \`_\` + 59 characters | high |
| GitLab personal access token | \`glpat-\` | high |
| Slack token, Slack webhook | \`xoxb-\`, \`xoxp-\`, … ; \`https://hooks.slack.com/services/T…/B…/…\` | high; medium |
| Google API key | \`AIza\` + 35 characters | high; low and tentative in pages and scripts |
| PEM private key | \`-----BEGIN … PRIVATE KEY-----\` followed by a real base64 body and an END line | high |
| hard-coded secret in script | \`apiKey: "…"\`, \`client_secret = '…'\`, \`"password": "…"\` in HTML or JavaScript with a random-looking value | high, tentative |

A match must also look random: its variable part needs enough entropy, must not contain placeholder
words (\`your\`, \`example\`, \`xxxx\`, \`changeme\`, \`<token>\`…) and must not be a typed run
(\`abcdefgh\`, \`11111111\`). Keys that vendors publish as documentation examples (AWS's \`…EXAMPLE\` pair,
Stripe's sample test key) are ignored. A GitHub classic token with a wrong checksum is not reported.
Hard-coded assignments count only under names that say "secret" (\`apiKey\`, \`secret\`, \`clientSecret\`,
\`privateKey\`, \`password\`, \`accessToken\`…), never for \`csrfToken\`, nonces, site keys, publishable keys
or hashes, and need a value of at least 16 characters mixing letter cases or digits; per-user names
(\`accessToken\`, \`sessionToken\`) only count on responses fetched without credentials.

Not reported here: a credential the user gave Parapet that comes back (that is \`credential-reflected\`),
a value the request itself carried (an echo), Stripe publishable keys (\`pk_live_\`, public by design),
public keys and certificates, and JWTs (see \`jwt-weak-secret\`). Google API keys in pages and scripts are
reported low and tentative: Maps and Firebase keys are meant to be there, restricted to your sites.

Several credentials in one response make one finding, led by the most certain and most severe; a
credential seen in several responses is reported once, where it was first seen, with a count of the others.
Evidence shows each credential's first four characters only.`,

  fix: {
    generic: `1. **Revoke the credential now** in the issuing service (AWS IAM, Stripe dashboard, GitHub or GitLab
   settings, Slack app config, Google Cloud console) and issue a new one. Check the service's logs for use
   you do not recognise since the key was published.
2. **Keep secrets on the server.** Read them from the environment or a secret manager in server code;
   the browser calls your backend, and the backend calls the third-party API.
3. **Check what your build puts in bundles.** Bundlers inline environment variables with public prefixes
   (\`NEXT_PUBLIC_\`, \`VITE_\`, \`REACT_APP_\`): never give a secret such a name. Search the built assets
   for key prefixes before deploying, and add a secret scanner to CI.
4. Keys that must live in the browser (Maps, Firebase, Stripe publishable) should be the public kind and
   restricted to your domains and APIs.`,

    flask: `Load secrets from the environment and never pass them to templates or JSON responses:

\`\`\`python
import os

app.config["STRIPE_SECRET_KEY"] = os.environ["STRIPE_SECRET_KEY"]

@app.get("/config.json")
def public_config():
    # Only what the browser needs, and only public values.
    return {"stripePublishableKey": os.environ["STRIPE_PUBLISHABLE_KEY"]}
\`\`\`

Do not render \`config\` wholesale into a template (\`{{ config | tojson }}\`).`,

    express: `Keep keys in \`process.env\` on the server and expose an explicit allow-list:

\`\`\`js
app.get('/config.json', (req, res) => {
  res.json({ stripePublishableKey: process.env.STRIPE_PUBLISHABLE_KEY });
});
\`\`\`

Never \`res.json(process.env)\` or inline \`process.env\` into bundles (webpack \`DefinePlugin\`, Vite
\`define\`); only \`VITE_\`/\`NEXT_PUBLIC_\` variables that are public by nature belong in client code.`,

    django: `Read keys from the environment in \`settings.py\` and keep them out of templates and API
serializers:

\`\`\`python
import os

STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]
\`\`\`

Pass only public values to templates through the view's context. Make sure \`DEBUG = False\` in
production: the debug page lists settings.`,

    fastapi: `Use settings from the environment (pydantic-settings) and return explicit response models:

\`\`\`python
from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    stripe_secret_key: str  # read from STRIPE_SECRET_KEY
    stripe_publishable_key: str

settings = Settings()

@app.get("/config")
def public_config() -> dict[str, str]:
    return {"stripe_publishable_key": settings.stripe_publishable_key}
\`\`\``,

    rails: `Keep keys in encrypted credentials (\`bin/rails credentials:edit\`) or the environment and read them
only in server code:

\`\`\`ruby
Stripe.api_key = Rails.application.credentials.dig(:stripe, :secret_key)
\`\`\`

Do not interpolate credentials into views or \`javascript_tag\`s.`,

    spring: `Bind secrets from the environment and never return configuration objects from controllers:

\`\`\`yaml
stripe:
  secret-key: \${STRIPE_SECRET_KEY}
\`\`\`

Keep Actuator's \`/env\` and \`/configprops\` endpoints unexposed (\`management.endpoints.web.exposure.include=health\`).`,

    aspnet: `Use user secrets in development and a vault (Azure Key Vault) or environment variables in
production; read them through \`IConfiguration\`:

\`\`\`csharp
var stripeKey = builder.Configuration["Stripe:SecretKey"];
\`\`\`

\`appsettings*.json\` must never be under \`wwwroot\`; keep secrets out of it altogether.`,

    go: `Read keys with \`os.Getenv\` at start-up and keep them out of templates and JSON:

\`\`\`go
stripeKey := os.Getenv("STRIPE_SECRET_KEY")
if stripeKey == "" {
	log.Fatal("STRIPE_SECRET_KEY is not set")
}
\`\`\`

Do not \`//go:embed\` configuration files that hold secrets into a file server.`,

    laravel: `Keep keys in \`.env\` (outside the web root) and read them through \`config()\`:

\`\`\`php
// config/services.php
'stripe' => ['secret' => env('STRIPE_SECRET')],
\`\`\`

Only \`VITE_\`-prefixed variables reach the front end: never prefix a secret that way. Serve the
\`public/\` directory only, so \`.env\` is never reachable.`,

    nginx: `If keys leaked through files served by nginx (\`.env\`, backups, source maps), refuse them:

\`\`\`nginx
location ~ /\\.(?!well-known/) { deny all; }
location ~* \\.(env|bak|old|map)$ { deny all; }
\`\`\``,

    apache: `If keys leaked through files served by Apache, refuse dotfiles and backups:

\`\`\`apache
<FilesMatch "^\\.|\\.(env|bak|old|map)$">
    Require all denied
</FilesMatch>
\`\`\``,
  },

  authContexts: {
    'api-keys': {
      text: `If the leaked value is one of **your own** API keys: revoke it now, issue a replacement to its owner, and
read its usage since the response first carried it (your access logs show when). A key in a public page
or script bundle has been collected by crawlers within hours.`,
    },

    hmac: {
      text: `A leaked HMAC signing secret lets anyone sign requests or links as your service: webhooks you send can be
forged to your partners, signed URLs minted at will. Generate a new secret, switch signing to it at once,
and do not keep accepting the old one (an overlap window is for routine rotation, not for a leak).`,
    },

    jwt: {
      text: `A leaked JWT signing key (an HMAC secret or an RSA/EC private key) makes every token forgeable. Replace
the key, publish the new public key with a new \`kid\` if you use JWKS, reject tokens signed with the old
one, and make users sign in again.`,
    },
  },

  limitations: `Parapet sees only what the scan fetched: pages it did not reach, scripts from other origins
and files not linked from anywhere are not read, and bodies are read up to the scan's size cap. It does
not call the issuing service to test whether a key is live, so a revoked key is still reported. The
hard-coded assignment heuristic can miss secrets under unusual names and can report random values that
are not secrets (tentative findings do not move the score). Formats without a distinctive prefix
(generic API keys, database passwords in prose) are not recognised outside assignments.`,

  references: [
    {
      title: 'OWASP Secrets Management Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    },
    {
      title: 'CWE-798: Use of Hard-coded Credentials',
      url: 'https://cwe.mitre.org/data/definitions/798.html',
    },
    {
      title: "GitHub: Behind GitHub's new authentication token formats",
      url: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
    },
    { title: 'Stripe: API keys', url: 'https://docs.stripe.com/keys' },
    {
      title: 'AWS: Managing access keys for IAM users',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    },
    {
      title: 'Google Cloud: Best practices for managing API keys',
      url: 'https://cloud.google.com/docs/authentication/api-keys-best-practices',
    },
  ],
  asvs: ['13.3.1'],
  pciDss: ['6.2.4', '8.6.2'],
  soc2: ['CC6.1', 'CC6.7'],
};

export default doc;
