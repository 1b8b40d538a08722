import type { PartId } from '../../fingerprint/parts.js';

/**
 * Error pages as data: debuggers and debug-mode pages (`debugger`), and stack traces (`trace`).
 * The `debug-mode-enabled` check reports the first kind, `stack-trace-disclosure` the second, and
 * the stack fingerprint reads the language (and framework) from both.
 *
 * Regexes must run in linear time on hostile bodies: bounded repeats only (`{m,n}`, never `*`, `+`
 * or `{m,}`), no quantified groups, no `g`/`y` flags. Frame patterns are tried once per line of
 * the body's text and start with `^`. The table test checks all of this, and runs 1 MB inputs.
 */

export type LanguageId = Extract<PartId, 'python' | 'node' | 'ruby' | 'java' | 'dotnet' | 'golang' | 'php'>;
export type FrameworkId = Extract<PartId, 'flask' | 'django' | 'rails' | 'laravel' | 'spring' | 'express'>;

interface SignatureBase {
  /** Stable id, unique in the table. */
  id: string;
  language: LanguageId;
  framework?: FrameworkId;
  /** What the page is, in a few words (ends evidence sentences). */
  description: string;
}

/** A debugger or a debug-mode page, known by two of its own markers in the raw body. */
export interface DebuggerSignature extends SignatureBase {
  kind: 'debugger';
  pattern: RegExp;
  /** A second marker of the same page, independent of the first. */
  also: RegExp;
  /** The response must be HTML (`document`) or JSON. */
  media?: 'document' | 'json';
  /** A request only the live debugger answers this way: a path on the origin and what its body holds. */
  confirm?: { path: string; expect: RegExp };
}

/** A stack trace, known by its shape: at least `frames` lines matching `pattern`, and a `header` line if given. */
export interface TraceSignature extends SignatureBase {
  kind: 'trace';
  /** One frame line (tried against each line of the body's text, trimmed of trailing space). */
  pattern: RegExp;
  frames: number;
  header?: RegExp;
}

export type ErrorPageSignature = DebuggerSignature | TraceSignature;

/** The apostrophe in "You're", as Django's versions and escapers have written it. */
const APOS = "(?:'|’|&#x27;|&#39;|&rsquo;)";
const DJANGO_DEBUG_FOOTER = `You${APOS}re seeing this error because you have <code>DEBUG = True</code>`;
const WERKZEUG_RESOURCE = { path: '/?__debugger__=yes&cmd=resource&f=debugger.js', expect: /\bEVALEX\b/ };
/** An absolute path: POSIX or a Windows drive. */
const ABS = '(?:/|[A-Za-z]:[\\\\/])';

export const ERROR_PAGE_SIGNATURES: readonly ErrorPageSignature[] = [
  // ── Debuggers and debug-mode pages ─────────────────────────────────────────────────────────────
  {
    id: 'werkzeug-debugger',
    kind: 'debugger',
    language: 'python',
    framework: 'flask',
    media: 'document',
    pattern: /The debugger caught an exception in your WSGI application\./,
    also: /<title>[^<]{0,300} \/\/ Werkzeug Debugger<\/title>|\?__debugger__=yes&amp;cmd=resource&amp;f=/,
    confirm: WERKZEUG_RESOURCE,
    description: "Werkzeug's interactive debugger (traceback page)",
  },
  {
    id: 'werkzeug-console',
    kind: 'debugger',
    language: 'python',
    framework: 'flask',
    media: 'document',
    pattern: /<h1>Interactive Console<\/h1>/,
    also: /\bCONSOLE_MODE = true\b|<title>Console \/\/ Werkzeug Debugger<\/title>/,
    confirm: WERKZEUG_RESOURCE,
    description: "Werkzeug's interactive Python console",
  },
  {
    id: 'django-debug-500',
    kind: 'debugger',
    language: 'python',
    framework: 'django',
    media: 'document',
    pattern: /<th(?: scope="row")?>Django Version:<\/th>/,
    also: new RegExp(`<th(?: scope="row")?>Exception Value:</th>|${DJANGO_DEBUG_FOOTER}`),
    description: "Django's DEBUG = True error page",
  },
  {
    id: 'django-debug-404',
    kind: 'debugger',
    language: 'python',
    framework: 'django',
    media: 'document',
    pattern: new RegExp(DJANGO_DEBUG_FOOTER),
    also: /Using the URLconf defined in <code>|<title>Page not found at \//,
    description: "Django's DEBUG = True 404 page, which lists the URL patterns",
  },
  {
    id: 'rails-exception',
    kind: 'debugger',
    language: 'ruby',
    framework: 'rails',
    media: 'document',
    pattern: /<title>Action Controller: Exception caught<\/title>/,
    also: /<code>Rails\.root: |<h1>Routing Error<\/h1>|Routes match in priority from top to bottom/,
    confirm: { path: '/rails/info/properties', expect: /Rails version/ },
    description: "Rails' development exception page",
  },
  {
    id: 'laravel-ignition',
    kind: 'debugger',
    language: 'php',
    framework: 'laravel',
    media: 'document',
    pattern: /window\.ignite\(window\.data\)/,
    also: /window\.data = \{"report":/,
    confirm: { path: '/_ignition/health-check', expect: /^\{"can_execute_commands":(?:true|false)\}$/ },
    description: "Laravel's Ignition debug error page",
  },
  {
    id: 'laravel-ignition-health',
    kind: 'debugger',
    language: 'php',
    framework: 'laravel',
    media: 'json',
    pattern: /^\{"can_execute_commands":(?:true|false)\}$/,
    also: /"can_execute_commands"/,
    description: "Ignition's health check, routed only while Laravel's APP_DEBUG is on",
  },
  {
    id: 'laravel-debug-json',
    kind: 'debugger',
    language: 'php',
    framework: 'laravel',
    media: 'json',
    pattern: /"exception"\s{0,4}:\s{0,4}"[\w\\]{1,300}"/,
    also: /"trace"\s{0,4}:\s{0,4}\[\s{0,40}\{\s{0,40}"file"\s{0,4}:/,
    description: "Laravel's APP_DEBUG JSON error, with the exception class and trace",
  },
  {
    id: 'php-whoops',
    kind: 'debugger',
    language: 'php',
    media: 'document',
    pattern: /<div class="Whoops container">/,
    also: /<title>Whoops! There was an error\.<\/title>|class="frames-container/,
    description: 'the Whoops debug error page (Laravel 5 and other PHP frameworks)',
  },
  {
    id: 'spring-actuator-env',
    kind: 'debugger',
    language: 'java',
    framework: 'spring',
    media: 'json',
    pattern: /"propertySources"\s{0,10}:\s{0,10}\[/,
    also: /"activeProfiles"\s{0,10}:\s{0,10}\[/,
    description: "Spring Boot's actuator env endpoint (configuration properties)",
  },
  {
    id: 'spring-actuator-heapdump',
    kind: 'debugger',
    language: 'java',
    framework: 'spring',
    media: 'json',
    pattern: /"heapdump"\s{0,10}:\s{0,10}\{\s{0,10}"href"\s{0,10}:/,
    also: /"_links"\s{0,10}:\s{0,10}\{/,
    description: "Spring Boot's actuator index listing the heapdump endpoint",
  },
  {
    id: 'express-development-error',
    kind: 'debugger',
    language: 'node',
    framework: 'express',
    media: 'document',
    pattern: /<br> &nbsp; &nbsp;at \S/,
    also: /<title>Error<\/title>/,
    description: "Express's error page in development mode (NODE_ENV is not production), with the stack",
  },
  // ── Stack traces, in the order lines are claimed (a Java frame is not also read as .NET) ───────
  {
    id: 'java-trace',
    kind: 'trace',
    language: 'java',
    frames: 2,
    pattern:
      /^\s{0,40}at [\w$./<>-]{1,400}\((?:[\w$.-]{0,200}\.(?:java|kt|scala|groovy|clj):\d{1,7}|Native Method|Unknown Source)\)(?: ~?\[[^\]]{1,300}\])?$/,
    description: 'a Java stack trace',
  },
  {
    id: 'dotnet-trace',
    kind: 'trace',
    language: 'dotnet',
    frames: 2,
    pattern:
      /^\s{0,40}(?:at [\w`<>[\],+|-]{1,200}\.[\w.`<>[\],+|-]{1,300}\([^()]{0,400}\)(?: in .{1,400}:line \d{1,7})?|[\w`<>[\],+|-]{1,200}\.[\w.`<>[\],+|-]{1,300}\([^()]{0,400}\)(?: \+\d{1,7}| in .{1,400}:\d{1,7}))$/,
    description: 'a .NET stack trace',
  },
  {
    id: 'node-trace',
    kind: 'trace',
    language: 'node',
    frames: 2,
    pattern: new RegExp(
      `^\\s{0,40}at (?:(?:async |new )?[^\\s()]{1,300}(?: \\[as [^\\]]{1,100}\\])? \\()?(?:${ABS}|file://|node:|webpack:)[^\\s()]{0,500}:\\d{1,7}:\\d{1,7}\\)?$`,
    ),
    description: 'a Node.js stack trace',
  },
  {
    id: 'python-trace',
    kind: 'trace',
    language: 'python',
    frames: 2,
    pattern: /^\s{0,40}File "[^"]{1,500}", line \d{1,7}(?:, in .{1,300})?$/,
    description: 'a Python traceback',
  },
  {
    id: 'ruby-trace',
    kind: 'trace',
    language: 'ruby',
    frames: 2,
    pattern: /^\s{0,40}(?:from )?[^\s:]{1,500}\.rb:\d{1,7}:in [`'‘]/,
    description: 'a Ruby backtrace',
  },
  {
    id: 'go-panic',
    kind: 'trace',
    language: 'golang',
    frames: 1,
    header: /^goroutine \d{1,9} \[[^\]]{1,80}\]:$/,
    pattern: new RegExp(`^\\s{0,40}${ABS}\\S{1,500}\\.go:\\d{1,7}(?: \\+0x[0-9a-f]{1,16})?$`),
    description: 'a Go goroutine dump (panic)',
  },
  {
    id: 'php-trace',
    kind: 'trace',
    language: 'php',
    frames: 1,
    header: /^(?:PHP )?Stack trace:$/,
    pattern: new RegExp(
      `^(?:PHP )?#\\d{1,4} (?:${ABS}[^(]{1,500}\\(\\d{1,7}\\): .{1,500}|\\[internal function\\]: .{1,500}|\\{main\\})$`,
    ),
    description: 'a PHP stack trace',
  },
  {
    id: 'php-error-display',
    kind: 'trace',
    language: 'php',
    frames: 1,
    pattern: new RegExp(
      `^(?:PHP )?(?:Fatal error|Parse error|Warning|Notice|Deprecated|Recoverable fatal error|Catchable fatal error): {1,2}\\S.{0,1000} in ${ABS}\\S{0,300}\\.php(?:\\(\\d{1,7}\\) : eval\\(\\)'d code)? on line \\d{1,7}$`,
    ),
    description: "PHP's error display (message, script path and line)",
  },
];
