import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'A parameter that takes a URL makes the server fetch whatever address it is given, so an attacker can reach internal services and cloud metadata through it.',

  meaning: `Link previews, image imports, PDF renderers, webhooks, feed readers and "fetch this avatar" features
all take a URL and request it from the server. When any URL is accepted, the server becomes the attacker's
proxy, with the server's network position: it can reach admin panels on \`localhost\`, databases and caches on
the private network, and the cloud metadata service (\`http://169.254.169.254/\`), which hands out the
instance's credentials. Even without seeing the answer ("blind" SSRF), an attacker can scan internal ports,
trigger internal actions by GET, or fetch a URL that redirects somewhere internal. OWASP lists it as
API7:2023.`,

  decides: `This is an active check: it runs only with \`--active\`.

1. **Parameters.** Query parameters of the URLs and GET forms the scan found, and fields of POST forms, whose
   name contains \`url\`, \`uri\`, \`callback\`, \`webhook\`, \`hook\`, \`image\`, \`img\`, \`redirect\`, \`target\`,
   \`dest\`, \`feed\`, \`link\`, \`fetch\`, \`proxy\`, \`endpoint\` or \`avatar\` (\`image_url\`, \`callbackUrl\`…), or
   whose example value is an absolute URL — at most eight, one per URL pattern and name.
2. **The listener.** Parapet opens a small HTTP listener for this scan only: on \`127.0.0.1\` when the target
   itself is on loopback, otherwise at the address given with \`--callback-host\` (\`host\` or \`host:port\`, an
   address of the scanning machine that the target can reach). Without one, the parameters are listed in a
   note and not tested.
3. **The probes.** Each parameter gets its own unguessable URL on the listener (\`http://host:port/parapet-…\`),
   sent once, with the rest of the request as the site had it (a POST form with its other fields).
4. **The proof.** Parapet waits until every URL was requested, or three seconds after the last probe (longer
   while requests keep arriving, nine at most), then closes the listener. A request for a parameter's unique
   URL proves that the server fetched it: **high**, **confirmed**, with the method, the source address, the
   \`User-Agent\` and the other headers the server sent (credentials among them shown masked).

What does **not** fire: a redirect to the URL (Parapet does not follow it, and a browser fetching it is not
the server), the URL written into a page (\`<img src>\`), an error about the URL, or a request to the listener
that carries no token Parapet issued. Only requests to the listener count; the target is never asked to fetch
anything else.`,

  fix: {
    generic: `Fetch only what the feature needs, and check it at the moment of the request:

- allow-list the destinations (exact hosts, or a fixed set of schemes and hosts); do not try to block-list
  internal addresses by string;
- resolve the name, refuse loopback, private, link-local and metadata addresses, and connect to the address you
  checked (so a DNS change between check and use cannot redirect you); re-check every redirect or disable
  redirects;
- allow only \`https\` (and \`http\` if you must), never \`file:\`, \`gopher:\` or \`ftp:\`;
- run fetchers with no route to internal networks (an egress proxy, a separate network), and require IMDSv2 or
  the equivalent on cloud instances;
- return the fetched content only when the feature needs it, never raw errors.`,

    flask: `\`\`\`python
ALLOWED_HOSTS = {"images.example-cdn.com", "hooks.partner.example"}

def safe_fetch(url: str) -> bytes:
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        abort(400, "this address is not allowed")
    # allow_redirects=False: a redirect could point anywhere
    res = requests.get(url, timeout=5, allow_redirects=False)
    res.raise_for_status()
    return res.content[:1_000_000]
\`\`\`

When the hosts cannot be listed in advance, resolve the name yourself, reject addresses for which
\`ipaddress.ip_address(a).is_global\` is false, and connect to that address.`,

    express: `\`\`\`js
const ALLOWED = new Set(['images.example-cdn.com', 'hooks.partner.example']);

app.get('/preview', async (req, res) => {
  let url;
  try { url = new URL(String(req.query.url)); } catch { return res.sendStatus(400); }
  if (url.protocol !== 'https:' || !ALLOWED.has(url.hostname)) return res.sendStatus(400);
  const answer = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
  // …
});
\`\`\`

For open-ended destinations, use an agent that checks the resolved address of every connection (for example
request-filtering-agent) rather than checking the host name.`,

    django: `Validate in the form or serializer, and fetch without redirects:

\`\`\`python
ALLOWED_HOSTS_FOR_FETCH = {"images.example-cdn.com"}

def clean_image_url(self):
    url = self.cleaned_data["image_url"]
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS_FOR_FETCH:
        raise ValidationError("This address is not allowed.")
    return url

requests.get(url, timeout=5, allow_redirects=False)
\`\`\``,

    fastapi: `\`\`\`python
ALLOWED = {"images.example-cdn.com"}

@app.get("/preview")
async def preview(url: HttpUrl):
    if url.scheme != "https" or url.host not in ALLOWED:
        raise HTTPException(status_code=400, detail="this address is not allowed")
    async with httpx.AsyncClient(follow_redirects=False, timeout=5) as client:
        answer = await client.get(str(url))
    return {"title": extract_title(answer.text)}
\`\`\``,

    rails: `\`\`\`ruby
ALLOWED_HOSTS = %w[images.example-cdn.com].freeze

def fetch_image(raw)
  uri = URI.parse(raw)
  raise ActionController::BadRequest unless uri.is_a?(URI::HTTPS) && ALLOWED_HOSTS.include?(uri.host)
  Net::HTTP.get_response(uri)   # Net::HTTP does not follow redirects
end
\`\`\`

For open-ended destinations, the \`ssrf_filter\` gem resolves and checks addresses on each request.`,

    spring: `\`\`\`java
private static final Set<String> ALLOWED = Set.of("images.example-cdn.com");

byte[] fetch(String raw) throws IOException, InterruptedException {
    URI uri = URI.create(raw);
    if (!"https".equals(uri.getScheme()) || !ALLOWED.contains(uri.getHost()))
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "address not allowed");
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
}
\`\`\``,

    aspnet: `\`\`\`csharp
static readonly HashSet<string> Allowed = new() { "images.example-cdn.com" };

app.MapGet("/preview", async (string url, IHttpClientFactory factory) =>
{
    if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
        || !Allowed.Contains(uri.Host))
        return Results.BadRequest();
    var client = factory.CreateClient("fetcher");   // configured with AllowAutoRedirect = false
    var body = await client.GetStringAsync(uri);
    return Results.Ok(new { title = ExtractTitle(body) });
});
\`\`\``,

    go: `Check the address at connection time, so redirects and DNS changes are covered too:

\`\`\`go
dialer := &net.Dialer{
	Timeout: 5 * time.Second,
	Control: func(network, address string, _ syscall.RawConn) error {
		host, _, _ := net.SplitHostPort(address)
		ip := net.ParseIP(host)
		if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() {
			return fmt.Errorf("address %s not allowed", host)
		}
		return nil
	},
}
client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}, Timeout: 10 * time.Second}
\`\`\``,

    laravel: `\`\`\`php
$request->validate(['url' => ['required', 'url:https']]);
$host = parse_url($request->input('url'), PHP_URL_HOST);
abort_unless(in_array($host, config('fetch.allowed_hosts'), true), 400);

$response = Http::timeout(5)->withoutRedirecting()->get($request->input('url'));
\`\`\``,
  },

  limitations: `Parapet proves SSRF only when the target can reach the listener: a firewall that blocks outbound
traffic to the scanning machine hides a real flaw (and is itself a good mitigation). Fetches queued for later
than the wait are missed. Only parameters recognised by name or example value, in query strings and HTML
forms, are tried; JSON bodies, headers and file uploads (SVG, XML) are not. A server that fetches only some
hosts (an allow-list by suffix, a DNS name check) may still be open to addresses Parapet does not try, such as
redirects or internal names.`,

  references: [
    {
      title: 'OWASP API Security Top 10 (2023): API7 Server Side Request Forgery',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa7-server-side-request-forgery/',
    },
    {
      title: 'OWASP Server-Side Request Forgery Prevention Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
    },
    {
      title: 'CWE-918: Server-Side Request Forgery (SSRF)',
      url: 'https://cwe.mitre.org/data/definitions/918.html',
    },
  ],
  asvs: ['1.3.6'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1', 'CC6.6'],
};

export default doc;
