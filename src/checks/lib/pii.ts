/**
 * Recognisers for personal data in response text. Every scan is linear in the input: plain loops or
 * regular expressions whose repetitions are bounded and unambiguous.
 */

// ---- e-mail addresses ---------------------------------------------------------------------------

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
/** File names like `logo@2x.png` look like addresses. */
const FILE_TLD =
  /^(png|jpe?g|gif|svg|webp|avif|ico|bmp|css|js|mjs|map|json|html?|xml|txt|pdf|zip|woff2?|ttf)$/i;
/** Mailboxes of a function, not a person: publishing them is the point. */
const ROLE_LOCAL =
  /^(no-?reply|do-?not-?reply|support|info|contact|hello|help|helpdesk|admin|administrator|webmaster|postmaster|hostmaster|abuse|security|privacy|legal|sales|billing|press|media|jobs|careers|team|office|feedback|enquiries|inquiries|marketing|newsletter|notifications?|alerts?|mailer-daemon|root|dpo|gdpr|compliance|service|customerservice|accounts|hr|example|test|user|name|email|you|your-?name|someone)$/i;

/** E-mail addresses in `text`, in order (a scan around each `@`, bounded on both sides). */
export function emailsIn(text: string, limit = 200): string[] {
  const out: string[] = [];
  let at = text.indexOf('@');
  while (at !== -1 && out.length < limit) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && DOMAIN_CHAR.test(text[end]!)) end++;
    const candidate = trimDots(text.slice(start, at), text.slice(at + 1, end));
    if (candidate) out.push(candidate);
    at = text.indexOf('@', at + 1);
  }
  return out;
}

function trimDots(local: string, domainRaw: string): string | undefined {
  const domain = domainRaw.replace(/[.-]+$/, '');
  if (!local || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || labels.length > 10) return undefined;
  if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')))
    return undefined;
  const tld = labels.at(-1)!;
  if (!/^[A-Za-z]{2,24}$/.test(tld) || FILE_TLD.test(tld)) return undefined;
  return `${local}@${domain}`.toLowerCase();
}

/** An address of a person rather than of a function (support@, noreply@, …). */
export function isPersonalEmail(address: string): boolean {
  const local = address.slice(0, address.indexOf('@')).replace(/\+.*$/, '');
  return !ROLE_LOCAL.test(local);
}

// ---- payment card numbers -----------------------------------------------------------------------

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer ranges and the lengths their cards have (ISO/IEC 7812 IINs of the major networks). */
const BRANDS: Array<{ name: string; prefix: RegExp; lengths: number[] }> = [
  { name: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'Mastercard', prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { name: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { name: 'Discover', prefix: /^(6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { name: 'JCB', prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'Diners Club', prefix: /^(30[0-5]|36|38|39)/, lengths: [14, 15, 16] },
  { name: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'Maestro', prefix: /^(50|5[6-9]|6[0-9])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/** The network of a card number (digits only) that passes Luhn with a known IIN and length. */
export function cardBrand(digits: string): string | undefined {
  if (!/^\d{13,19}$/.test(digits) || !luhnValid(digits)) return undefined;
  if (/^(\d)\1+$/.test(digits)) return undefined;
  return BRANDS.find((b) => b.prefix.test(digits) && b.lengths.includes(digits.length))?.name;
}

/** A whole value that is a card number: digits, optionally in groups split by single spaces or dashes. */
export function cardNumberValue(value: string): string | undefined {
  const v = value.trim();
  if (v.length > 23 || !/^\d[\d -]{11,21}\d$/.test(v)) return undefined;
  const seps = new Set(v.replace(/\d/g, ''));
  if (seps.size > 1 || /[ -]{2}/.test(v)) return undefined;
  const digits = v.replace(/[ -]/g, '');
  return cardBrand(digits) ? digits : undefined;
}

/** Card numbers in running text, digit groups standing alone (not part of a longer number). */
export function cardNumbersIn(text: string, limit = 50): string[] {
  const out: string[] = [];
  const re = /(?<![\d.,-])\d{4}(?:[ -]?\d{2,4}){2,4}(?:[ -]?\d{1,3})?(?!\d|[.,-]\d)/g;
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
    const digits = cardNumberValue(m[0]);
    if (digits) out.push(digits);
  }
  return out;
}

// ---- IBANs --------------------------------------------------------------------------------------

/** IBAN lengths by country (the SWIFT registry); unknown countries are refused. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** ISO 13616 check: move the first four characters to the end, letters to numbers, remainder 1 mod 97. */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const n = code >= 65 ? code - 55 : code - 48;
    rest = n >= 10 ? (rest * 100 + n) % 97 : (rest * 10 + n) % 97;
  }
  return rest === 1;
}

/** A whole value that is an IBAN (compact or in groups of four), normalised. */
export function ibanValue(value: string): string | undefined {
  const v = value.trim();
  // Country code and check digits first: most values fail here without a copy being made.
  if (v.length > 42 || v.length < 15 || !/^[A-Za-z]{2}\d{2}/.test(v)) return undefined;
  // Spaces only between groups of four, as IBANs are printed.
  if (v.includes(' ') && !/^[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4})*(?: [A-Za-z0-9]{1,3})?$/.test(v))
    return undefined;
  return ibanValid(v) ? v.replace(/ /g, '').toUpperCase() : undefined;
}

/** IBANs in running text. */
export function ibansIn(text: string, limit = 50): string[] {
  const out: string[] = [];
  const re = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
    if (ibanValid(m[0])) out.push(m[0].replace(/ /g, ''));
  }
  return out;
}

// ---- national identifiers (only with context) ---------------------------------------------------

/** The words of a field name: `customerSSN` → customer, ssn; `social_security_no` → social, security, no. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export type NationalIdKind = 'US SSN' | 'UK NINO';

/** What national id a field name announces, if any. */
export function nationalIdKey(key: string): NationalIdKind | undefined {
  // Field names repeat across a listing's items: each is read once (bounded, for ones that do not).
  let kind = idKeys.get(key);
  if (kind === undefined) {
    if (idKeys.size >= MAX_ID_KEYS) idKeys.clear();
    kind = idKindOf(key) ?? null;
    idKeys.set(key, kind);
  }
  return kind ?? undefined;
}

const MAX_ID_KEYS = 4_096;
const idKeys = new Map<string, NationalIdKind | null>();

function idKindOf(key: string): NationalIdKind | undefined {
  const words = keyWords(key);
  const joined = words.join('');
  if (words.includes('ssn') || words.includes('ssns') || joined.includes('socialsecurity')) return 'US SSN';
  if (words.includes('nino') || joined.includes('nationalinsurance')) return 'UK NINO';
  return undefined;
}

/** A US Social Security number as the SSA issues them (no 000/666/9xx area, no 00 group, no 0000 serial). */
export function ssnValid(value: string): boolean {
  const m = /^(\d{3})(-?)(\d{2})\2(\d{4})$/.exec(value.trim());
  if (!m) return false;
  const [, area, , group, serial] = m;
  return area !== '000' && area !== '666' && !area!.startsWith('9') && group !== '00' && serial !== '0000';
}

/** A UK National Insurance number (prefixes the DWP never allocates are refused). */
export function ninoValid(value: string): boolean {
  const v = value.trim().toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/.test(v)) return false;
  return !/^(BG|GB|KN|NK|NT|TN|ZZ)/.test(v);
}

export function nationalIdValid(kind: NationalIdKind, value: string): boolean {
  return kind === 'US SSN' ? ssnValid(value) : ninoValid(value);
}

/** SSNs written after their name in running text (`SSN: 123-45-6789`). */
export function labelledSsnsIn(text: string, limit = 50): string[] {
  const out: string[] = [];
  const re =
    /\b(?:ssn|social security(?: number| no\.?)?)\s{0,3}(?:#|no\.?|number)?\s{0,3}[:=]?\s{0,3}(\d{3}-\d{2}-\d{4})\b/gi;
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
    if (ssnValid(m[1]!)) out.push(m[1]!);
  }
  return out;
}
