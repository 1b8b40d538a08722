/**
 * The `parapet` command line. Only commander and tiny modules load up front (so `--help` starts fast);
 * each command imports what it needs (undici, the HTML parser, zod) when it runs.
 */
import { Command, CommanderError, Option } from 'commander';
import { SEVERITIES } from '../types.js';
import { VERSION } from '../version.js';
import {
  collect,
  collectFormats,
  collectHeaders,
  DEFAULT_FORMATS,
  parseInteger,
  parsePositive,
  parseSeconds,
  parseSize,
  parseThreshold,
} from './args.js';
import { columns, useColor } from './color.js';
import type { DiffFlags } from './diff-command.js';
import { EXIT, reportError } from './exit.js';
import type { ScanFlags } from './scan-config.js';

const EXIT_HELP = `
Exit codes:
  0    the scan finished and passed --fail-on / --threshold
  1    --fail-on or --threshold was breached (diff: --fail-on-new found new findings)
  2    usage error, invalid URL, or the target could not be reached (refused, DNS, TLS, timeout)
  3    internal error (a bug in Parapet)
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM): the partial report is still written`;

function program(setExit: (code: number) => void): Command {
  const root = new Command('parapet')
    .description('Black-box security scanner for HTTP APIs and web apps.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText('after', EXIT_HELP);

  root
    .command('scan')
    .description('scan a web app or API and report the findings')
    .argument('[url]', 'the start URL (http or https); default: target in the config file')
    .addOption(
      new Option(
        '--format <formats>',
        'report formats, comma-separated or repeated: text, json, sarif, junit, markdown, html, pdf',
      )
        .argParser(collectFormats)
        .default(DEFAULT_FORMATS, 'text'),
    )
    .option('-o, --output <file>', 'write the report to a file (stdout then shows a one-line summary)')
    .option('--output-dir <dir>', 'write each format to <dir>/parapet.<ext> (needed for several formats)')
    .option('-c, --config <file>', 'the config file (default: parapet.config.yml or .parapet.yml here)')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 on a finding of this severity or higher (tentative ones excepted)',
      ).choices(SEVERITIES),
    )
    .option('--threshold <score>', 'exit 1 when the score is below this (0-100)', parseThreshold)
    .addOption(
      new Option('-H, --header <header>', "send this header, 'Name: value' (repeatable)")
        .env('PARAPET_HEADER')
        .argParser(collectHeaders),
    )
    .addOption(new Option('--bearer <token>', 'send Authorization: Bearer <token>').env('PARAPET_BEARER'))
    .addOption(new Option('--basic <user:password>', 'send HTTP Basic credentials').env('PARAPET_BASIC'))
    .addOption(new Option('--cookie <cookie>', "send this Cookie header, 'a=b; c=d'").env('PARAPET_COOKIE'))
    .addOption(
      new Option(
        '--auth2 <credential>',
        "a second user for authorization tests: 'Name: value', bearer:TOKEN, basic:user:pass or cookie:a=b",
      ).env('PARAPET_AUTH2'),
    )
    .addOption(
      new Option(
        '--login <recipe>',
        `log in first: 'POST /auth/login {"user":"$USER","password":"$PASS"}' ($NAMES from the environment)`,
      ).env('PARAPET_LOGIN'),
    )
    .option(
      '--token-path <path>',
      'where the login answer holds the token (/token, data.access_token); else its cookie',
    )
    .option('--token-header <name>', 'send the login token in this header instead of Authorization: Bearer')
    .option('--budget <n>', 'most requests the scan may send (default 400)', parseInteger)
    .option('--concurrency <n>', 'requests in flight at once (default 8)', parseInteger)
    .option('--rate <n>', 'most requests per second to one host (default 100)', parsePositive)
    .option('--timeout <seconds>', 'how long to wait for one response (default 10)', parseSeconds)
    .option('--max-body <bytes>', 'largest response body read, e.g. 512kb (default 2mb)', parseSize)
    .addOption(
      new Option('--scope <origin>', 'another origin the scan may visit (repeatable)').argParser(collect),
    )
    .option(
      '--spec <file-or-url>',
      'an OpenAPI 3.x or Swagger 2.0 document (JSON or YAML) whose operations to scan; without it, a published one is used',
    )
    .option(
      '--server <url-or-n>',
      "which of the spec's servers to use: its URL, or its position (1 for the first)",
    )
    .option('--active', 'also run checks that send state-changing requests')
    .option(
      '--allow-destructive',
      'with --active, also submit forms that look like they delete data (off by default)',
    )
    .option('--browser', 'with --active, prove clickjacking and CSRF findings in the system Chromium')
    .option('--artifacts <dir>', 'with --browser, save screenshots and proof-of-concept pages here')
    .option(
      '--callback-host <host[:port]>',
      'where the target can reach Parapet for out-of-band probes (SSRF); default 127.0.0.1 for loopback targets',
    )
    .option('--insecure', 'accept TLS certificates that are not trusted (self-signed, expired)')
    .option(
      '--max-time <seconds>',
      'stop the whole scan after this long and report what it found (default 180)',
      parseSeconds,
    )
    .option('--no-color', 'no colours')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      '\nCredentials can also come from PARAPET_HEADER (one header per line), PARAPET_BEARER, PARAPET_BASIC\nand PARAPET_COOKIE, which keeps them out of shell history. They never appear in reports.',
    )
    .action(async (url: string | undefined, flags: ScanFlags, command: Command) => {
      const { runScan } = await import('./scan-command.js');
      const explicit = new Set(
        Object.keys(flags).filter((key) => command.getOptionValueSource(key) !== 'default'),
      );
      setExit(await runScan(url, flags, explicit));
    });

  root
    .command('diff')
    .description('compare two JSON reports: new, fixed and unchanged findings, and the score change')
    .argument('<old>', 'the earlier report (parapet scan --format json)')
    .argument('<new>', 'the later report')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('-o, --output <file>', 'write the comparison to a file')
    .option(
      '--fail-on-new',
      'exit 1 when the new report has findings the old one did not (tentative and suppressed ones excepted)',
    )
    .option('--no-color', 'no colours')
    .action(async (before: string, after: string, flags: DiffFlags) => {
      const { runDiff } = await import('./diff-command.js');
      setExit(await runDiff(before, after, flags));
    });

  root
    .command('rules')
    .description('list the rules, with their category, default severity, mode and OWASP mapping')
    .option('--no-color', 'no colours')
    .action(async (flags: { color: boolean }) => {
      const { renderRules } = await import('./rules-command.js');
      process.stdout.write(renderRules(useColor(process.stdout, flags.color)));
    });

  root
    .command('explain')
    .description('show what a rule means, how Parapet decides and how to fix it')
    .argument('<rule>', 'a rule id, e.g. clickjacking')
    .option('--stack <framework>', 'only the fix for this framework or server, e.g. flask')
    .option('--context <context>', 'advice for an auth scheme or database, e.g. api-keys, jwt, postgresql')
    .option('--no-color', 'no colours')
    .action(async (rule: string, flags: { color: boolean; stack?: string; context?: string }) => {
      const { renderExplain } = await import('./explain-command.js');
      const color = useColor(process.stdout, flags.color);
      process.stdout.write(
        renderExplain(rule, {
          color,
          width: columns(process.stdout),
          ...(flags.stack !== undefined ? { stack: flags.stack } : {}),
          ...(flags.context !== undefined ? { context: flags.context } : {}),
        }),
      );
    });

  return root;
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program((c) => {
      code = c;
    }).parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return commanderExit(err);
    return reportError(err);
  }
}

/** Help and version are not errors; anything else commander rejects is one usage line. */
function commanderExit(err: CommanderError): number {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
  // `parapet` alone: commander has printed the help on stderr.
  if (err.code === 'commander.help') return EXIT.usage;
  const message = err.message
    .replace(/^error:\s*/i, '')
    .replace(/(--[\w-]+)=[^'\s]*/g, '$1=…') // an unknown `--flag=value` may hold a secret
    .replace(/\s*\n\s*\(Did you mean (.*)\)\s*$/s, '; did you mean $1')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\.$/, '');
  process.stderr.write(`parapet: ${message} (see parapet --help)\n`);
  return EXIT.usage;
}

/** Runs the command line and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // `parapet rules | head`: the reader left; that is not an error.
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  process.on('uncaughtException', (err) => process.exit(reportError(err)));
  process.on('unhandledRejection', (err) => process.exit(reportError(err)));
  const code = await main(argv);
  process.exitCode = code;
  // Everything is closed by now; if a stray handle lingers, do not hang the shell or the CI job.
  setTimeout(() => process.exit(code), 2_000).unref();
}
