import { crc32 } from 'node:zlib';
import { maskSecret } from '../../config/mask.js';
import {
  ASSIGNMENT,
  DOCUMENTED_EXAMPLES,
  NOT_SECRET_NAME,
  PER_USER_NAME,
  PLACEHOLDER,
  SECRET_FORMATS,
  SECRET_NAME,
  type SecretFormat,
} from '../../kb/signatures/secrets.js';
import type { Confidence, Severity } from '../../types.js';

export interface SecretHit {
  kind: string;
  name: string;
  /** The credential itself: for deduplication and echo tests only, never for output. */
  value: string;
  /** How the evidence shows it: its first characters. */
  shown: string;
  severity: Severity;
  confidence: Confidence;
  /** Offset of the match in the text. */
  index: number;
  note?: string;
}

export interface ScanOptions {
  /** The text is a page or a script a browser runs. */
  client: boolean;
  /** Look for hard-coded assignments (script and HTML only). */
  assignments: boolean;
  /** The response was fetched without credentials: per-user names count too. */
  anonymous: boolean;
}

const MAX_HITS = 50;
const PEM_BODY_WINDOW = 16_384;
const WORDS_UP_TO = 100;
/** A run of this many equal or consecutive characters (`aaaaaaaa`, `12345678`) is typed, not random. */
const RUN = 8;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Every credential in `text`, at most MAX_HITS, each judged by its format's own rules. */
export function findSecrets(text: string, opts: ScanOptions): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const format of SECRET_FORMATS) {
    for (const m of text.matchAll(format.pattern)) {
      if (hits.length >= MAX_HITS) return hits;
      const hit = judge(format, m, text, opts);
      if (hit) hits.push(hit);
    }
  }
  if (opts.assignments) {
    for (const m of text.matchAll(ASSIGNMENT)) {
      if (hits.length >= MAX_HITS) break;
      const hit = assignment(m, opts);
      if (hit && !hits.some((h) => h.value.includes(hit.value) || hit.value.includes(h.value)))
        hits.push(hit);
    }
  }
  return hits;
}

function judge(f: SecretFormat, m: RegExpExecArray, text: string, opts: ScanOptions): SecretHit | undefined {
  const whole = m[0];
  const index = m.index;
  let value = whole;
  let shown = maskSecret(whole);
  let body = m.groups?.body ?? whole;
  if (f.verify === 'pem-body') {
    const pem = pemBody(text, index + whole.length);
    if (!pem) return undefined;
    body = pem;
    value = `${whole}${pem}`;
    shown = `${whole} ${maskSecret(pem)}`;
  }
  if (DOCUMENTED_EXAMPLES.has(whole) || isPlaceholder(body, f.minEntropy)) return undefined;
  if (f.verify === 'github-checksum' && !githubChecksumValid(whole)) return undefined;

  let hit: SecretHit = {
    kind: f.kind,
    name: f.name,
    value,
    shown,
    severity: f.severity,
    confidence: f.confidence,
    index,
  };
  if (f.context?.pattern.test(text)) {
    const { kind, name, severity, confidence } = f.context;
    hit = { ...hit, kind, name, severity, confidence };
  }
  if (f.companion) {
    const c = f.companion;
    const near = text.slice(Math.max(0, index - c.within), index + whole.length + c.within);
    for (const s of near.matchAll(c.pattern)) {
      if (!isMixed(s[0]) || DOCUMENTED_EXAMPLES.has(s[0]) || isPlaceholder(s[0], c.minEntropy)) continue;
      return {
        ...hit,
        name: c.name,
        value: `${whole}:${s[0]}`,
        severity: c.severity,
        confidence: c.confidence,
      };
    }
  }
  if (f.inClientCode && opts.client) {
    const { severity, confidence, note } = f.inClientCode;
    hit = { ...hit, severity, confidence, note };
  }
  return hit;
}

function assignment(m: RegExpExecArray, opts: ScanOptions): SecretHit | undefined {
  const name = m.groups!.name!;
  const body = m.groups!.body!;
  const key = name.toLowerCase().replace(/[-_$]/g, '');
  if (!SECRET_NAME.test(key) || NOT_SECRET_NAME.test(key)) return undefined;
  if (PER_USER_NAME.test(key) && !opts.anonymous) return undefined;
  if (/^[a-z][a-z0-9+.-]{0,20}:\/\//i.test(body) || /^[./~]/.test(body)) return undefined;
  if (!isMixed(body) || isPlaceholder(body, 3.2) || DOCUMENTED_EXAMPLES.has(body)) return undefined;
  if (SECRET_FORMATS.some((f) => new RegExp(f.pattern.source).test(body))) return undefined;
  return {
    kind: 'hardcoded-secret',
    name: `hard-coded secret (\`${name}\`)`,
    value: body,
    shown: maskSecret(body),
    severity: 'high',
    confidence: 'tentative',
    index: m.index,
  };
}

/** The base64 body of a PEM block that starts at `from`, when it is a real one (not `...` or a placeholder). */
function pemBody(text: string, from: number): string | undefined {
  const window = text.slice(from, from + PEM_BODY_WINDOW);
  const end = window.indexOf('-----END ');
  if (end < 0) return undefined;
  // Keys sit in JSON (`\n` escaped), in JavaScript strings, in HTML: lines apart, header lines dropped.
  const lines = window
    .slice(0, end)
    .replace(/\\r|\\n/g, '\n')
    .split(/\r?\n/)
    .filter((line) => !line.includes(':'));
  const body = lines.join('').replace(/[\s"'+,\\]/g, '');
  return /^[A-Za-z0-9+/]{64,}={0,2}$/.test(body) ? body : undefined;
}

/** GitHub's classic tokens end in six base62 digits: the CRC32 of the 30 characters before them. */
export function githubChecksumValid(token: string): boolean {
  const random = token.slice(4, -6);
  const check = token.slice(-6);
  if (random.length !== 30) return false;
  return base62(crc32(random)).padStart(6, '0') === check;
}

export function base62(n: number): string {
  let out = '';
  let v = n >>> 0;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A value that says it is a stand-in: placeholder words, too little entropy, or a run like `abcdefgh`/`11111111`.
 * Words are only looked for in values up to WORDS_UP_TO long: a long random body holds `fake` by chance.
 */
export function isPlaceholder(s: string, minEntropy: number): boolean {
  if ((s.length <= WORDS_UP_TO && PLACEHOLDER.test(s)) || entropy(s) < minEntropy) return true;
  let up = 1;
  let same = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    same = d === 0 ? same + 1 : 1;
    if (up >= RUN || same >= RUN) return true;
  }
  return false;
}

/** At least two of lower case, upper case and digits: random keys mix them, words and ids rarely do. */
function isMixed(s: string): boolean {
  return [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(s)).length >= 2;
}
