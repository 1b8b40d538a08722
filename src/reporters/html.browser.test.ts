/// <reference lib="dom" />
/**
 * The HTML report as a person sees it, in the system Chromium (playwright-core): it renders the grade and
 * the findings, runs nothing a hostile target put in it, and loads nothing from anywhere. A screenshot is
 * saved to .parapet-artifacts/ for a human look. The PDF report is the same page printed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChromium } from '../browser/chromium.js';
import type { Report } from '../report/report.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderPdf } from './pdf.js';
import { repeatedFixture } from './test-support/report-fixture.js';

const report = JSON.parse(
  readFileSync(new URL('../../test/fixtures/reports/report.json', import.meta.url), 'utf8'),
) as Report;
const ARTIFACTS = fileURLToPath(new URL('../../.parapet-artifacts/', import.meta.url));

interface Seen {
  requests: string[];
  dialogs: string[];
  console: string[];
}

let dir: string;
let seen: Seen;
let facts: {
  grade: string;
  gradeBackground: string;
  titles: string[];
  hostileWhere: string;
  hostileHeader: string;
  scripts: number;
  handlers: string[];
  embedded: number;
  svgs: number;
  suppressed: string;
  fix: string;
};
let xmlErrors: number;
let grouped: { also: string[]; cards: number; alsoColor: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parapet-html-'));
  const file = join(dir, 'report.html');
  await writeFile(file, renderHtml(report));
  mkdirSync(ARTIFACTS, { recursive: true });
  await withChromium(async (context: BrowserContext) => {
    const page = await context.newPage();
    seen = { requests: [], dialogs: [], console: [] };
    page.on('request', (r) => seen.requests.push(r.url()));
    page.on('dialog', async (d) => {
      seen.dialogs.push(d.message());
      await d.dismiss();
    });
    page.on('console', (m) => seen.console.push(`${m.type()}: ${m.text()}`));
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const print = (rule: string) => report.findings.find((f) => f.rule === rule)!.fingerprint;
    const ids = { cors: print('cors-reflected-origin'), click: print('clickjacking') };
    facts = await page.evaluate((id) => {
      const text = (sel: string) => document.querySelector(sel)?.textContent ?? '';
      const all = Array.from(document.querySelectorAll('*'));
      return {
        grade: text('.grade .letter'),
        gradeBackground: getComputedStyle(document.querySelector('.grade')!).backgroundColor,
        titles: Array.from(document.querySelectorAll('.finding h4')).map((h) => h.textContent ?? ''),
        hostileWhere: text(`#f-${id.cors} .where`),
        hostileHeader: text(`#f-${id.cors} .headers td`),
        scripts: document.scripts.length,
        handlers: all.flatMap((e) =>
          Array.from(e.attributes)
            .filter((a) => a.name.startsWith('on'))
            .map((a) => a.name),
        ),
        embedded: document.querySelectorAll('img, iframe, object, embed, link, video, audio').length,
        svgs: document.querySelectorAll('svg').length,
        suppressed: text('.finding.is-suppressed .banner'),
        fix: text(`#f-${id.click} .fix pre`),
      };
    }, ids);
    await page.screenshot({ path: join(ARTIFACTS, 'report-html.png'), fullPage: true });

    const repeated = join(dir, 'repeated.html');
    await writeFile(repeated, renderHtml(repeatedFixture()));
    const second = await context.newPage();
    second.on('request', (r) => seen.requests.push(r.url()));
    second.on('console', (m) => seen.console.push(`${m.type()}: ${m.text()}`));
    await second.setViewportSize({ width: 1100, height: 900 });
    await second.goto(pathToFileURL(repeated).href, { waitUntil: 'load' });
    grouped = await second.evaluate(() => ({
      also: Array.from(document.querySelectorAll('.finding .also')).map((p) => p.textContent ?? ''),
      cards: document.querySelectorAll('.finding').length,
      alsoColor: getComputedStyle(document.querySelector('.also')!).color,
    }));
    await second.screenshot({ path: join(ARTIFACTS, 'report-html-grouped.png'), fullPage: true });

    const blank = await context.newPage();
    xmlErrors = await blank.evaluate(
      (xml) =>
        new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagName('parsererror').length,
      renderJunit(report),
    );
  });
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('HTML report in Chromium', () => {
  it('shows the grade in its band colour, and every finding by its title', () => {
    expect(facts.grade).toBe(report.grade);
    expect(facts.gradeBackground).toBe('rgb(200, 36, 47)'); // band F: the stylesheet ran under the CSP
    expect(facts.titles.sort()).toEqual(report.findings.map((f) => f.title).sort());
    expect(facts.fix).toContain('@app.after_request');
    expect(facts.suppressed).toContain('Suppressed until 2099-12-31');
  });

  it('shows the hostile target’s bytes as text and runs none of them', () => {
    expect(facts.hostileWhere).toContain('<script>alert(1)</script>?q="><img src=x onerror=alert(2)>');
    expect(facts.hostileHeader).toContain('"><svg onload=alert(3)>');
    expect(facts.scripts).toBe(0);
    expect(facts.handlers).toEqual([]);
    expect(facts.embedded).toBe(0);
    expect(facts.svgs).toBe(2); // the score gauge and the category chart
    expect(seen.dialogs).toEqual([]);
  });

  it('shows an issue repeated on many URLs once, the other URLs in a line of its own style', () => {
    expect(grouped.cards).toBe(8);
    expect(grouped.also).toHaveLength(3);
    expect(grouped.also).toContainEqual(expect.stringMatching(/^Also on 9 more URLs: \/about, \/blog, /));
    expect(grouped.alsoColor).toBe('rgb(89, 99, 110)'); // --muted: the stylesheet's rule for it applied
  });

  it('loads nothing but itself and breaks none of its own CSP', () => {
    expect(seen.requests).toEqual([
      expect.stringMatching(/^file:\/\/.*report\.html$/),
      expect.stringMatching(/^file:\/\/.*repeated\.html$/),
    ]);
    expect(seen.console.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
  });
});

describe('JUnit XML', () => {
  it('is well-formed XML for a strict parser', () => expect(xmlErrors).toBe(0));
});

describe('PDF report', () => {
  it('is a PDF of the HTML report, titled with the grade and score', async () => {
    const pdf = await renderPdf(report);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain(`/Title (Parapet report: grade ${report.grade} \\(${report.score}/100\\)`);
    expect(raw.match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThan(1);
    await writeFile(join(ARTIFACTS, 'report.pdf'), pdf);
  }, 60_000);
});
