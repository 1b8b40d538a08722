/** `parapet scan <url>`: flags → config → scan() → report on stdout or in a file → exit code. */
import { access, constants, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { secretValues } from '../config/credentials.js';
import { isParapetError, ParapetError } from '../errors.js';
import type { Report } from '../report/report.js';
import { renderJson } from '../reporters/json.js';
import { renderText } from '../reporters/text.js';
import { scan } from '../scan.js';
import { columns, useColor } from './color.js';
import { EXIT, reportError } from './exit.js';
import { gateFailures } from './gate.js';
import { createProgress } from './progress.js';
import { type ScanFlags, scanConfigFrom } from './scan-config.js';

type Stop = 'SIGINT' | 'SIGTERM';

export async function runScan(url: string, flags: ScanFlags): Promise<number> {
  let secrets: string[] = [];
  try {
    const config = scanConfigFrom(url, flags);
    secrets = secretValues(config.credentials);
    const output = flags.output ? resolve(flags.output) : undefined;
    if (output) await checkWritable(output);
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
      report = await scan(config, { signal: controller.signal, onEvent: (e) => progress.onEvent(e) });
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

    if (output) {
      const body =
        flags.format === 'json' ? renderJson(report) : renderText(report, { color: false, width: 100 });
      await writeFile(output, body).catch((err: NodeJS.ErrnoException) => {
        throw new ParapetError(
          'PARAPET_OUTPUT',
          `cannot write the report to ${output}: ${err.code ?? err.message}`,
        );
      });
      process.stdout.write(`${summary(report)} · report written to ${flags.output}\n`);
    } else if (flags.format === 'json') {
      process.stdout.write(renderJson(report));
    } else {
      process.stdout.write(
        renderText(report, { color: useColor(process.stdout, flags.color), width: columns(process.stdout) }),
      );
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
  const n = report.findings.length;
  return `Grade ${report.grade} · score ${report.score}/100 · ${n} finding${n === 1 ? '' : 's'}${report.partial ? ' · partial' : ''}`;
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
