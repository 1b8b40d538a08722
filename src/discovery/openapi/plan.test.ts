import { describe, expect, it } from 'vitest';
import type { PlanInput } from './plan.js';
import { planRequest } from './plan.js';

const base = 'http://127.0.0.1:8080/api';

describe('planRequest', () => {
  it('fills path, query, header and cookie parameters; optional ones only with an example', () => {
    const op: PlanInput = {
      method: 'GET',
      pathTemplate: '/users/{id}/posts',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
        {
          name: 'tag',
          in: 'query',
          required: true,
          schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
        },
        { name: 'page', in: 'query', required: false, schema: { type: 'integer' } },
        { name: 'sort', in: 'query', required: false, example: 'date' },
        { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'session', in: 'cookie', required: true, schema: { type: 'string' } },
      ],
    };
    expect(planRequest(op, base)).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:8080/api/users/1/posts?tag=a&sort=date',
      headers: { 'x-tenant': 'parapet', cookie: 'session=parapet' },
    });
    expect(planRequest(op, base, 1)).toMatchObject({
      url: 'http://127.0.0.1:8080/api/users/2/posts?tag=b&sort=parapet2',
    });
  });

  it('encodes bodies as their media type asks', () => {
    const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
    const post = (mediaType: string, required = true): PlanInput => ({
      method: 'POST',
      pathTemplate: '/things',
      parameters: [],
      requestBody: { mediaType, required, schema, fields: ['name'] },
    });
    expect(planRequest(post('application/json'), base)).toMatchObject({
      body: '{"name":"parapet"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(planRequest(post('application/x-www-form-urlencoded'), base)).toMatchObject({
      body: 'name=parapet',
    });
    expect(planRequest(post('multipart/form-data'), base)).toEqual({
      unplannable: 'no multipart/form-data body is generated',
    });
    expect(planRequest(post('application/xml', false), base)).not.toHaveProperty('body');
  });
});
