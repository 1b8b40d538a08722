/** How findings name places: a URL's path, a header as usually spelled. */

/** `http://host/a/b?q` → `/a/b` (the input itself when it is not a URL). */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** `x-api-key` → `X-Api-Key`: header names are stored lower-case. */
export function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
