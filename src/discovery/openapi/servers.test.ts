import { describe, expect, it } from 'vitest';
import { isParapetError } from '../../errors.js';
import { chooseBase, serverUrls } from './servers.js';

const target = new URL('http://127.0.0.1:8080/');

describe('servers', () => {
  it('fills variables and resolves relative servers against the target', () => {
    const doc = {
      servers: [
        { url: '/{v}', variables: { v: { default: 'v2' } } },
        { url: 'https://api.example.com/base/' },
      ],
    };
    expect(serverUrls(doc, '3.1', target)).toEqual([
      'http://127.0.0.1:8080/v2',
      'https://api.example.com/base',
    ]);
  });

  it('builds Swagger 2.0 servers from host, basePath and schemes', () => {
    expect(
      serverUrls({ host: 'localhost:5000', basePath: '/api/v1', schemes: ['https', 'http'] }, '2.0', target),
    ).toEqual(['http://localhost:5000/api/v1']);
    expect(serverUrls({ basePath: '/api' }, '2.0', target)).toEqual(['http://127.0.0.1:8080/api']);
    expect(serverUrls({}, '2.0', target)).toEqual([]);
  });

  it("keeps the target's origin and takes the server's path", () => {
    expect(chooseBase(['http://localhost:5000/api'], target)).toEqual({
      baseUrl: 'http://127.0.0.1:8080/api',
      servers: ['http://localhost:5000/api'],
      otherOrigin: 'http://localhost:5000',
    });
  });

  it('prefers a server on the target whose path the target URL is under', () => {
    const servers = ['https://prod.example.com/v2', 'http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v2'];
    expect(chooseBase(servers, new URL('http://127.0.0.1:8080/v2/')).baseUrl).toBe(
      'http://127.0.0.1:8080/v2',
    );
  });

  it('uses the target path when the spec names no server', () => {
    expect(chooseBase([], new URL('http://127.0.0.1:8080/api/')).baseUrl).toBe('http://127.0.0.1:8080/api');
  });

  it('--server picks by position or URL, and names the choices when it matches none', () => {
    const servers = ['http://localhost:5000/a', 'http://localhost:5000/b'];
    expect(chooseBase(servers, target, '2').baseUrl).toBe('http://127.0.0.1:8080/b');
    expect(chooseBase(servers, target, 'http://localhost:5000/a/').baseUrl).toBe('http://127.0.0.1:8080/a');
    let err: unknown;
    try {
      chooseBase(servers, target, '3');
    } catch (e) {
      err = e;
    }
    expect(isParapetError(err, 'PARAPET_USAGE')).toBe(true);
    expect((err as Error).message).toBe(
      "--server 3 is not one of the spec's servers (1. http://localhost:5000/a, 2. http://localhost:5000/b)",
    );
  });
});
