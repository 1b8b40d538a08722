import type { ApiDescription, ApiOperation, SecurityRequirement } from './types.js';

const matchers = new WeakMap<ApiOperation, RegExp>();

/** The documented operation a concrete request falls under (`/users/7` under `/users/{id}`), if any. */
export function operationFor(
  api: ApiDescription | undefined,
  method: string,
  url: string,
): ApiOperation | undefined {
  if (!api) return undefined;
  let path: string;
  try {
    const u = new URL(url);
    path = `${u.origin}${u.pathname}`;
  } catch {
    return undefined;
  }
  const m = method.toUpperCase();
  return api.operations.find((op) => op.method.toUpperCase() === m && matcher(op).test(path));
}

function matcher(op: ApiOperation): RegExp {
  let re = matchers.get(op);
  if (!re) {
    const parts = op.url.split(/\{[^}/]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`^${parts.join('[^/]+')}/?$`);
    matchers.set(op, re);
  }
  return re;
}

/** `bearerAuth (http bearer) or apiKey (header X-API-Key)`: the requirement as a user reads it. */
export function describeSecurity(security: readonly SecurityRequirement[] | undefined): string {
  if (!security || security.length === 0) return 'none';
  return security
    .map((req) =>
      req
        .map((use) => {
          const s = use.scheme;
          const how = !s
            ? ''
            : s.type === 'apiKey'
              ? ` (${s.in} ${s.name})`
              : s.type === 'http'
                ? ` (http ${s.scheme})`
                : ` (${s.type})`;
          return `${use.name}${how}`;
        })
        .join(' and '),
    )
    .join(' or ');
}
