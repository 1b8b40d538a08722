import { createHash } from 'node:crypto';

/** Stable across scans and hosts: the rule, the subject, the method and the URL pattern's path and query names. */
export function findingFingerprint(
  rule: string,
  method: string,
  urlPattern: string,
  subject?: string,
): string {
  let location = urlPattern;
  try {
    const u = new URL(urlPattern);
    location = `${u.pathname}${u.search}`;
  } catch {
    // a pattern that is not a URL is used as it is
  }
  return createHash('sha256')
    .update(
      subject === undefined
        ? `${rule}\n${method}\n${location}`
        : `${rule}\n${subject}\n${method}\n${location}`,
    )
    .digest('hex')
    .slice(0, 16);
}
