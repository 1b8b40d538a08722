/** `parapet diff old.json new.json`: findings matched by fingerprint; `--fail-on-new` gates CI on new ones. */
import { readFile, writeFile } from 'node:fs/promises';
import { ParapetError } from '../errors.js';
import { diffReports } from '../report/diff.js';
import type { Report } from '../report/report.js';
import { ReportSchema } from '../report/schema.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../reporters/diff.js';
import { useColor } from './color.js';
import { EXIT, reportError } from './exit.js';
import { gated } from './gate.js';

export interface DiffFlags {
  format: 'text' | 'json' | 'markdown';
  output?: string;
  failOnNew?: boolean;
  color: boolean;
}

async function readReport(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ParapetError(
      'PARAPET_REPORT_FILE',
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ParapetError('PARAPET_REPORT_FILE', `${path} is not JSON (write it with --format json)`);
  }
  const result = ReportSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ParapetError(
      'PARAPET_REPORT_FILE',
      `${path} is not a Parapet report (${where}${issue.message})`,
    );
  }
  return result.data;
}

export async function runDiff(before: string, after: string, flags: DiffFlags): Promise<number> {
  try {
    const [a, b] = await Promise.all([readReport(before), readReport(after)]);
    const diff = diffReports(a, b);
    const color = !flags.output && useColor(process.stdout, flags.color);
    const body =
      flags.format === 'json'
        ? renderDiffJson(diff)
        : flags.format === 'markdown'
          ? renderDiffMarkdown(diff)
          : renderDiffText(diff, { color });
    if (flags.output) {
      await writeFile(flags.output, body).catch((err: NodeJS.ErrnoException) => {
        throw new ParapetError('PARAPET_OUTPUT', `cannot write ${flags.output}: ${err.code ?? err.message}`);
      });
    } else {
      process.stdout.write(body);
    }
    const blocking = diff.added.filter(gated);
    if (flags.failOnNew && blocking.length > 0) {
      process.stderr.write(
        `parapet: failed: ${blocking.length} new finding${blocking.length === 1 ? '' : 's'} (--fail-on-new)\n`,
      );
      return EXIT.gate;
    }
    return EXIT.ok;
  } catch (err) {
    return reportError(err);
  }
}
