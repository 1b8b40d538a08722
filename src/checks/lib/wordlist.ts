import { readFileSync } from 'node:fs';
import { maskSecret } from '../../config/mask.js';
import { type FastDigest, KeyTable } from './hmac.js';

/** `data/secret-keys.txt` from `src/checks/lib/` and from `dist/checks/lib/` alike. */
const WORDLIST_URL = new URL('../../../data/secret-keys.txt', import.meta.url);

export interface Wordlist {
  /** Each candidate secret as the bytes a framework would use as key. */
  readonly keys: readonly Buffer[];
  /** The same entries as shown to a person (masked before they reach a report). */
  readonly labels: readonly string[];
}

/**
 * Parses the wordlist format (data/README.md): one secret a line, taken literally (UTF-8, no trimming);
 * a line `hex:<digits>` is raw bytes. Empty lines are skipped; duplicates count once.
 */
export function parseWordlist(text: string): Wordlist {
  const keys: Buffer[] = [];
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || seen.has(line)) continue;
    seen.add(line);
    const hex = /^hex:((?:[0-9a-f]{2})*)$/i.exec(line);
    keys.push(hex ? Buffer.from(hex[1]!, 'hex') : Buffer.from(line, 'utf8'));
    labels.push(hex ? printable(Buffer.from(hex[1]!, 'hex')) : line);
  }
  return { keys, labels };
}

let shipped: Wordlist | undefined;

/** Parapet's own list of weak secrets, read from disk the first time it is needed. */
export function secretWordlist(): Wordlist {
  shipped ??= parseWordlist(readFileSync(WORDLIST_URL, 'utf8'));
  return shipped;
}

const tables = new WeakMap<Wordlist, Map<string, KeyTable>>();

/**
 * HMAC pad states for every secret of a list, after an optional key derivation (itsdangerous derives
 * the signing key from the secret and a salt). Built once per list, digest and derivation, then reused
 * by every cookie and token of every scan in this process.
 */
export function wordlistTable(
  words: Wordlist,
  digest: FastDigest,
  derivation: string,
  derive: (secret: Buffer) => Buffer = (s) => s,
): KeyTable {
  let byId = tables.get(words);
  if (!byId) {
    byId = new Map();
    tables.set(words, byId);
  }
  const id = `${digest}\n${derivation}`;
  let table = byId.get(id);
  if (!table) {
    table = new KeyTable(digest, words.keys.map(derive));
    byId.set(id, table);
  }
  return table;
}

/** A found secret as a report shows it: its first characters only. */
export function maskedSecret(label: string): string {
  return `\`${maskSecret(label)}\``;
}

/** A bytes key as Python would print it, so a person recognises `b'_5#y…'`. */
function printable(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === 0x27) out += "\\'";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else if (b === 0x0a) out += '\\n';
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `b'${out}'`;
}
