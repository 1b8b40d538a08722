/** Response headers that name software, in the order a report lists them. */
export const BANNER_HEADERS = [
  'server',
  'x-powered-by',
  'x-aspnet-version',
  'x-aspnetmvc-version',
  'x-generator',
  'via',
] as const;
export type BannerHeader = (typeof BANNER_HEADERS)[number];

/** `nginx/1.18.0`, `PHP/8.1.2-1ubuntu2`: a product token whose version starts with a digit (`dcb/7EA3` is an id, not a version). */
const PRODUCT_SLASH = /(?<![\w.+-])[A-Za-z][\w.+-]*\/v?\d+(?:\.\d+)*(?![A-Za-z\d])/g;
/** `Jetty(9.4.44.v20210927)` */
const PRODUCT_PAREN = /(?<![\w.+-])[A-Za-z][\w.+-]*\(v?\d+(?:\.\d+)+/g;
/** A free-standing dotted version: `Phusion Passenger(R) 6.0.18`, `4.0.30319`, `WordPress 6.4.2`. */
const DOTTED = /(?<![\w./:-])v?\d+\.\d+(?:\.\d+)*(?![A-Za-z\d])/g;
/** A bare major version, only where the header is a generator or a version by definition (`Drupal 10`). */
const MAJOR = /(?<![\w./:-])v?\d+(?![\w.])/g;
const VERSION_HEADERS: ReadonlySet<string> = new Set([
  'x-generator',
  'x-aspnet-version',
  'x-aspnetmvc-version',
]);
/** Tokens whose "version" never changes and names no release (Tomcat's connector says HTTP/1.1). */
const CONSTANT_TOKENS = /^apache-coyote\/1\.1$/i;

/**
 * The software versions a banner header discloses, as written (`nginx/1.18.0`). For Via only the
 * comments count: `1.1` there is the protocol and the rest a host or pseudonym.
 */
export function bannerVersions(header: string, value: string): string[] {
  const name = header.toLowerCase();
  const text = name === 'via' ? [...value.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]).join(' ') : value;
  const found = [...text.matchAll(PRODUCT_SLASH), ...text.matchAll(PRODUCT_PAREN)]
    .map((m) => m[0])
    .filter((t) => !CONSTANT_TOKENS.test(t));
  if (found.length === 0) found.push(...[...text.matchAll(DOTTED)].map((m) => m[0]));
  if (found.length === 0 && VERSION_HEADERS.has(name))
    found.push(...[...text.matchAll(MAJOR)].map((m) => m[0]));
  return [...new Set(found)];
}
