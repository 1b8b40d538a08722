import { FLASK_API_KEY_STORE, flaskApiKeyHook } from '../shared/flask-api-key.js';
import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Credential echoed back',
  summary:
    'The API repeats a credential it was sent (in an error message, a debug field or a header): real keys end up in logs, caches, monitoring tools and screenshots, and an attacker learns exactly how the server reads its keys.',
  meaning: `When a request carries a wrong or unknown key, a helpful-looking error such as
\`invalid API key 'sk_live_…'\` copies the key into the response. The same happens with debug output that dumps
request headers, or a header such as \`X-Debug-Auth\` that echoes \`Authorization\`. Responses are stored in more
places than requests: client logs, error trackers, API gateways, HTTP caches, browser developer tools, support
tickets and screenshots. A real key that a client sent by mistake (an old key, a production key in a test
environment, a key sent to the wrong service) is then written down in all of them.

Reflection also helps attackers. An echo shows which header or parameter the server actually reads, which makes
key guessing and injection easier to aim, and a reflected value in a response is a building block for other
attacks (response splitting, content injection into a page that renders the error).

The fix is a generic refusal: say that the credential is missing or invalid, never repeat it. If support staff
need to identify a key, show its public prefix or its first few characters, never the whole secret. Keep
debug endpoints and header dumps out of production.`,
  decides: `Parapet makes up a canary key for every scan, \`parapet-canary-<random>-<tag>\`, obviously fake and never
one of the credentials given to the scan. It sends it *without* the scan's credentials to the start URL and to
one API endpoint (one that refused the scan, else one that answered JSON), in two requests each:

1. in the key header the scan was given (\`X-API-Key\` when none was) and as \`Authorization: Bearer\`, with a
   different tag each;
2. in the query parameters \`api_key\`, \`apikey\`, \`key\`, \`token\` and \`access_token\`, one tag each.

A canary that comes back anywhere in the body or in any response header is reported, with where it was sent
and where it came back (the tag tells which placement was read). The response is the proof: the finding is
*confirmed*. One finding per URL.

It does **not** report a query canary that comes back as part of the echoed URL (\`…?api_key=parapet-canary-…\`
in a self link, a pagination link or a redirect's \`Location\`): that is the request URL repeated, not the key
read and echoed. Nothing is reported when the canary is not seen again.`,
  fix: {
    generic: `Refuse with a fixed message and never include the presented credential, in the body or in headers:

\`\`\`text
HTTP/1.1 401 Unauthorized
WWW-Authenticate: ApiKey
Content-Type: application/json

{"error": "unauthorized"}
\`\`\`

If the message must help a client, name the header that was expected, not the value received. In logs, write
the key's public prefix or an identifier, never the key. Remove debug endpoints and middlewares that echo
request headers from production builds.`,
    flask: `Answer a missing or wrong key with \`abort(401)\` and one generic JSON body; never format the
presented key into the message (\`abort(401, f"invalid key {presented}")\`):

${flaskApiKeyHook()}

${FLASK_API_KEY_STORE}

Also make sure \`app.debug\` is off in production: the debugger's pages show request data.`,
    express: `Keep the refusal generic and make sure your error handler does not serialise the request:

\`\`\`js
async function requireApiKey(req, res, next) {
  const presented = req.get('x-api-key') ?? '';
  const caller = presented ? await findApiKey(presented) : null;
  if (!caller) {
    // not: res.status(401).json({ error: \`invalid key \${presented}\` })
    return res.status(401).set('WWW-Authenticate', 'ApiKey header="X-API-Key"').json({ error: 'unauthorized' });
  }
  req.caller = caller;
  next();
}

app.use((err, req, res, next) => {
  res.status(err.status ?? 500).json({ error: err.expose ? err.message : 'internal error' });
  // never: res.json({ error: err.message, headers: req.headers })
});
\`\`\``,
    django: `Raise \`AuthenticationFailed\` with a fixed message; DRF renders \`{"detail": "..."}\` as given:

\`\`\`python
raise exceptions.AuthenticationFailed("Invalid API key.")
# not: AuthenticationFailed(f"Invalid API key {presented}")
\`\`\`

With \`DEBUG = True\` Django's error pages show request headers; keep it off in production.`,
    fastapi: `Use a fixed \`detail\`:

\`\`\`python
raise HTTPException(
    status.HTTP_401_UNAUTHORIZED, detail="unauthorized", headers={"WWW-Authenticate": "ApiKey"}
)
# not: detail=f"invalid key {presented}"
\`\`\``,
    rails: `Answer \`head :unauthorized\` (or a fixed JSON body) and keep keys out of logs with parameter filtering:

\`\`\`ruby
# config/initializers/filter_parameter_logging.rb
Rails.application.config.filter_parameters += %i[api_key apikey token access_token key]
\`\`\``,
    spring: `Let Spring Security answer through an \`AuthenticationEntryPoint\` with a fixed body, and keep
\`server.error.include-message\` and \`include-stacktrace\` at their defaults (\`never\`):

\`\`\`java
http.exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
    res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    res.setHeader("WWW-Authenticate", "ApiKey");
    res.setContentType("application/json");
    res.getWriter().write("{\\"error\\":\\"unauthorized\\"}");
}));
\`\`\``,
    aspnet: `Return \`AuthenticateResult.Fail\` with a fixed reason and let the challenge write a generic 401; do not
put the presented value into \`ProblemDetails\`:

\`\`\`csharp
return AuthenticateResult.Fail("invalid key"); // not $"invalid key {presented}"
\`\`\``,
    go: `Write a fixed body; never \`fmt.Sprintf\` the presented key into it:

\`\`\`go
w.Header().Set("WWW-Authenticate", "ApiKey")
http.Error(w, "unauthorized", http.StatusUnauthorized)
// not: http.Error(w, "invalid key "+presented, http.StatusUnauthorized)
\`\`\``,
    laravel: `Return a fixed message and keep \`APP_DEBUG=false\` in production (Laravel's debug pages show headers):

\`\`\`php
return response()->json(['error' => 'unauthorized'], 401, ['WWW-Authenticate' => 'ApiKey']);
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `An echoed key looks harmless (the caller sent it), but the answer travels further than the request:
into response logs, error trackers, browser caches and, through a permissive CORS policy, to other
sites. A typo'd key is often a real key for another environment. Answer a bad key with a fixed message
and a \`WWW-Authenticate\` challenge, and never put the presented key in the body, a header or a log line.`,
    },

    jwt: {
      text: `An error that quotes the token ("invalid token eyJ…", or a decoded payload) copies a live bearer token
into logs and error trackers, and an expired token's payload still names the user and their roles.
Answer with \`401\` and a fixed \`WWW-Authenticate: Bearer error="invalid_token"\`, and log the token's
\`jti\` or a hash of it, never the token.`,
    },
  },

  limitations: `Parapet tries two URLs and the usual places a key is read from; an endpoint that echoes only some other
header, only on other paths, or only for keys of a certain shape is not found. An echo that is HTML-escaped or
otherwise transformed is not recognised. A reflection of the canary does not prove that real keys are
logged elsewhere; it shows the server repeats what it is given.`,
  references: [
    {
      title: 'CWE-209: Generation of Error Message Containing Sensitive Information',
      url: 'https://cwe.mitre.org/data/definitions/209.html',
    },
    {
      title: 'OWASP Error Handling Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
    },
    {
      title: 'OWASP Logging Cheat Sheet: data to exclude',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html',
    },
    {
      title: 'OWASP API Security Top 10 (2023): API8 Security Misconfiguration',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/',
    },
  ],
  asvs: ['16.5.1'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
