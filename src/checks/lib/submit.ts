/**
 * Submitting HTML forms the way a browser does (the fields it sends, the three encodings a form can
 * use) and judging whether the server accepted a submission. Shared by the active probes and by
 * the browser proofs, so both send the same thing.
 */
import { randomBytes } from 'node:crypto';
import { Parser } from 'htmlparser2';
import type { FormField } from '../../discovery/site.js';
import { headerValue } from '../../engine/exchange.js';
import type { Exchange, RecordedResponse } from '../../types.js';

/** Field name/value pairs in submission order. */
export type Pairs = Array<[string, string]>;

/** The encodings an HTML form can submit with: exactly the "simple" content types of CORS. */
export const FORM_ENCTYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
] as const;
export type Enctype = (typeof FORM_ENCTYPES)[number];

/** A form's enctype as browsers read it: anything unknown submits as urlencoded. */
export function formEnctype(raw: string): Enctype {
  const value = raw.trim().toLowerCase();
  return (FORM_ENCTYPES as readonly string[]).includes(value) ? (value as Enctype) : FORM_ENCTYPES[0];
}

/** Inputs a submission never carries without a click or a file (buttons are left out: none is clicked). */
const NOT_SENT = new Set(['submit', 'button', 'image', 'reset', 'file', 'checkbox', 'radio']);

/** The pairs a browser sends when the form is submitted untouched (no box ticked, no button named). */
export function defaultPairs(fields: readonly FormField[]): Pairs {
  return fields.filter((f) => !NOT_SENT.has(f.type)).map((f) => [f.name, f.value]);
}

/** A value Parapet submits so that it can find it again: `parapet` and ten hex digits. */
export function newMarker(): string {
  return `parapet${randomBytes(5).toString('hex')}`;
}
export const MARKER = /parapet[0-9a-f]{10}/g;

const NUMERIC_NAME = /(^|[_-])(amount|qty|quantity|count|price|total|sum|number|num|points|credits)([_-]|$)/i;

/**
 * The pairs a user would submit: the form's own values, and `marker` (or a value of the right shape
 * carrying it) in every empty visible field, so that the change can be read back afterwards.
 */
export function filledPairs(fields: readonly FormField[], marker: string): Pairs {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return defaultPairs(fields).map(([name, value]): [string, string] => {
    const field = byName.get(name)!;
    if (value !== '' || field.type === 'hidden' || field.type === 'select') return [name, value];
    switch (field.type) {
      case 'number':
      case 'range':
        return [name, '1'];
      case 'email':
        return [name, `${marker}@example.invalid`];
      case 'url':
        return [name, `https://example.invalid/${marker}`];
      case 'tel':
        return [name, '5550100'];
      case 'date':
        return [name, '2030-01-01'];
      case 'password':
        return [name, `${marker}-Pw1!`];
      default:
        return [name, NUMERIC_NAME.test(name) ? '1' : marker];
    }
  });
}

export interface EncodedBody {
  contentType: string;
  body: string;
}

/** The body a browser builds for the pairs (HTML Standard form submission algorithms). */
export function encodeForm(pairs: Pairs, enctype: Enctype): EncodedBody {
  if (enctype === 'multipart/form-data') {
    const boundary = `----ParapetFormBoundary${randomBytes(8).toString('hex')}`;
    const quoteName = (s: string) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
    const parts = pairs.map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(name)}"\r\n\r\n${value}\r\n`,
    );
    return {
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: `${parts.join('')}--${boundary}--\r\n`,
    };
  }
  if (enctype === 'text/plain') {
    return { contentType: 'text/plain', body: pairs.map(([n, v]) => `${n}=${v}\r\n`).join('') };
  }
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(pairs).toString(),
  };
}

/** The pairs back from a body `encodeForm` built (for replaying it in a browser). */
export function decodeForm(
  contentType: string | undefined,
  body: string,
): { enctype: Enctype; pairs: Pairs } {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const boundary = /boundary=([^;]+)/i.exec(contentType ?? '')?.[1];
    const pairs: Pairs = [];
    for (const part of boundary ? body.split(`--${boundary}`) : []) {
      const m = /^\r\nContent-Disposition: form-data; name="([^"]*)"\r\n\r\n([\s\S]*)\r\n$/.exec(part);
      if (m) pairs.push([m[1]!.replace(/%22/g, '"').replace(/%0A/g, '\n').replace(/%0D/g, '\r'), m[2]!]);
    }
    return { enctype: 'multipart/form-data', pairs };
  }
  if (type === 'text/plain') {
    const pairs = body
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line): [string, string] => {
        const eq = line.indexOf('=');
        return eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
      });
    return { enctype: 'text/plain', pairs };
  }
  return { enctype: 'application/x-www-form-urlencoded', pairs: [...new URLSearchParams(body)] };
}

/** Paths that end the session the scan runs under: never submitted. */
const SESSION_ENDING = /(^|[/_-])(log-?out|sign-?out|logoff)([/_.?-]|$)/i;
const DESTRUCTIVE =
  /(^|[^a-z])(delete|remove|destroy|erase|purge|drop|wipe|truncate|deactivate|terminate|revoke|unsubscribe|close[-_ ]?account)/i;

export function endsSession(url: string): boolean {
  return SESSION_ENDING.test(new URL(url).pathname);
}

/**
 * Why submitting would likely remove data (the action path, a method-override field such as
 * `_method=DELETE`, or a field that names the deletion), or undefined.
 */
export function destructiveReason(url: string, pairs: Pairs): string | undefined {
  const path = new URL(url).pathname;
  if (DESTRUCTIVE.test(path)) return `its path ${path} names a deletion`;
  for (const [name, value] of pairs) {
    if (/^_?method$/i.test(name) && /^delete$/i.test(value.trim()))
      return `it overrides the method: ${name}=${value}`;
    if (DESTRUCTIVE.test(name) || (value.length < 40 && DESTRUCTIVE.test(value)))
      return `its field ${name}=${value} names a deletion`;
  }
  return undefined;
}

/** What an error page says when it refuses a request (CSRF, signature, replay, session or permission failures). */
const REFUSAL =
  /\b(csrf|xsrf|forgery|forged)\b|\binvalid (?:csrf |request |authenticity |form )?(?:token|signature|origin|referr?er|request|nonce|link)\b|\b(?:token|signature|nonce|link|request|origin|referr?er) (?:is |was |has )?(?:invalid|expired|missing|mismatch|not valid|already (?:been )?used)\b|\balready (?:been )?(?:used|redeemed|processed|claimed|submitted|consumed)\b|\breplay(?:ed)?\b|\b(?:access|permission) denied\b|\bforbidden\b|\bnot (?:allowed|authori[sz]ed|permitted)\b|\bunauthori[sz]ed\b|\b(?:session|link|page|request|signature|token) (?:has )?expired\b|\b(?:log|sign) ?in (?:required|to continue)\b|\bplease (?:log|sign) ?in\b/i;
const LOGIN_PATH = /(^|[/_-])(log-?in|sign-?in|auth(enticate)?|session\/new)([/_.?-]|$)/i;

export type Answer = { accepted: true; summary: string } | { accepted: false; why: string };

/**
 * Whether a response accepts the request: a 2xx that is not a refusal or a login page, or a
 * redirect somewhere other than a login or error page. The words are read from the visible text only,
 * so a `<meta name="csrf-token">` in a page's layout does not count as a refusal.
 */
export function judgeAnswer(ex: Exchange): Answer {
  if (!ex.response) return { accepted: false, why: `no answer (${ex.error?.message ?? 'network error'})` };
  return judgeResponse(ex.request.url, ex.response);
}

/** judgeAnswer for a response to `url` that was not recorded by the engine (a browser's). */
export function judgeResponse(
  url: string,
  res: Pick<RecordedResponse, 'status' | 'headers' | 'body' | 'mediaType'>,
): Answer {
  if (res.status >= 400) return { accepted: false, why: `answered ${res.status}` };
  if (res.status >= 300) {
    const location = headerValue(res.headers, 'location');
    if (!location) return { accepted: false, why: `answered ${res.status} without a Location` };
    let target: URL;
    try {
      target = new URL(location, url);
    } catch {
      return { accepted: false, why: `answered ${res.status} to an invalid Location` };
    }
    if (LOGIN_PATH.test(target.pathname)) return { accepted: false, why: `redirected to ${target.pathname}` };
    if (/error|denied|forbidden|expired|invalid/i.test(target.pathname + target.search)) {
      return { accepted: false, why: `redirected to an error page (${target.pathname}${target.search})` };
    }
    return { accepted: true, summary: `answered ${res.status} to ${target.pathname}${target.search}` };
  }
  if (res.status < 200) return { accepted: false, why: `answered ${res.status}` };
  const text = res.mediaType === 'text/html' || res.mediaType === '' ? visibleText(res.body) : res.body;
  const refusal = REFUSAL.exec(text.slice(0, 20_000));
  if (refusal)
    return { accepted: false, why: `answered ${res.status} saying "${around(text, refusal.index)}"` };
  if (res.mediaType === 'text/html' && /<input[^>]+type\s*=\s*["']?password/i.test(res.body)) {
    return { accepted: false, why: `answered ${res.status} with a login form` };
  }
  return { accepted: true, summary: `answered ${res.status}${text.trim() ? ` ("${around(text, 0)}")` : ''}` };
}

/** A few words of text around a position, on one line. */
function around(text: string, index: number): string {
  const start = Math.max(0, index - 30);
  const slice = text
    .slice(start, index + 60)
    .replace(/\s+/g, ' ')
    .trim();
  return `${start > 0 ? '…' : ''}${slice}${index + 60 < text.length ? '…' : ''}`;
}

/** The text a reader sees in an HTML page (no tags, scripts, styles or attribute values). */
export function visibleText(html: string): string {
  let out = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'script' || name === 'style' || name === 'template') hidden++;
      },
      ontext(text) {
        if (hidden === 0 && out.length < 50_000) out += text;
      },
      onclosetag(name) {
        if ((name === 'script' || name === 'style' || name === 'template') && hidden > 0) hidden--;
        else if (name === 'p' || name === 'div' || name === 'br' || name === 'li' || name === 'h1')
          out += ' ';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out.replace(/\s+/g, ' ').trim();
}
