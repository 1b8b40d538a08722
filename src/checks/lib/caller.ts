import type { Credentials } from '../../config/schema.js';
import { normalKey } from './json.js';

/** Path segments that make a URL about the caller itself (`/api/me`, `/account/settings`). */
const SELF_SEGMENTS = new Set([
  'me',
  'self',
  'my',
  'myself',
  'whoami',
  'profile',
  'account',
  'settings',
  'current',
  'currentuser',
  'userinfo',
  'session',
]);

/** The URL names the caller's own resource: `/me`, `/api/user`, `/users/me/emails`, `/account`. */
export function isSelfUrl(raw: string): boolean {
  let segments: string[];
  try {
    segments = new URL(raw).pathname.split('/').filter(Boolean).map(normalKey);
  } catch {
    return false;
  }
  if (segments.some((s) => SELF_SEGMENTS.has(s))) return true;
  return segments.at(-1) === 'user';
}

/** The URL answers "who am I": `/me`, `/api/user`, `/whoami`, `/userinfo`, `/profile`. */
export function isWhoAmIUrl(raw: string): boolean {
  let last: string | undefined;
  try {
    last = new URL(raw).pathname.split('/').filter(Boolean).map(normalKey).at(-1);
  } catch {
    return false;
  }
  return last !== undefined && WHO_AM_I.has(last);
}

const WHO_AM_I = new Set(['me', 'self', 'whoami', 'user', 'userinfo', 'profile', 'currentuser']);

/** Where APIs commonly answer "who am I", most common first. */
export const SELF_PATHS = [
  '/api/me',
  '/me',
  '/api/user',
  '/user',
  '/api/v1/me',
  '/api/users/me',
  '/users/me',
  '/whoami',
  '/api/whoami',
  '/profile',
  '/api/profile',
  '/userinfo',
] as const;

/** Field names that identify a user inside a "who am I" answer or a token's claims. */
const IDENTITY_KEYS = new Set([
  'id',
  'userid',
  'uid',
  'sub',
  'username',
  'login',
  'email',
  'preferredusername',
  'handle',
  'accountid',
]);
/** Wrappers around the user object in a "who am I" answer. */
const USER_WRAPPERS = ['user', 'data', 'me', 'profile', 'account', 'result'];

/** The values naming the caller in a "who am I" document (id, username, e-mail…), lower-cased. */
export function identityValues(doc: unknown): Set<string> {
  const out = new Set<string>();
  let obj = asObject(doc);
  for (let i = 0; obj && i < 2; i++) {
    const inner = USER_WRAPPERS.map((w) => asObject(obj![w])).find(Boolean);
    if (!inner || Object.keys(obj).some((k) => IDENTITY_KEYS.has(normalKey(k)))) break;
    obj = inner;
  }
  if (!obj) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (!IDENTITY_KEYS.has(normalKey(k))) continue;
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') out.add(String(v).toLowerCase());
  }
  return out;
}

/** The claims of a JWT the scan authenticates with (read, never verified), as identity values. */
export function tokenIdentity(creds: Credentials | undefined): Set<string> {
  const out = new Set<string>();
  if (!creds) return out;
  const candidates = [creds.bearer, ...Object.values(creds.headers), creds.cookie].filter(
    (v): v is string => typeof v === 'string',
  );
  for (const text of candidates) {
    for (const m of text.matchAll(/eyJ[\w-]{2,}\.([\w-]{2,})\.[\w-]*/g)) {
      try {
        for (const v of identityValues(JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'))))
          out.add(v);
      } catch {
        // not a JWT payload
      }
    }
  }
  return out;
}

export function asObject(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
