/**
 * Request plans: every operation becomes a concrete request, its parameters filled from examples,
 * enums, defaults and formats, and (for methods that carry one) a body generated from its schema.
 */
import type { ApiOperation, PlannedRequest } from './types.js';
import { asText, sampleValue } from './values.js';

/** Headers the engine sets itself (or that carry credentials): never taken from the spec. */
const ENGINE_HEADERS = new Set([
  'authorization',
  'accept',
  'accept-encoding',
  'content-type',
  'content-length',
  'cookie',
  'host',
  'user-agent',
  'connection',
]);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type PlanInput = Pick<ApiOperation, 'method' | 'pathTemplate' | 'parameters' | 'requestBody'>;

/**
 * The request for an operation on `baseUrl`. `variant` 0 uses the spec's own values; 1, 2, … give
 * other values of the same kind (another id, another uuid), for checks that need more than one.
 */
export function planRequest(
  op: PlanInput,
  baseUrl: string,
  variant = 0,
): PlannedRequest | { unplannable: string } {
  const byName = new Map(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
  const path = op.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = byName.get(name);
    const value =
      p?.example !== undefined && variant === 0 ? p.example : sampleValue(p?.schema, { name, variant });
    return encodeURIComponent(asText(value));
  });
  let url: URL;
  try {
    url = new URL(`${baseUrl}${path}`);
  } catch {
    return { unplannable: `no valid URL for ${op.pathTemplate}` };
  }
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const p of op.parameters) {
    if (p.in === 'path') continue;
    if (!p.required && p.example === undefined) continue;
    const value =
      p.example !== undefined && variant === 0 ? p.example : sampleValue(p.schema, { name: p.name, variant });
    if (p.in === 'query') {
      const joined = ['csv', 'ssv', 'pipes', 'tsv'].includes(String(p.schema?.collectionFormat ?? ''));
      if (Array.isArray(value) && !joined) for (const v of value) url.searchParams.append(p.name, asText(v));
      else url.searchParams.append(p.name, asText(value));
    } else if (p.in === 'header') {
      if (!ENGINE_HEADERS.has(p.name.toLowerCase())) headers[p.name.toLowerCase()] = asText(value);
    } else if (p.in === 'cookie') {
      cookies.push(`${p.name}=${encodeURIComponent(asText(value))}`);
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');

  const plan: PlannedRequest = { method: op.method, url: url.href, headers };
  const body = op.requestBody;
  if (!body || !BODY_METHODS.has(op.method)) return plan;
  const media = body.mediaType.toLowerCase();
  const value = sampleValue(body.schema, { variant, forRequest: true });
  if (/^application\/(.+\+)?json\b/.test(media)) {
    plan.body = JSON.stringify(value ?? {});
  } else if (media === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) form.append(k, asText(v));
    }
    plan.body = form.toString();
  } else if (media.startsWith('text/plain')) {
    plan.body = asText(value);
  } else if (body.required) {
    return { unplannable: `no ${body.mediaType} body is generated` };
  } else {
    return plan;
  }
  plan.headers['content-type'] = body.mediaType;
  return plan;
}
