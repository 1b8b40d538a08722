/** Keeps the tables of `docs/scoring.md` equal to the scoring data (the prose around them is hand-written). */
import { CATALOGUE } from '../catalogue.js';
import { bandCeiling, SCORING, SCORING_VERSION, type Scorable, scoreFindings } from '../scoring/index.js';
import { CATEGORIES, CONFIDENCES, SEVERITIES } from '../types.js';
import { fillRegions, table } from './markdown.js';

export const SCORING_DOC_PATH = 'docs/scoring.md';

/** Worked examples: the page shows what the grader really returns for each. */
const EXAMPLES: Array<[string, Scorable[]]> = [
  ['No findings', []],
  ['One firm medium finding in `csrf`', [{ category: 'csrf', severity: 'medium', confidence: 'firm' }]],
  [
    'Three low findings in `headers`',
    Array.from({ length: 3 }, () => ({ category: 'headers', severity: 'low', confidence: 'firm' }) as const),
  ],
  [
    'Medium findings in `csrf` and in `cors`',
    [
      { category: 'csrf', severity: 'medium', confidence: 'firm' },
      { category: 'cors', severity: 'medium', confidence: 'confirmed' },
    ],
  ],
  [
    'One confirmed high finding in `framing`',
    [{ category: 'framing', severity: 'high', confidence: 'confirmed' }],
  ],
  [
    'One firm high finding in `authorization`',
    [{ category: 'authorization', severity: 'high', confidence: 'firm' }],
  ],
  [
    'One tentative critical finding',
    [{ category: 'authentication', severity: 'critical', confidence: 'tentative' }],
  ],
  [
    'One confirmed critical finding in `misconfiguration`',
    [{ category: 'misconfiguration', severity: 'critical', confidence: 'confirmed' }],
  ],
];

const num = (n: number): string => String(n);

function regions(): Record<string, string> {
  const factors = Array.from({ length: SCORING.maxCounted }, (_, i) => `${SCORING.repeatFactor ** i}`);
  return {
    version: `Scoring version: **${SCORING_VERSION}** (\`scoringVersion\` in every report).`,
    confidence: table(
      ['Confidence', 'Moves the score'],
      CONFIDENCES.map((c) => [c, SCORING.confidence[c] === 1 ? 'yes' : 'no (shown only)']),
    ),
    severity: table(
      ['Severity', 'Points off its category'],
      SEVERITIES.map((s) => [s, num(SCORING.severity[s])]),
    ),
    repeat: `The counted findings of a category are sorted by points, largest first, and multiplied by
${factors.join(', ')} in turn; only the largest ${SCORING.maxCounted} count at all.`,
    categories: table(
      ['Category', 'Weight', 'Rules'],
      CATEGORIES.map((c) => [
        `\`${c}\``,
        num(SCORING.category[c]),
        Object.entries(CATALOGUE)
          .filter(([, e]) => e.category === c)
          .map(([id]) => id)
          .join(', ') || '—',
      ]),
    ),
    bands: table(
      ['Grade', 'Score'],
      SCORING.bands.map((b) => [b.grade, `${b.min}–${bandCeiling(b.grade)}`]),
    ),
    caps: table(
      ['A counted finding of severity', 'caps the grade at', 'and the score at'],
      SEVERITIES.flatMap((s) => {
        const grade = SCORING.caps[s];
        return grade ? [[s, grade, num(bandCeiling(grade))]] : [];
      }),
    ),
    examples: table(
      ['Findings', 'Score', 'Grade'],
      EXAMPLES.map(([label, fs]) => {
        const r = scoreFindings(fs);
        return [label, num(r.score), r.grade];
      }),
    ),
  };
}

/** `current` with every generated region refreshed; throws when a region is missing. */
export function renderScoringDoc(current: string): string {
  return fillRegions(current, regions());
}
