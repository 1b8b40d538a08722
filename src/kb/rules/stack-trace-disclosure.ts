import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Stack trace disclosure',
  summary:
    'Error responses carry stack traces: file paths, function and library names and versions that tell an attacker how the application is built and where it breaks.',

  meaning: `A stack trace lists the calls that led to an error: source paths on the server, class and function
names, the frameworks and libraries in use (often with versions), and sometimes the failing query or
value. None of it is needed by the client. To an attacker it is reconnaissance for free: it names the
stack to look up vulnerabilities for, shows which input reached which code, and confirms that a crafted
value made the application fail, the first step of most injection attacks.

Traces in responses usually mean errors are not handled: the framework's default handler, a catch block
that returns \`err.stack\`, or verbose error settings left on.`,

  decides: `Parapet looks for the shape of a trace, not a keyword: at least two frame lines of one language
(Python \`File "…", line N, in f\`; Node.js \`at f (/path/file.js:1:2)\`; Java \`at pkg.Class.method(File.java:12)\`;
.NET \`at Ns.Type.Method() in C:\\…:line 12\` or the \`Type.Method() +42\` lines of an ASP.NET error page;
Ruby \`app/x.rb:12:in 'm'\`), or a header with its frames for Go (\`goroutine 1 [running]:\` and a
\`/path/file.go:12\` line) and PHP (\`Stack trace:\` and \`#0 …\` lines); PHP's own error display (\`Fatal error:
… in /path/x.php on line 3\`) counts as one frame with its location. Frames are read from the text a user
sees: markup dropped and entities decoded in HTML, each string of a JSON body in turn (so a \`stack\` field or
an array of frames counts), plain text as it is. Each line belongs to one language, so a Java frame is not
also read as .NET. Scripts and stylesheets are not read.

Pages the scan already fetched are judged as they are: a trace on an error status is **firm**, a trace on a
2xx page **tentative** (it may be documentation quoting one). Parapet also sends one odd value
(\`parapet'"\\\`) to up to 12 parameters; a trace that appears only then, where the page with its own value
had none, is **firm**. A trace shown inside a debugger page (Werkzeug, Django DEBUG, Rails, Ignition,
Whoops, Express in development) is left to \`debug-mode-enabled\`, which reports the bigger problem. The
language of the trace also goes into the report's stack.`,

  fix: {
    generic: `Catch every error at the edge of the application, log the full trace on the server with an id,
and answer the client with a generic message that carries only that id:

\`\`\`json
{ "error": "internal error", "id": "c0a8012e-5f3b" }
\`\`\`

For PHP, set \`display_errors = Off\` and \`log_errors = On\` in \`php.ini\`. Turn framework debug modes off
in production.`,

    flask: `Register a handler for unexpected exceptions that logs and answers generically:

\`\`\`python
from werkzeug.exceptions import HTTPException

@app.errorhandler(Exception)
def unexpected(error):
    if isinstance(error, HTTPException):
        return error
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500
\`\`\`

Do not return \`traceback.format_exc()\` in responses, and keep \`FLASK_DEBUG\` off.`,

    django: `Keep \`DEBUG = False\` in production. In Django REST framework, make sure a custom exception handler
does not put the exception's text or trace in the response:

\`\`\`python
REST_FRAMEWORK = {"EXCEPTION_HANDLER": "shop.api.errors.handler"}
\`\`\``,

    fastapi: `Handle unexpected exceptions once, log them, and answer without details:

\`\`\`python
import logging
from fastapi import Request
from fastapi.responses import JSONResponse

@app.exception_handler(Exception)
async def unexpected(request: Request, exc: Exception):
    logging.exception("unhandled error")
    return JSONResponse({"error": "internal error"}, status_code=500)
\`\`\``,

    express: `End the middleware chain with an error handler that never sends \`err.stack\`, and run with
\`NODE_ENV=production\`:

\`\`\`js
app.use((err, req, res, next) => {
  req.log?.error(err);
  res.status(err.status ?? 500).json({ error: 'internal error' });
});
\`\`\``,

    rails: `Production must not render the detailed exception pages:

\`\`\`ruby
# config/environments/production.rb
config.consider_all_requests_local = false
\`\`\`

For APIs, \`rescue_from StandardError\` in a base controller, log the exception and render a generic body.`,

    spring: `Spring Boot leaves traces out by default; keep it that way and do not echo exception messages:

\`\`\`properties
server.error.include-stacktrace=never
server.error.include-message=never
server.error.include-exception=false
\`\`\`

A \`@RestControllerAdvice\` that returns \`e.getStackTrace()\` or \`e.toString()\` defeats this; return a
generic body and log the exception.`,

    aspnet: `Use the exception handler outside Development, and keep exception details out of problem
details:

\`\`\`csharp
builder.Services.AddProblemDetails();
app.UseExceptionHandler();
\`\`\`

In classic ASP.NET, set \`<customErrors mode="RemoteOnly" />\` (or \`On\`) in \`web.config\`.`,

    go: `Recover panics in a middleware and answer 500 without the stack; write \`debug.Stack()\` to the log
only:

\`\`\`go
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				log.Printf("panic: %v\\n%s", v, debug.Stack())
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
\`\`\``,

    laravel: `Set \`APP_DEBUG=false\` in production; Laravel then renders its generic error views and a bare
\`{"message": "Server Error"}\` for JSON requests. Run \`php artisan config:cache\` after changing \`.env\`.`,

    nginx: `As a second line of defence, let nginx replace upstream error bodies with its own page:

\`\`\`nginx
proxy_intercept_errors on;
error_page 500 502 503 504 /50x.html;
\`\`\``,

    apache: `As a second line of defence, let Apache replace upstream error bodies with its own page:

\`\`\`apache
ProxyErrorOverride On
ErrorDocument 500 /errors/500.html
\`\`\``,
  },

  limitations: `Only the odd value Parapet sends is tried, on up to 12 parameters and with GET; errors that
need other inputs, methods or bodies are not provoked. Traces in languages or formats outside the table
(Elixir, Rust panics, minified or reformatted traces, frames without file locations) are missed, and a
single-frame trace is not reported. A 2xx page that documents a stack trace is reported as tentative, not
suppressed.`,

  references: [
    {
      title: 'OWASP Error Handling Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
    },
    {
      title: 'OWASP WSTG: Testing for Stack Traces',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/08-Testing_for_Error_Handling/02-Testing_for_Stack_Traces',
    },
    {
      title: 'CWE-209: Generation of Error Message Containing Sensitive Information',
      url: 'https://cwe.mitre.org/data/definitions/209.html',
    },
  ],
  asvs: ['16.5.1'],
  pciDss: ['6.2.4'],
  soc2: ['CC7.1'],
};

export default doc;
