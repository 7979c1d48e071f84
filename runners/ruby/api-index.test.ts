import { describe, expect, it } from 'vitest';
import { buildIndex } from './api-index.ts';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = (properties: object) => ({ responses: { '200': json({ properties: { ...properties, ok: { type: 'boolean' } } }) } });

const openapi = {
  paths: {
    '/things/get': {
      get: { 'x-response-key': 'thing' },
      post: {
        'x-response-key': 'thing',
        requestBody: json({
          oneOf: [
            { properties: { thing_id: { type: 'string' }, space_id: { type: 'string' } }, required: ['thing_id', 'space_id'] },
            { properties: { thing_key: { type: 'string' }, space_id: { type: 'string' } }, required: ['thing_key', 'space_id'] },
          ],
        }),
        ...ok({ thing: { $ref: '#/components/schemas/thing' } }),
      },
    },
    '/things/list': { post: { 'x-response-key': 'things', ...ok({ things: { type: 'array', items: { $ref: '#/components/schemas/thing' } } }) } },
    '/things/delete': {
      post: {
        'x-response-key': null,
        requestBody: json({ properties: { thing_id: { type: 'string' }, sync: { type: 'boolean', 'x-undocumented': 'internal' } }, required: ['thing_id', 'sync'] }),
      },
    },
    '/things/old': { post: { 'x-response-key': null, 'x-undocumented': 'Will be removed.' } },
    '/hooks/{provider}/receive': { post: { 'x-response-key': null } },
  },
  components: {
    schemas: {
      thing: {
        properties: { thing_id: { type: 'string' }, created_at: { type: 'string', format: 'date-time' }, secret: { type: 'string', 'x-undocumented': 'internal' } },
      },
    },
  },
};

describe('the built-in Ruby client index', () => {
  const index = buildIndex(openapi, 'test');

  it('has the documented routes a Ruby method can be named for, with their keywords', () => {
    expect(Object.keys(index.routes).sort()).toEqual(['/things/delete', '/things/get', '/things/list']);
    // A keyword is required when every alternative requires it; undocumented ones are not keywords.
    expect(index.routes['/things/get']).toEqual({ responseKey: 'thing', resource: 'thing', list: false, params: ['space_id', 'thing_id', 'thing_key'], required: ['space_id'] });
    expect(index.routes['/things/delete']).toEqual({ responseKey: null, resource: null, list: null, params: ['thing_id'], required: ['thing_id'] });
  });

  it('tells lists from objects and names the resource of each', () => {
    expect(index.routes['/things/list']).toMatchObject({ responseKey: 'things', resource: 'thing', list: true, params: [] });
  });

  it('gives each resource its documented attributes and which of them are times', () => {
    expect(index.resources.thing).toEqual({ properties: ['created_at', 'thing_id'], dates: ['created_at'] });
  });
});
