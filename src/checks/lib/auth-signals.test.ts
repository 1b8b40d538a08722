import { describe, expect, it } from 'vitest';
import type { Exchange, RecordedResponse } from '../../types.js';
import { apiPrefixes, demandsCredentials, publicByDesign, sharedUrl, siblingGroup } from './auth-signals.js';

const O = 'http://127.0.0.1:5000';

function res(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  mediaType = 'application/json',
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    status,
    headers: h,
    body: text,
    bytes: text.length,
    truncated: false,
    mediaType,
  } as RecordedResponse;
}

function ex(path: string, response: RecordedResponse): Exchange {
  return {
    id: 1,
    request: { method: 'GET', url: `${O}${path}`, headers: {} },
    response,
    startedAt: 0,
    durationMs: 0,
    initiator: 'discovery',
    identity: 'anonymous',
  };
}

describe('demandsCredentials', () => {
  it.each([
    ['any 401', res(401, '')],
    ['403 with a challenge', res(403, '', { 'www-authenticate': 'Bearer' })],
    ['403 naming the missing key', res(403, { error: 'API key missing' })],
    ['403 about permissions', res(403, 'You do not have permission', {}, 'text/plain')],
  ])('yes: %s', (_, r) => expect(demandsCredentials(r)).toBe(true));
  it.each([
    ['a bare firewall 403', res(403, '<h1>Request blocked</h1>', {}, 'text/html')],
    ['a 404', res(404, { error: 'not found' })],
    ['a 200', res(200, { token: 'x' })],
  ])('no: %s', (_, r) => expect(demandsCredentials(r)).toBe(false));
});

describe('publicByDesign', () => {
  const ok = res(200, { status: 'ok', version: '1.0', name: 'svc' });
  it.each([
    ['/', 'the service root'],
    ['/api/v1', 'an API root (service descriptor)'],
    ['/api/v1/health', 'a health or version probe'],
    ['/healthz', 'a health or version probe'],
    ['/version', 'a health or version probe'],
    ['/openapi.json', 'the API description'],
    ['/v3/api-docs', 'the API description'],
    ['/.well-known/openid-configuration', 'a well-known file'],
    ['/static/app.js', 'a static asset'],
  ])('%s is public by design', (path, reason) => expect(publicByDesign(ex(path, ok))).toBe(reason));

  it('recognises an OpenAPI document by its content', () => {
    expect(publicByDesign(ex('/spec', res(200, { openapi: '3.1.0', paths: {} })))).toBe(
      'the API description',
    );
  });
  it('does not excuse a public path that leaks sensitive fields', () => {
    expect(publicByDesign(ex('/health', res(200, { status: 'ok', db_password: 'x1' })))).toBeUndefined();
  });
  it('does not excuse an ordinary endpoint', () => {
    expect(publicByDesign(ex('/api/v1/export', ok))).toBeUndefined();
  });
});

describe('URL grouping', () => {
  it.each([
    ['/api/v1/users/7', `${O}/api/v1`],
    ['/api/v1/export', `${O}/api/v1`],
    ['/export', `${O}/`],
    ['/admin/users', `${O}/admin`],
  ])('siblingGroup(%s)', (path, group) => expect(siblingGroup(`${O}${path}`)).toBe(group));

  it('apiPrefixes: the API and version segments, most used first', () => {
    const urls = ['/api/v1/a', '/api/v1/b', '/v2/c', '/about', '/api'].map((p) => `${O}${p}`);
    expect(apiPrefixes(urls)).toEqual(['/api/v1', '/api']);
  });

  it.each([
    [['/api/v1/items'], `${O}/api/v1/items`],
    [['/users/1', '/users/2'], `${O}/users/{id}`],
    [['/api/v1/items', '/api/v1/me'], `${O}/api/v1/{path}`],
    [['/api/items', '/v2/me'], `${O}/{path}`],
  ])('sharedUrl(%j)', (paths, url) => expect(sharedUrl(paths.map((p) => `${O}${p}`))).toBe(url));
});
