/** The PDF report, for audit evidence: the HTML report printed by Chromium (A4, backgrounds, page numbers). */

import { withChromium } from '../browser/chromium.js';
import type { Report } from '../report/report.js';
import { renderHtml } from './html.js';

export async function renderPdf(report: Report): Promise<Buffer> {
  const html = renderHtml(report);
  return withChromium(async (context) => {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const footer = `<div style="width:100%;font-size:8px;color:#59636e;padding:0 12mm;display:flex;justify-content:space-between"><span>Parapet report · grade ${report.grade} · ${report.score}/100</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    return page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      tagged: true,
      outline: true,
    });
  });
}
