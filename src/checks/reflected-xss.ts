import { randomBytes } from 'node:crypto';
import { type ParamPoint, parameterPoints, withValue } from '../discovery/parameters.js';
import type { Exchange } from '../types.js';
import {
  COMMENT_SUFFIX,
  judge,
  judgeComment,
  judgeJavascriptUrl,
  PROBE_SUFFIX,
  type Reflection,
  reflections,
  rendersAsHtml,
  type Verdict,
} from './lib/reflection.js';
import { tryRequest } from './lib/request.js';
import { type CheckContext, defineCheck } from './types.js';

/** Parameter points probed, at most; each gets one probe, and a second only to settle its context. */
const POINTS = 20;
const EXCERPT_BEFORE = 120;
const EXCERPT_AFTER = 160;

type Rule = 'reflected-xss';
type Fired = Extract<Verdict, { fires: true }>;

export default defineCheck({
  meta: {
    id: 'reflected-xss',
    title: 'Reflected cross-site scripting',
    category: 'injection',
    mode: 'safe',
    since: '0.1.0',
    sameAs: ['zap:40012'],
    maxRequests: POINTS * 2,
    rules: {
      'reflected-xss': {
        title: 'Input reflected unescaped into HTML (reflected XSS)',
        severity: 'high',
        owasp: 'API8',
        cwe: 79,
      },
    },
  },
  async *run(ctx) {
    const points = parameterPoints(ctx.site, POINTS);
    const results = await Promise.all(points.map((point) => probePoint(ctx, point)));
    for (const f of results) if (f) yield f;
  },
});

async function probePoint(ctx: CheckContext<Rule>, point: ParamPoint) {
  const marker = newMarker();
  const first = await tryRequest(ctx, { url: withValue(point, `${marker}${PROBE_SUFFIX}`) });
  if (!first) return undefined;
  const found = htmlReflections(first, marker);
  let followUp: 'comment' | 'url' | undefined;
  for (const r of found) {
    const verdict = judge(first.response!.body, marker, r);
    if (verdict.fires) return finding(ctx, point, first, marker, r, verdict);
    followUp ??= verdict.followUp;
  }
  if (!followUp) return undefined;

  // The first answer left the context open (a comment, the start of a link): one more probe settles it.
  const second = newMarker();
  const value = followUp === 'url' ? `javascript:${second}` : `${second}${COMMENT_SUFFIX}`;
  const again = await tryRequest(ctx, { url: withValue(point, value) });
  if (!again) return undefined;
  for (const r of htmlReflections(again, second)) {
    const body = again.response!.body;
    const verdict = followUp === 'url' ? judgeJavascriptUrl(second, r) : judgeComment(body, second, r);
    if (verdict.fires) return finding(ctx, point, again, second, r, verdict);
  }
  return undefined;
}

function htmlReflections(ex: Exchange, marker: string): Reflection[] {
  const res = ex.response;
  if (!res?.body.includes(marker) || !rendersAsHtml(res)) return [];
  return reflections(res.body, marker);
}

function finding(
  ctx: CheckContext<Rule>,
  point: ParamPoint,
  ex: Exchange,
  marker: string,
  r: Reflection,
  verdict: Fired,
) {
  const body = ex.response!.body;
  const name = point.location === 'query' ? `Parameter ${point.name}` : `Path segment ${point.name}`;
  return ctx.finding('reflected-xss', ex, {
    confidence: 'firm',
    subject: `${point.location}:${point.name}`,
    detail: `${name} came back unescaped ${verdict.where}: ${verdict.why}.`,
    excerpt: body.slice(Math.max(0, r.offset - EXCERPT_BEFORE), r.offset + marker.length + EXCERPT_AFTER),
    headers: ['content-type'],
  });
}

/** A unique, harmless word: letters and digits survive every encoder, so it is found wherever it lands. */
function newMarker(): string {
  return `prp${randomBytes(5).toString('hex')}`;
}
