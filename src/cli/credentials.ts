/**
 * Credential flags: --header, --bearer, --basic, --cookie, or PARAPET_HEADER, PARAPET_BEARER,
 * PARAPET_BASIC, PARAPET_COOKIE (so secrets stay out of shell history). Messages never echo a value.
 */
import type { ScanConfigInput } from '../config/schema.js';
import { ParapetError } from '../errors.js';

export interface CredentialFlags {
  header?: string[];
  bearer?: string;
  basic?: string;
  cookie?: string;
}

type CredentialsInput = NonNullable<ScanConfigInput['credentials']>;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP client manages itself; sending them by hand breaks the request. */
const RESERVED = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
]);

export function parseHeader(line: string): [name: string, value: string] {
  const colon = line.indexOf(':');
  const name = colon > 0 ? line.slice(0, colon).trim() : '';
  if (!TOKEN.test(name)) {
    throw new ParapetError('PARAPET_USAGE', "--header expects 'Name: value' with a valid header name");
  }
  const value = line.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(value))
    throw new ParapetError('PARAPET_USAGE', `--header ${name}: the value has a line break`);
  if (RESERVED.has(name.toLowerCase())) {
    throw new ParapetError('PARAPET_USAGE', `--header ${name}: Parapet sets this header itself`);
  }
  return [name, value];
}

/** The credentials to scan with, or undefined when none were given (empty values count as none). */
export function credentialsFrom(flags: CredentialFlags): CredentialsInput | undefined {
  const headers: Record<string, string> = {};
  for (const line of flags.header ?? []) {
    const [name, value] = parseHeader(line);
    headers[name] = value;
  }
  const bearer = flags.bearer?.trim() || undefined;
  const basic = flags.basic || undefined;
  const cookie = flags.cookie?.trim() || undefined;
  if (basic !== undefined && !basic.includes(':')) {
    throw new ParapetError('PARAPET_USAGE', '--basic (or PARAPET_BASIC) expects user:password');
  }
  if (bearer && basic) throw new ParapetError('PARAPET_USAGE', 'use --bearer or --basic, not both');
  if (Object.keys(headers).length === 0 && !bearer && !basic && !cookie) return undefined;
  return {
    headers,
    ...(bearer ? { bearer } : {}),
    ...(basic ? { basic } : {}),
    ...(cookie ? { cookie } : {}),
  };
}

/** `--auth2`: `Name: value`, `bearer:TOKEN`, `basic:user:pass` or `cookie:a=b`. */
export function secondIdentityFrom(spec: string): CredentialsInput {
  const m = /^(bearer|basic|cookie):(.+)$/is.exec(spec.trim());
  const kind = m?.[1]?.toLowerCase();
  const credentials =
    kind === 'bearer'
      ? credentialsFrom({ bearer: m![2] })
      : kind === 'basic'
        ? credentialsFrom({ basic: m![2] })
        : kind === 'cookie'
          ? credentialsFrom({ cookie: m![2] })
          : credentialsFrom({ header: [spec] });
  if (!credentials) throw new ParapetError('PARAPET_USAGE', '--auth2 is empty');
  return credentials;
}
