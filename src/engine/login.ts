import { ParapetError } from '../errors.js';

/** A login recipe: `POST /auth/login {"username":"$USER","password":"$PASS"}`. */
export interface LoginRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const RECIPE = /^\s*(GET|POST|PUT|PATCH)\s+(\S+)(?:\s+([\s\S]+?))?\s*$/i;
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Names of the `$VAR` / `${VAR}` placeholders a recipe uses. */
export function recipeVariables(recipe: string): string[] {
  return [...new Set([...recipe.matchAll(VARIABLE)].map((m) => (m[1] ?? m[2])!))];
}

/**
 * Turns a recipe into a request against `target`, with placeholders filled from `values`
 * (JSON-escaped inside a JSON body, form-encoded inside a form body).
 */
export function buildLoginRequest(
  recipe: string,
  target: string,
  values: Record<string, string>,
): LoginRequest {
  const m = RECIPE.exec(recipe);
  if (!m) {
    throw new ParapetError(
      'PARAPET_USAGE',
      `--login must look like 'POST /path {"user":"$USER"}', not ${JSON.stringify(recipe)}`,
    );
  }
  for (const name of recipeVariables(recipe)) {
    if (values[name] === undefined) {
      throw new ParapetError(
        'PARAPET_USAGE',
        `--login uses $${name}, but no value was given (set the environment variable ${name})`,
      );
    }
  }
  const [, method, path, rawBody] = m;
  const fill = (text: string, encode: (v: string) => string) =>
    text.replace(VARIABLE, (_, a: string | undefined, b: string | undefined) => encode(values[(a ?? b)!]!));
  let url: string;
  try {
    url = new URL(fill(path!, encodeURIComponent), target).href;
  } catch {
    throw new ParapetError('PARAPET_USAGE', `--login path ${JSON.stringify(path)} is not a valid URL path`);
  }
  if (rawBody === undefined) return { method: method!.toUpperCase(), url, headers: {} };
  const json = /^[[{]/.test(rawBody.trim());
  const body = json
    ? fill(rawBody, (v) => JSON.stringify(v).slice(1, -1))
    : fill(rawBody, encodeURIComponent);
  if (json) {
    try {
      JSON.parse(body);
    } catch {
      throw new ParapetError('PARAPET_USAGE', '--login body is not valid JSON');
    }
  }
  return {
    method: method!.toUpperCase(),
    url,
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body,
  };
}

/**
 * The token at `path` in a JSON body: a JSON Pointer (`/data/token`) or a dotted path
 * (`data.token`, `token`). Undefined when absent or not a string.
 */
export function tokenAt(body: string, path: string): string | undefined {
  let node: unknown;
  try {
    node = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parts = path.startsWith('/')
    ? path
        .slice(1)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    : path.split('.');
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.length > 0 ? node : undefined;
}
