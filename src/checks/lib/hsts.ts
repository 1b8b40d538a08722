/** A Strict-Transport-Security header field read as RFC 6797 §6.1 and §8.1 say a browser reads it. */
export type HstsPolicy =
  | { valid: true; maxAge: number; includeSubDomains: boolean; preload: boolean }
  | { valid: false; reason: string };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses the first Strict-Transport-Security field (a browser ignores any later ones). A policy
 * is valid when the field follows the grammar, no directive repeats and max-age is a positive
 * number of seconds; `max-age=0` is reported invalid because it removes the policy.
 */
export function parseHsts(fields: readonly string[]): HstsPolicy {
  const field = fields[0];
  if (field === undefined) return { valid: false, reason: 'no Strict-Transport-Security header' };
  const directives = new Map<string, string | undefined>();
  for (const raw of splitDirectives(field)) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!TOKEN.test(name)) return { valid: false, reason: `malformed directive ${JSON.stringify(part)}` };
    if (directives.has(name)) return { valid: false, reason: `directive ${name} appears more than once` };
    if (eq < 0) {
      directives.set(name, undefined);
      continue;
    }
    const value = directiveValue(part.slice(eq + 1).trim());
    if (value === undefined) return { valid: false, reason: `malformed value in ${JSON.stringify(part)}` };
    directives.set(name, value);
  }
  if (!directives.has('max-age')) return { valid: false, reason: 'max-age is missing' };
  const maxAge = directives.get('max-age');
  if (maxAge === undefined || !/^\d+$/.test(maxAge)) {
    return { valid: false, reason: `max-age ${JSON.stringify(maxAge ?? '')} is not a number of seconds` };
  }
  const seconds = Number(maxAge);
  if (seconds === 0) return { valid: false, reason: 'max-age=0 removes the policy' };
  return {
    valid: true,
    maxAge: seconds,
    includeSubDomains: directives.has('includesubdomains'),
    preload: directives.has('preload'),
  };
}

/** Splits on `;` outside quoted strings. */
function splitDirectives(field: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (quoted && c === '\\' && i + 1 < field.length) {
      current += c + field[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** A token or a quoted-string (unescaped); undefined when it is neither. */
function directiveValue(raw: string): string | undefined {
  if (TOKEN.test(raw)) return raw;
  const m = /^"((?:[^"\\]|\\.)*)"$/s.exec(raw);
  return m ? m[1]!.replace(/\\(.)/gs, '$1') : undefined;
}
