/** Parsers for option arguments (commander calls them; a bad value is one usage-error line). */
import { InvalidArgumentError } from 'commander';
import { FORMATS } from '../reporters/formats.js';

/** The --format default (identity matters: collectFormats replaces it instead of adding to it). */
export const DEFAULT_FORMATS: string[] = ['text'];

export function parseInteger(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/** Seconds (`30`, `1.5`, `30s`) to milliseconds. */
export function parseSeconds(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError('expected a number of seconds.');
  return Math.round(Number(m[1]) * 1000);
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** A byte size: `65536`, `512kb`, `2mb` (binary multiples). */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new InvalidArgumentError('expected a size such as 65536, 512kb or 2mb.');
  return Math.round(Number(m[1]) * unit);
}

export function parseThreshold(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new InvalidArgumentError('expected a score from 0 to 100.');
  }
  return n;
}

/** For repeatable options. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** For --header: PARAPET_HEADER may hold several headers, one per line. */
export function collectHeaders(value: string, previous: string[] | undefined): string[] {
  const lines = value.split(/\r?\n/).filter((l) => l.trim() !== '');
  return [...(previous ?? []), ...lines];
}

/** For --format: `sarif,html` or a repeated flag; the default list is replaced, not extended. */
export function collectFormats(value: string, previous: string[] | undefined): string[] {
  const known: readonly string[] = FORMATS;
  const asked = value
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
  for (const f of asked) {
    if (!known.includes(f))
      throw new InvalidArgumentError(`unknown format ${f}; choose from ${FORMATS.join(', ')}.`);
  }
  // commander hands the default in as `previous` on the first use: drop it.
  const base = previous === DEFAULT_FORMATS ? [] : (previous ?? []);
  return [...new Set([...base, ...asked])];
}
