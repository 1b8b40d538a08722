/**
 * `parapet scan [url]`: config file + flags → config → scan() → suppressions → reports on stdout or in
 * files → exit code.
 */
import { existsSync } from 'node:fs';
import { access, constants, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { chromiumPath } from '../browser/chromium.js';
import { secretValues } from '../config/credentials.js';
import { isParapetError, ParapetError } from '../errors.js';
import type { Report } from '../report/report.js';
import { applySuppressions, type Suppression } from '../report/suppress.js';
import { FORMAT_FILES, type Format } from '../reporters/formats.js';
import { render } from '../reporters/index.js';
import { scan } from '../scan.js';
import { columns, useColor } from './color.js';
import { findConfigFile, loadConfigFile, withConfigFile } from './config-file.js';
import { EXIT, reportError } from './exit.js';
import { gateFailures } from './gate.js';
import { createProgress } from './progress.js';
import { type ScanFlags, scanConfigFrom } from './scan-config.js';

type Stop = 'SIGINT' | 'SIGTERM';

interface Output {
  format: Format;
  /** Absolute path, or undefined for stdout. */
  path?: string;
}

export async function runScan(
  urlArg: string | undefined,
  cliFlags: ScanFlags,
  explicit: ReadonlySet<string> = new Set(),
): Promise<number> {
  let secrets: string[] = [];
  try {
    const configPath = findConfigFile(process.cwd(), cliFlags.config);
    const file = configPath ? loadConfigFile(configPath) : undefined;
    const { url, flags } = file
      ? withConfigFile(urlArg, cliFlags, explicit, file)
      : { url: urlArg, flags: cliFlags };
    if (url === undefined) {
      throw new ParapetError(
        'PARAPET_USAGE',
        "missing required argument 'url' (give it, or set target in parapet.config.yml)",
      );
    }
    const suppressions: Suppression[] = file?.suppressions ?? [];
    const config = scanConfigFrom(url, flags);
    secrets = secretValues(config.credentials);
    const outputs = planOutputs(flags);
    await prepareOutputs(outputs, flags.outputDir);
    if (config.artifactsDir) {
      await mkdir(config.artifactsDir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
        throw new ParapetError(
          'PARAPET_OUTPUT',
          `cannot create --artifacts ${config.artifactsDir}: ${err.code ?? err.message}`,
        );
      });
    }

    const progress = createProgress({
      stream: process.stderr,
      enabled: !flags.quiet,
      color: useColor(process.stderr, flags.color),
    });
    const controller = new AbortController();
    let stopped: Stop | undefined;
    const onSignal = (signal: Stop) => {
      if (stopped) process.exit(EXIT[signal]); // a second Ctrl-C: leave now
      stopped = signal;
      progress.say(
        `parapet: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; finishing the report with what was found…`,
      );
      controller.abort(new ParapetError('PARAPET_ABORTED', 'the scan was interrupted'));
    };
    const onInt = () => onSignal('SIGINT');
    const onTerm = () => onSignal('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);

    let report: Report;
    try {
      const scanned = await scan(config, { signal: controller.signal, onEvent: (e) => progress.onEvent(e) });
      report = applySuppressions(scanned, suppressions, new Date());
    } catch (err) {
      if (stopped && isParapetError(err, 'PARAPET_ABORTED')) {
        process.stderr.write('parapet: interrupted before the target answered; no report\n');
        return EXIT[stopped];
      }
      throw err;
    } finally {
      progress.stop();
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    }

    const written: string[] = [];
    for (const out of outputs) {
      if (!out.path) {
        const body = await render(out.format, report, {
          color: useColor(process.stdout, flags.color),
          width: columns(process.stdout),
          ...(flags.failOn ? { failOn: flags.failOn } : {}),
        });
        process.stdout.write(body);
        continue;
      }
      const body = await render(out.format, report, { ...(flags.failOn ? { failOn: flags.failOn } : {}) });
      await writeFile(out.path, body).catch((err: NodeJS.ErrnoException) => {
        throw new ParapetError(
          'PARAPET_OUTPUT',
          `cannot write the report to ${out.path}: ${err.code ?? err.message}`,
        );
      });
      written.push(out.path);
    }
    if (written.length === 1 && flags.output) {
      process.stdout.write(`${summary(report)} · report written to ${flags.output}\n`);
    } else if (written.length > 0) {
      const names = outputs.map((o) => FORMAT_FILES[o.format]).join(', ');
      process.stdout.write(`${summary(report)} · reports written to ${flags.outputDir}: ${names}\n`);
    }

    if (stopped) return EXIT[stopped];
    if (report.partial && !flags.quiet) {
      process.stderr.write(
        'parapet: the scan did not finish (time limit or budget); the report is partial\n',
      );
    }
    const failures = gateFailures(report, { failOn: flags.failOn, threshold: flags.threshold });
    if (failures.length > 0) {
      process.stderr.write(`parapet: failed: ${failures.join('; ')}\n`);
      return EXIT.gate;
    }
    return EXIT.ok;
  } catch (err) {
    return reportError(err, secrets);
  }
}

function summary(report: Report): string {
  const n = report.findings.filter((f) => !f.suppressed).length;
  const suppressed = report.findings.length - n;
  return `Grade ${report.grade} · score ${report.score}/100 · ${n} finding${n === 1 ? '' : 's'}${suppressed > 0 ? ` (${suppressed} suppressed)` : ''}${report.partial ? ' · partial' : ''}`;
}

/** Where each format goes: stdout (one format), --output FILE (one format) or --output-dir (any). */
function planOutputs(flags: ScanFlags): Output[] {
  const formats = [...new Set(flags.format)];
  if (formats.length === 0) throw new ParapetError('PARAPET_USAGE', '--format: give at least one format');
  if (flags.output && flags.outputDir) {
    throw new ParapetError('PARAPET_USAGE', 'use --output or --output-dir, not both');
  }
  if (flags.outputDir) {
    const dir = resolve(flags.outputDir);
    return formats.map((format) => ({ format, path: join(dir, FORMAT_FILES[format]) }));
  }
  if (formats.length > 1) {
    throw new ParapetError(
      'PARAPET_USAGE',
      `several formats (${formats.join(', ')}) need --output-dir to write them into`,
    );
  }
  const format = formats[0]!;
  if (flags.output) return [{ format, path: resolve(flags.output) }];
  if (format === 'pdf')
    throw new ParapetError('PARAPET_USAGE', '--format pdf needs --output or --output-dir');
  return [{ format }];
}

/** Fails before scanning, not after: folders must be writable and Chromium present for a PDF. */
async function prepareOutputs(outputs: readonly Output[], outputDir: string | undefined): Promise<void> {
  if (outputDir) {
    const dir = resolve(outputDir);
    const info = await stat(dir).catch(() => undefined);
    if (info && !info.isDirectory()) {
      throw new ParapetError('PARAPET_OUTPUT', `--output-dir ${dir} is not a directory`);
    }
    await mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new ParapetError('PARAPET_OUTPUT', `cannot create ${dir}: ${err.code ?? err.message}`);
    });
  }
  for (const out of outputs) if (out.path) await checkWritable(out.path);
  if (outputs.some((o) => o.format === 'pdf') && !existsSync(chromiumPath())) {
    throw new ParapetError(
      'PARAPET_BROWSER',
      `the PDF report needs Chromium at ${chromiumPath()} (install Debian's chromium or set PARAPET_CHROMIUM)`,
    );
  }
}

/** Fails before scanning, not after, when the report could not be written. */
async function checkWritable(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) throw new ParapetError('PARAPET_OUTPUT', `--output ${path} is a directory`);
  const target = info ? path : dirname(path);
  await access(target, constants.W_OK).catch((err: NodeJS.ErrnoException) => {
    const why = err.code === 'ENOENT' ? 'the folder does not exist' : (err.code ?? err.message);
    throw new ParapetError('PARAPET_OUTPUT', `cannot write the report to ${path}: ${why}`);
  });
}
