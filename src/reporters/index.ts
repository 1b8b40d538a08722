/** Every report format: its file name in an --output-dir and its renderer (a pure Report → output, PDF aside). */
import type { Report } from '../report/report.js';
import type { Severity } from '../types.js';
import type { Format } from './formats.js';

export { FORMAT_FILES, FORMATS, type Format } from './formats.js';

export interface RenderOptions {
  /** ANSI colour and width for the text format on a terminal. */
  color?: boolean;
  width?: number;
  /** The --fail-on severity (JUnit fails test cases at or above it). */
  failOn?: Severity;
}

/** Renders one format; each renderer is loaded only when asked for (PDF pulls in playwright-core). */
export async function render(
  format: Format,
  report: Report,
  options: RenderOptions = {},
): Promise<string | Buffer> {
  switch (format) {
    case 'text': {
      const { renderText } = await import('./text.js');
      return renderText(report, { color: options.color ?? false, width: options.width ?? 100 });
    }
    case 'json': {
      const { renderJson } = await import('./json.js');
      return renderJson(report);
    }
    case 'sarif': {
      const { renderSarif } = await import('./sarif.js');
      return renderSarif(report);
    }
    case 'junit': {
      const { renderJunit } = await import('./junit.js');
      return renderJunit(report, options.failOn ? { failOn: options.failOn } : {});
    }
    case 'markdown': {
      const { renderMarkdown } = await import('./markdown.js');
      return renderMarkdown(report);
    }
    case 'html': {
      const { renderHtml } = await import('./html.js');
      return renderHtml(report);
    }
    case 'pdf': {
      const { renderPdf } = await import('./pdf.js');
      return renderPdf(report);
    }
  }
}
