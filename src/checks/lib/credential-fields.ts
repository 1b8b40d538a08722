import { maskSecret } from '../../config/mask.js';
import { type JsonLeaf, normalKey } from './json.js';
import { looksUnpredictable } from './randomness.js';
import { credentialName } from './sensitive-names.js';

/** Password hash formats: bcrypt, argon2, scrypt, crypt(3) SHA/MD5, Django, Werkzeug, PHPass. */
const HASH_FORMATS: RegExp[] = [
  /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/,
  /^\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
  /^\$(scrypt|7)\$[./A-Za-z0-9$=+,-]{20,}$/,
  /^\$[156]\$(rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}$/,
  /^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt)\$[^\s$]*\$[^\s]{10,}$/,
  /^(pbkdf2:sha256|pbkdf2:sha1|pbkdf2:sha512|scrypt)(:\d+){1,3}\$[^\s$]+\$[0-9a-f]{32,}$/,
  /^\$[PH]\$[./A-Za-z0-9]{31}$/,
];

export type CredentialKind = 'password' | 'hash' | 'secret' | 'token';

export interface CredentialField {
  kind: CredentialKind;
  /** Firm: the value's shape confirms the name (a hash format, a random token); tentative otherwise. */
  strong: boolean;
  /** Only a finding when a listing serves several distinct values under the same path. */
  listingOnly: boolean;
}

export function isPasswordHash(value: string): boolean {
  return value.length <= 512 && HASH_FORMATS.some((re) => re.test(value));
}

/**
 * Placeholders and masks a server sends instead of the secret: empty, `***`, `••••1234`,
 * `redacted`, `<hidden>`, `{{password}}`, booleans and "none".
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/\*{3}|•{2}|●{2}|x{4}|X{4}|#{4}/.test(v)) return true;
  if (/^[-_.*•●#?]+$/.test(v)) return true;
  if (/^(<[^>]*>|\{\{[^}]*\}\}|\$\{[^}]*\}|\[[^\]]*\]|%[a-z_]+%)$/i.test(v)) return true;
  return /^(redacted|hidden|masked|filtered|removed|secret|password|null|nil|none|undefined|n\/a|na|true|false|yes|no|set|unset|not set|changed|protected|private|omitted|\*)$/i.test(
    v,
  );
}

/** Text for people rather than a credential: "Mot de passe", "Enter your password", "is too short". */
function isLabel(value: string, key: string): boolean {
  if (normalKey(value) === normalKey(key)) return true;
  return /\s/.test(value.trim()) && /^[\p{L}][\p{L}\s'’.,:;!?()-]*$/u.test(value.trim());
}

/** What a leaf is, when its name or its value marks it as a credential; undefined otherwise. */
export function credentialField(leaf: JsonLeaf): CredentialField | undefined {
  if (typeof leaf.value !== 'string') return undefined;
  const value = leaf.value;
  if (isPlaceholder(value) || value.length > 16_384) return undefined;
  if (isPasswordHash(value.trim())) return { kind: 'hash', strong: true, listingOnly: false };
  const name = normalKey(leaf.key);
  const tier = credentialName(name);
  if (tier === 'never-served') {
    if (isLabel(value, leaf.key)) return undefined;
    if (name === 'privatekey') {
      const pem = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value);
      if (!pem && !/^[A-Za-z0-9+/=_-]{32,}$/.test(value.trim())) return undefined;
      return { kind: 'secret', strong: true, listingOnly: false };
    }
    const kind: CredentialKind = /hash|digest|encrypted/.test(name)
      ? 'hash'
      : /token|secret|seed|key/.test(name)
        ? 'secret'
        : 'password';
    return { kind, strong: true, listingOnly: false };
  }
  if (tier === 'own-allowed') {
    const v = value.trim();
    if (v.length < 8 || /\s/.test(v)) return undefined;
    return {
      kind: /secret/.test(name) ? 'secret' : 'token',
      strong: looksUnpredictable(v),
      listingOnly: true,
    };
  }
  return undefined;
}

/**
 * A copy of a JSON document with every credential field's value masked (first four characters,
 * then `…`), for quoting a response as evidence. Deeper than `depth` levels is left out.
 */
export function maskCredentials(doc: unknown, depth = 12): unknown {
  if (depth <= 0) return '…';
  if (Array.isArray(doc)) return doc.slice(0, 50).map((v) => maskCredentials(v, depth - 1));
  if (!doc || typeof doc !== 'object') return doc;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    const leaf = {
      path: '',
      at: '',
      key,
      owner: key,
      keys: [key],
      inArray: false,
      described: false,
      value: value as string,
    };
    out[key] =
      typeof value === 'string' && credentialField(leaf)
        ? maskSecret(value)
        : maskCredentials(value, depth - 1);
  }
  return out;
}
