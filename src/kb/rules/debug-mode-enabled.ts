import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Debug mode in production',
  summary:
    'A development debugger or debug-mode page is reachable from outside: it hands out source code, settings and secrets, and some debuggers run any code an attacker types.',

  meaning: `Frameworks ship a debug mode for development: when a request fails they show the source around
the failing line, local variables, request headers, settings and environment, and some add tools on top.
Werkzeug's debugger (Flask's \`--debug\`) opens a Python console in every frame of the traceback and at
\`/console\`; anyone who gets past its PIN runs code as the server. Django's \`DEBUG = True\` pages list every
setting and URL pattern; Rails' development pages show the routes and the app's root; Laravel's Ignition
(\`APP_DEBUG=true\`) has had remote code execution through its solution endpoints; Spring Boot actuators
serve the configuration (\`/actuator/env\`) and a dump of the JVM heap, which holds database passwords,
keys and session tokens in clear.

On a production host these pages turn any error an attacker can cause (a letter where a number is
expected) into a map of the application, its secrets, or a shell.`,

  decides: `Parapet recognises each debugger by two of its own markers in the raw response, never by one
phrase: Werkzeug's "The debugger caught an exception in your WSGI application." together with its
\`// Werkzeug Debugger\` title or resource links; its console by \`<h1>Interactive Console</h1>\` and
\`CONSOLE_MODE = true\`; Django's debug table (\`Django Version:\`, \`Exception Value:\`) or its DEBUG footer
with the URLconf listing; Rails' \`Action Controller: Exception caught\` page with \`Rails.root:\` or the routing
table; Ignition's \`window.ignite(window.data)\` with its report data; Whoops' container and title; Laravel's
debug JSON (the exception class and a \`trace\` array of files); Spring Boot actuator JSON (\`propertySources\`
with \`activeProfiles\`, or an \`_links\` index that lists \`heapdump\`); and Express's development error page
(its \`<title>Error</title>\` page whose \`<pre>\` holds the escaped stack).

It reads the pages the scan already fetched (the not-found probe shows Django's and Rails' debug 404s),
asks for \`/console\`, \`/actuator\`, \`/actuator/env\` and \`/_ignition/health-check\` with GET, and sends one
odd value (\`parapet'"\\\`) to up to 12 parameters to make handlers fail. A finding is **firm** on the two
markers and **confirmed** when a second request gets an answer only the live debugger gives (Werkzeug's own
\`debugger.js\`, Rails' \`/rails/info/properties\`, Ignition's health check). Parapet never requests the heap
dump, not even with HEAD: asking for it makes the JVM write one. One finding per kind of debugger. An env
document whose values are all masked is still reported (its names, sources and profiles map the
configuration), and the finding says the values are masked.

It does not fire on production error pages (Django's "Server Error (500)", Rails' public pages, Spring's
Whitelabel page, Express's "Internal Server Error"), on pages that quote debugger markup as escaped text,
on actuators that expose only \`health\`, or on plain stack traces (those are \`stack-trace-disclosure\`).`,

  fix: {
    generic: `Run production with debug mode off and with a generic error page; keep debug tooling out of
production builds altogether (development-only dependencies), and expose management endpoints only on an
internal port or behind authentication. Set the mode from the deployment environment, never from code
that ships.`,

    flask: `Never call \`app.run(debug=True)\` or set \`FLASK_DEBUG=1\` in production, and serve the app with a
production server, not the development one:

\`\`\`sh
unset FLASK_DEBUG
gunicorn --workers 4 "shop:app"
\`\`\`

Give errors a plain page of your own:

\`\`\`python
@app.errorhandler(500)
def internal_error(error):
    return render_template("500.html"), 500
\`\`\``,

    django: `Read \`DEBUG\` from the environment and default it to off:

\`\`\`python
# settings.py
import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["shop.example.com"]
\`\`\`

With \`DEBUG = False\` Django serves your \`404.html\`/\`500.html\` templates. \`python manage.py check --deploy\`
warns about this and related settings.`,

    fastapi: `Keep \`debug\` off (its default), so unhandled errors do not return tracebacks:

\`\`\`python
app = FastAPI(debug=False)
\`\`\`

Do not run production with \`uvicorn --reload\`; use several workers behind a process manager.`,

    express: `Run with \`NODE_ENV=production\` (Express then sends "Internal Server Error" without the stack) and
end the middleware chain with your own error handler:

\`\`\`js
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});
\`\`\``,

    rails: `Production must not treat requests as local, and development-only gems stay in their group:

\`\`\`ruby
# config/environments/production.rb
config.consider_all_requests_local = false
\`\`\`

\`\`\`ruby
# Gemfile
group :development do
  gem "web-console"
end
\`\`\`

Start the server with \`RAILS_ENV=production\`.`,

    spring: `Expose only the actuator endpoints you need over HTTP, and never \`env\` or \`heapdump\` publicly:

\`\`\`properties
management.endpoints.web.exposure.include=health,info
management.endpoint.env.show-values=never
management.server.port=9001
\`\`\`

A separate management port (firewalled) keeps the rest off the public listener; if endpoints must be
public, require an administrator role for them with Spring Security.`,

    aspnet: `Show the developer exception page only in Development, and a handler elsewhere:

\`\`\`csharp
if (app.Environment.IsDevelopment())
    app.UseDeveloperExceptionPage();
else
    app.UseExceptionHandler("/Error");
\`\`\`

Deploy with \`ASPNETCORE_ENVIRONMENT=Production\`.`,

    go: `Go has no debug mode, but profiling and debug handlers end up public the same way. Serve
\`net/http/pprof\` and \`expvar\` only on a private listener, and run Gin in release mode:

\`\`\`go
gin.SetMode(gin.ReleaseMode) // or GIN_MODE=release
go http.ListenAndServe("127.0.0.1:6060", nil) // pprof registers on the default mux: keep it local
\`\`\``,

    laravel: `Turn debug off in the production \`.env\` and cache the configuration:

\`\`\`ini
APP_ENV=production
APP_DEBUG=false
\`\`\`

\`\`\`sh
composer install --no-dev --optimize-autoloader
php artisan config:cache
\`\`\`

\`--no-dev\` also leaves Ignition out of the production build.`,

    nginx: `As a second line of defence, refuse debug and management paths at the proxy:

\`\`\`nginx
location ~ ^/(console|actuator|_ignition)(/|$) {
    return 404;
}
\`\`\``,

    apache: `As a second line of defence, refuse debug and management paths at the proxy:

\`\`\`apache
<LocationMatch "^/(console|actuator|_ignition)(/|$)">
    Require all denied
</LocationMatch>
\`\`\``,
  },

  authContexts: {
    'api-keys': {
      text: `Debug pages print environment variables and settings, which is where API keys, database passwords and
signing secrets usually live. Turn debug mode off, then rotate every secret the process could read.`,
    },

    'cookie-session': {
      text: `A debugger or debug page runs inside the app, next to its secrets. Werkzeug's console runs any Python
as the app (reading \`SECRET_KEY\` is one line, and with it every session can be forged); Django's and
Laravel's debug pages print settings and environment values. After turning debug mode off, rotate the
session secret and anything else the page could show.`,
      faq: [
        {
          q: 'We turned debug off. Is that all?',
          a: `Rotate what it exposed: the session signing key (sessions forged with it stay valid until it
changes), database passwords and API keys in the environment. Assume they were read: debug consoles are
found by scanners within days.`,
        },
      ],
    },
  },

  limitations: `Parapet provokes errors with one odd value per parameter; a handler that tolerates it, or
errors reachable only by POST bodies, stay unseen. Debuggers behind login are seen only with credentials.
Other debuggers (Symfony's profiler, Next.js's development overlay, custom ones) are not recognised yet, and
a debugger restyled beyond its markers is missed. Werkzeug's PIN is not tested: a locked console is still
reported, because the PIN can be derived from facts about the host. Actuators under a custom base path are
found only if linked from a page the scan fetched.`,

  references: [
    {
      title: 'Werkzeug: Debugging Applications',
      url: 'https://werkzeug.palletsprojects.com/en/stable/debug/',
    },
    {
      title: 'Django: Deployment checklist (DEBUG)',
      url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
    },
    {
      title: 'Spring Boot: Actuator endpoints and exposure',
      url: 'https://docs.spring.io/spring-boot/reference/actuator/endpoints.html',
    },
    {
      title: 'OWASP WSTG: Testing for Improper Error Handling',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/08-Testing_for_Error_Handling/01-Testing_For_Improper_Error_Handling',
    },
    { title: 'CWE-489: Active Debug Code', url: 'https://cwe.mitre.org/data/definitions/489.html' },
  ],
  asvs: ['13.4.2'],
  pciDss: ['2.2.4'],
  soc2: ['CC6.1', 'CC7.1'],
};

export default doc;
