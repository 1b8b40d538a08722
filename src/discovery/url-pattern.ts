const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[0-9a-z]{20,}|[\w-]+@[\w.-]+)$/i;

/**
 * The URL with id-like path segments and query values replaced by `{id}`/`{name}` placeholders,
 * so `/users/7?tab=x` and `/users/8?tab=y` share `/users/{id}?tab={tab}`.
 */
export function urlPattern(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  const path = url.pathname
    .split('/')
    .map((seg) => (ID_SEGMENT.test(safeDecode(seg)) ? '{id}' : seg))
    .join('/');
  const names = [...new Set([...url.searchParams.keys()])].sort();
  const query = names.length > 0 ? `?${names.map((n) => `${n}={${n}}`).join('&')}` : '';
  return `${url.origin}${path}${query}`;
}

function safeDecode(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}
