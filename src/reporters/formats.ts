/** The report formats and their file names in an --output-dir (kept tiny: the CLI loads it up front). */
export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** File names in an --output-dir. */
export const FORMAT_FILES: Record<Format, string> = {
  text: 'parapet.txt',
  json: 'parapet.json',
  sarif: 'parapet.sarif',
  junit: 'parapet.junit.xml',
  markdown: 'parapet.md',
  html: 'parapet.html',
  pdf: 'parapet.pdf',
};
