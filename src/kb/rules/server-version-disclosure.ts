import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Version banner',
  summary:
    'Response headers name the server software with its exact version, which lets anyone match the target to published vulnerabilities without probing it.',
  meaning: `Headers such as \`Server: nginx/1.18.0\`, \`X-Powered-By: PHP/8.1.2\` or
\`X-AspNet-Version: 4.0.30319\` tell every visitor, and every mass scanner, which release runs
behind the site. Someone holding an exploit for one version can find the hosts that run it with a
single request each, and skip the ones that do not — the banner turns a noisy search into a quiet
one. Hiding the version fixes nothing in the software, and a determined attacker can often infer it
another way; that is why this is a low-severity finding. It still removes the site from the easiest
lists, and RFC 9110 itself asks servers not to send needlessly fine-grained detail in \`Server\`.`,
  decides: `Parapet reads \`Server\`, \`X-Powered-By\`, \`X-AspNet-Version\`, \`X-AspNetMvc-Version\`,
\`X-Generator\` and \`Via\` on every response the scan fetched, error pages included (no extra
requests), and fires only when a value carries a **version number**:
- a product token with a numeric version: \`nginx/1.18.0\`, \`Werkzeug/3.0.1 Python/3.11.2\`,
  \`PHP/8.1.2-1ubuntu2\`, \`Jetty(9.4.44.v20210927)\`;
- a free-standing dotted version: \`Phusion Passenger(R) 6.0.18\`, \`4.0.30319\`;
- in \`X-Generator\`, \`X-AspNet-Version\` and \`X-AspNetMvc-Version\` also a bare major version
  (\`Drupal 10\`);
- in \`Via\`, only inside its comments (\`1.1 varnish (Varnish/6.0)\`): the leading \`1.1\` is the
  protocol version and the rest a host or pseudonym.

Quiet: names without versions (\`nginx\`, \`Apache\`, \`Express\`, \`ASP.NET\`, \`cloudflare\`), ids that
only look like versions (\`ECS (dcb/7EA3)\`, \`hypercorn-h11\`), Tomcat's constant \`Apache-Coyote/1.1\`
(its "1.1" is HTTP, not a release), \`Via: 1.1 vegur\`, and version-like values in other headers.

One finding per origin, listing every versioned banner it sent; instances count the responses that
carried one. Several \`Server\` lines are read together, so an app-set \`Server\` next to the dev
server's own does not hide it. Severity low, confidence firm.`,
  fix: {
    generic: `Configure every layer that answers — proxy, web server, application server, language
runtime — to omit versions from its banners, or strip the headers at the edge. The real protection is
patching: keep the software current whether or not its version shows.`,
    flask: `\`Server: Werkzeug/… Python/…\` comes from the development server, which is not meant to face a
network; an app cannot remove it (a \`Server\` header set in \`after_request\` is sent as a second
line). Serve the app with gunicorn (20.1 and later sends \`Server: gunicorn\` without a version) or
waitress, behind a proxy configured as below:

\`\`\`sh
gunicorn --bind 127.0.0.1:8000 'app:create_app()'
\`\`\``,
    express: `Express announces itself in \`X-Powered-By: Express\`. It carries no version, but remove it
anyway, and hide versions in the proxy in front:

\`\`\`js
app.disable('x-powered-by');   // or app.use(helmet()), which removes it too
\`\`\``,
    django: `Django sends no version banner itself; \`runserver\` does (\`WSGIServer/0.2 CPython/3.x\`) and must
not face a network. Run under gunicorn or uWSGI behind a proxy that hides versions (nginx, apache below).`,
    fastapi: `uvicorn sends \`server: uvicorn\` without a version; drop it entirely if you like, and hide
versions in the proxy:

\`\`\`sh
uvicorn app.main:app --no-server-header
\`\`\``,
    rails: `Puma sends no \`Server\` header. Phusion Passenger adds its version to \`Server\` and
\`X-Powered-By\`; turn that off:

\`\`\`nginx
passenger_show_version_in_header off;
\`\`\``,
    spring: `Spring Boot's embedded Tomcat sends no \`Server\` header unless \`server.server-header\` is set:
leave it unset, or give it a name without a version. Standalone Tomcat prints its version on its
default error pages, and Jetty sends \`Server: Jetty(9.x)\`; turn both off:

\`\`\`xml
<!-- Tomcat server.xml, inside <Host> -->
<Valve className="org.apache.catalina.valves.ErrorReportValve" showServerInfo="false" showReport="false"/>
\`\`\`
\`\`\`java
// Jetty
httpConfig.setSendServerVersion(false);
\`\`\``,
    aspnet: `IIS and ASP.NET each add banners. In \`web.config\`:

\`\`\`xml
<system.web>
  <httpRuntime enableVersionHeader="false" />          <!-- X-AspNet-Version -->
</system.web>
<system.webServer>
  <security>
    <requestFiltering removeServerHeader="true" />     <!-- Server: Microsoft-IIS/10.0 (IIS 10+) -->
  </security>
  <httpProtocol>
    <customHeaders><remove name="X-Powered-By" /></customHeaders>
  </httpProtocol>
</system.webServer>
\`\`\`
For \`X-AspNetMvc-Version\`, set \`MvcHandler.DisableMvcResponseHeader = true;\` in \`Application_Start\`.
On Kestrel: \`builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);\`.`,
    go: `\`net/http\` sends no \`Server\` header. If you add one, leave the version out; versions seen here
come from the proxy in front (see nginx, apache, caddy).`,
    laravel: `\`X-Powered-By: PHP/8.x\` comes from PHP itself. In \`php.ini\` (for PHP-FPM, the pool's ini):

\`\`\`ini
expose_php = Off
\`\`\``,
    nginx: `In the \`http\` block:

\`\`\`nginx
server_tokens off;               # Server: nginx, and no version on error pages
proxy_hide_header X-Powered-By;  # drop the application's banner
\`\`\``,
    apache: `\`\`\`apache
ServerTokens Prod
ServerSignature Off
Header always unset X-Powered-By
\`\`\``,
    caddy: `Caddy's own \`Server: Caddy\` has no version; strip the upstream's banners (deletions are applied as
the response is written, so they cover proxied responses):

\`\`\`caddy
example.com {
	header -X-Powered-By
	header -Server
	reverse_proxy localhost:8000
}
\`\`\``,
  },
  limitations: `Only headers are read: versions printed in error pages, HTML generator meta tags or
asset URLs are not reported here. A banner can lie; Parapet reports what is claimed. Version
detection is pattern-based: an unusual banner format may be missed, and a product whose name ends in
a slash-number that is not a release may be reported.`,
  references: [
    { title: 'RFC 9110 §10.2.4: Server', url: 'https://www.rfc-editor.org/rfc/rfc9110#name-server' },
    { title: 'RFC 9110 §7.6.3: Via', url: 'https://www.rfc-editor.org/rfc/rfc9110#name-via' },
    {
      title: 'OWASP WSTG: Fingerprint Web Server',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/01-Information_Gathering/02-Fingerprint_Web_Server',
    },
    {
      title: 'OWASP HTTP Headers Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html',
    },
    {
      title: 'CWE-497: Exposure of Sensitive System Information to an Unauthorized Control Sphere',
      url: 'https://cwe.mitre.org/data/definitions/497.html',
    },
  ],
  asvs: ['13.4.6'],
  pciDss: ['2.2.1'],
  soc2: [],
};

export default doc;
