import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Reflected XSS',
  summary:
    'A request parameter is written into an HTML page without escaping for where it lands, so a link crafted by an attacker runs their script in the victim’s session on this site.',

  meaning: `When a value from the URL is placed into a page as it came, a parameter can carry markup or script:
\`<img src=x onerror=…>\` in page text, a quote that closes an attribute and adds an event handler, a quote
or \`</script>\` that leaves a script string, or a \`javascript:\` URL in a link. The attacker sends the
victim a link (or hides it in a page); the victim's browser runs the script with this site's origin. It
can read what the victim sees, act as the victim (change the e-mail address, transfer money), steal
tokens kept in storage, and show a fake login form on the real domain.

Escaping is specific to the context: HTML-escaping (\`&lt;\`, \`&quot;\`) protects text and quoted
attributes, but not a value inside a script, an event handler or a URL.`,

  decides: `For each parameter the scan found (query parameters of crawled URLs and GET forms, id-like path
segments; up to 20), Parapet sends one value: a unique random word followed by a single quote, a double
quote, a backtick, \`</x>\`, a space and \`<x>\`.
It then finds the word in the answer and lets an HTML tokenizer (htmlparser2, with positions) decide where
it landed, and reads the characters that follow it there, one by one, as raw, escaped (entity, \`%XX\`, or in
script a backslash) or removed. It fires (**firm**: the value is reflected, and unescaped where it can run)
when:

- in page text, \`<\` followed by a letter came back raw (a tag can open);
- in an attribute, the quote that delimits it came back raw, or the attribute is unquoted and a space or
  \`>\` came back raw;
- in an event-handler attribute or a \`javascript:\` URL, after entity decoding (which browsers apply first),
  the value sits in script code, or in a string whose quote came back unescaped;
- in a \`<script>\`, \`</\` came back raw (\`</script>\` ends it), or the value sits in script code, or in a
  string (or template literal) whose delimiter came back unescaped;
- inside \`<title>\`, \`<textarea>\`, \`<style>\` and other text-only elements, \`</\` came back raw.

Two cases get one more probe: a value at the very start of a link (\`href\`, \`src\` of a frame, \`action\`,
\`formaction\`) is sent again as \`javascript:\` plus a new word, and fires if the link then starts with that
scheme; a value inside an HTML comment is sent again followed by \`--><x>\`, and fires only if the comment
closes and a tag opens.

It never fires on responses a browser does not render as HTML: JSON, \`text/plain\` (with or without
\`nosniff\`: browsers do not upgrade it), downloads (\`Content-Disposition: attachment\`) and redirects. A
response without a content type counts as HTML only if it has no \`nosniff\` and its start sniffs as HTML.
It does not fire on properly escaped output (\`&lt;\`, \`&quot;\`, \`\\"\` in script), on values URL-encoded
in the page, on values stripped of markup, or on values that stay inside a comment. One finding per URL
pattern; the evidence has the probe URL and the markup around the reflection.`,

  fix: {
    generic: `Encode output for the context it goes into, with the template engine's automatic escaping on,
and never mark request data as safe markup:

- page text and quoted attributes: HTML-escape (\`&\`, \`<\`, \`>\`, \`"\`, \`'\`), and always quote attributes;
- inside \`<script>\`: do not build script from strings; put data in a JSON script block or a \`data-\`
  attribute and read it from the script;
- URLs: allow only \`http:\`/\`https:\` (or relative) URLs from users.

A strict Content-Security-Policy (\`script-src\` with nonces, no \`'unsafe-inline'\`) limits the damage
when one escape is missed.`,

    flask: `Render pages through Jinja templates: autoescaping is on for \`.html\` templates and for
\`render_template_string\`, so \`{{ q }}\` comes out as text. The bug is building HTML with f-strings
or \`%\`, or marking request data safe with \`Markup(...)\` or \`|safe\`:

\`\`\`python fix=flask
from flask import render_template_string, request

SEARCH_PAGE = """<!doctype html><title>Search</title>
<form action="/search"><input name="q" value="{{ q }}"></form>
<p>Results for {{ q }}</p>"""


@app.get("/search")
def search():
    return render_template_string(SEARCH_PAGE, q=request.args.get("q", ""))
\`\`\`

In a real app the page lives in \`templates/search.html\` and the view calls
\`render_template("search.html", q=...)\`. When you must build HTML in Python, escape each value
with \`markupsafe.escape(q)\`. For data used by scripts, use \`{{ data|tojson }}\`, which escapes
\`<\`, \`>\` and \`&\`.`,

    django: `Django templates escape by default; the bug is usually \`mark_safe\`, \`|safe\`,
\`{% autoescape off %}\` or HTML built in Python. Build HTML with \`format_html\`, which escapes its arguments,
and hand data to scripts with \`json_script\`:

\`\`\`django
{{ results|json_script:"results-data" }}
\`\`\``,

    fastapi: `Do not return \`HTMLResponse(f"…{q}…")\`. Render with \`Jinja2Templates\` (autoescaping is on for
\`.html\` templates), or escape each value with \`html.escape(q, quote=True)\`:

\`\`\`python
templates = Jinja2Templates(directory="templates")

@app.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = ""):
    return templates.TemplateResponse(request, "search.html", {"q": q})
\`\`\``,

    express: `Use a template engine's escaping output (EJS \`<%= q %>\`, not \`<%- q %>\`; Pug \`#{q}\`, not
\`!{q}\`), and do not concatenate request data into \`res.send\`. If you must build a string, escape each
value (the \`escape-html\` package Express itself uses):

\`\`\`js
import escapeHtml from 'escape-html';

res.send(\`<p>Results for \${escapeHtml(req.query.q ?? '')}</p>\`);
\`\`\``,

    rails: `ERB's \`<%= %>\` escapes; the bug is \`raw\`, \`html_safe\` or \`<%== %>\` on request data. Use
\`sanitize\` only for HTML you mean to allow, and \`json_escape\` (or \`j\`) for values inside scripts.`,

    spring: `With Thymeleaf use \`th:text\` (escaped), not \`th:utext\`; in JSP use \`<c:out value="\${q}"/>\` or
\`fn:escapeXml\`. Do not write request data into a \`@ResponseBody\` string of HTML.`,

    aspnet: `Razor encodes \`@q\` by default; the bug is \`@Html.Raw(q)\` or an \`HtmlString\` built from input. In
scripts use \`JsonSerializer.Serialize\` output through \`@Json.Serialize(model)\`, and validate URLs before
putting them in \`href\`.`,

    go: `Use \`html/template\`, which escapes by context (text, attributes, scripts, URLs), never
\`text/template\` for HTML, and do not convert input to \`template.HTML\`, \`template.JS\` or \`template.URL\`:

\`\`\`go
var page = template.Must(template.New("search").Parse(\`<p>Results for {{.}}</p>\`)) // html/template
page.Execute(w, r.URL.Query().Get("q"))
\`\`\``,

    laravel: `Blade's \`{{ $q }}\` escapes; \`{!! $q !!}\` does not, so keep it for trusted HTML only. Pass data to
scripts with \`@json($data)\` (or \`Js::from($data)\`).`,
  },

  authContexts: {
    'api-keys': {
      text: `If the front end keeps an API key in the browser, an injected script reads it and sends it away, and a
key usually lives much longer than a session. Fix the escaping, and prefer a short-lived session or token
for browser use, with long-lived keys kept on servers.`,
    },

    jwt: {
      text: `A JWT in \`localStorage\` or \`sessionStorage\` is readable by any injected script, which can send it away
and use it from anywhere until it expires. XSS is the main threat to tokens stored that way: fix the
escaping, add a strict CSP, and keep access tokens short-lived.`,
      faq: [
        {
          q: 'Would an HttpOnly cookie for the token stop this?',
          a: `It would stop the token being read and taken away, not the script acting as the user inside the
page. It also brings CSRF back into play. Fix the injection first; storage is a second line.`,
        },
      ],
    },

    'cookie-session': {
      text: `With an \`HttpOnly\` session cookie an injected script cannot read the session, but it does not need to:
it runs in your page and every request it sends carries the cookie. It can read pages, submit forms
(including reading their CSRF tokens) and change the user's e-mail or password. \`HttpOnly\` limits theft;
only escaping fixes the injection.`,
    },
  },

  limitations: `Only GET parameters seen by the crawl are tested, with one value each (two when the context
needs it); POST forms, JSON bodies, headers and cookies are not. Stored XSS and DOM-based XSS (script that
copies \`location\` into the page) are out of scope, and no browser runs the payload, so a reflection
neutralised by client-side code is still reported. A strict Content-Security-Policy may block exploitation;
the finding stands because the output is still unescaped. The JavaScript context is read by a small lexer,
which can misjudge unusual code (regular expressions after keywords such as \`return\`). SVG and XML
documents, which can also run script, are not judged.`,

  references: [
    {
      title: 'OWASP Cross Site Scripting Prevention Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
    },
    {
      title: 'OWASP WSTG: Testing for Reflected Cross Site Scripting',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/01-Testing_for_Reflected_Cross_Site_Scripting',
    },
    {
      title: 'HTML Standard: Tokenization',
      url: 'https://html.spec.whatwg.org/multipage/parsing.html#tokenization',
    },
    { title: 'MIME Sniffing Standard', url: 'https://mimesniff.spec.whatwg.org/' },
    {
      title: 'CWE-79: Improper Neutralization of Input During Web Page Generation',
      url: 'https://cwe.mitre.org/data/definitions/79.html',
    },
  ],
  asvs: ['1.2.1', '1.2.3'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.6'],
};

export default doc;
