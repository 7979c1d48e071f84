// The schema checks on a small OpenAPI document written here: what the API description's forms
// (nullable, oneOf, allOf, discriminating tags, free-form objects) accept, and one problem per
// defect for what they do not.
import { describe, expect, it } from 'vitest';
import { ApiDescription, digestOf, type OpenApiDocument } from '../../harness/values/schema/api.ts';
import { toJsonSchema } from '../../harness/values/schema/normalize.ts';

const thing = {
  type: 'object',
  required: ['thing_id', 'kind', 'status', 'tags', 'hidden'],
  properties: {
    thing_id: { type: 'string', format: 'uuid' },
    kind: { oneOf: [{ type: 'string', enum: ['box', 'bag'] }, { type: 'string', enum: ['crate'] }] },
    status: { type: 'string', enum: ['new', 'used'] },
    note: { type: 'string', nullable: true },
    tags: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'boolean' }] } },
    size: { allOf: [{ type: 'object', required: ['width'], properties: { width: { type: 'number' } } }, { type: 'object', properties: { height: { type: 'number' } } }] },
    hidden: { type: 'string', 'x-undocumented': 'internal' },
    events: {
      type: 'array',
      items: {
        oneOf: [
          { type: 'object', required: ['event_type', 'at'], properties: { event_type: { type: 'string', enum: ['moved'] }, at: { type: 'string', format: 'date-time' }, to: { type: 'string' } } },
          { type: 'object', required: ['event_type', 'at'], properties: { event_type: { type: 'string', enum: ['opened'] }, at: { type: 'string', format: 'date-time' } } },
        ],
      },
    },
    result: { nullable: true, description: 'anything, or null' },
  },
};

const document: OpenApiDocument = {
  components: { schemas: { thing } },
  paths: {
    '/things/get': {
      post: {
        'x-response-key': 'thing',
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['thing_id'], properties: { thing_id: { type: 'string', format: 'uuid' }, old: { type: 'boolean', deprecated: true } } } } } },
        responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { thing: { $ref: '#/components/schemas/thing' } } } } } } },
      },
    },
    '/things/list': {
      post: {
        'x-response-key': 'things',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { oneOf: [{ type: 'object', required: ['owner_id'], properties: { owner_id: { type: 'string' } } }, { type: 'object', required: ['shelf_id'], properties: { shelf_id: { type: 'string' } } }, { type: 'object', properties: {} }] },
                  { type: 'object', properties: { limit: { type: 'number', format: 'float' } } },
                ],
              },
            },
          },
        },
        responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { things: { type: 'array', items: { $ref: '#/components/schemas/thing' } } } } } } } },
      },
    },
    '/things/delete': {
      post: { 'x-response-key': null, 'x-deprecated': 'Use /things/archive instead.', responses: {} },
    },
  },
};

const digest = digestOf(document, {
  responseKey: (operation) => operation['x-response-key'] as string | null,
  deprecation: (operation) => operation['x-deprecated'] as string | undefined,
  optionalInDocs: (property) => property['x-undocumented'] !== undefined,
});
// As a profile keeps it between runs: plain JSON.
const api = new ApiDescription(JSON.parse(JSON.stringify(digest)));

const good = {
  thing_id: '11111111-1111-4111-8111-111111111111',
  kind: 'crate',
  status: 'new',
  note: null,
  tags: { fragile: true, room: 'attic' },
  size: { width: 2, height: 3 },
  events: [
    { event_type: 'moved', at: '2025-01-01T00:00:00Z', to: 'attic' },
    { event_type: 'opened', at: '2025-01-02T00:00:00.000Z' },
  ],
  result: { anything: [1, 2] },
};

const messages = (path: string, value: unknown) => api.checkResponse(path, value as never).map((p) => `${p.path} ${p.at} ${p.message}`);

describe('schema checks', () => {
  it('accepts what the schema allows: union members, merged allOf parts, nullable fields, free-form maps, hidden fields left out', () => {
    expect(messages('/things/get', good)).toEqual([]);
    expect(messages('/things/list', [good, { ...good, kind: 'box', result: null }])).toEqual([]);
    expect(api.checkRequest('/things/list', { shelf_id: 's', limit: 5 })).toEqual([]);
  });

  it('reports one problem per defect, at the offending place, with what the schema expects', () => {
    const bad = { ...good, kind: 'barrel', status: 'mint', note: 7, size: { width: '2', height: 3, depth: 1 }, statu: 'x' };
    delete (bad as Record<string, unknown>).tags;
    expect(messages('/things/get', bad)).toEqual([
      ' value the object misses the required field `tags`',
      '/kind value "barrel" is not one of "box", "bag", "crate"',
      '/note value expected a string or null, found the number 7',
      '/size/depth key `depth` is not a field the API has here (it has `width`, `height`)',
      '/size/width value expected a number, found the string "2"',
      '/statu key `statu` is not a field the API has here: did you mean `status`?',
      '/status value "mint" is not one of "new", "used"',
    ]);
  });

  it('judges a union member by the tag that tells the members apart, and names the tag when no member has it', () => {
    expect(messages('/things/get', { ...good, events: [{ event_type: 'opened', at: 'monday' }] })).toEqual(['/events/0/at value "monday" is not a valid date-time']);
    expect(messages('/things/get', { ...good, events: [{ event_type: 'dropped', at: '2025-01-01T00:00:00Z' }] })).toEqual([
      '/events/0/event_type value "dropped" is not one of "moved", "opened"',
    ]);
  });

  it('says when a value is wrapped in an extra object, or a list in its key, or has the wrong shape', () => {
    expect(messages('/things/list', [{ thing: good }])).toEqual(['/0/thing key the value is wrapped in `thing`: the API has its fields here, not inside `thing`']);
    expect(messages('/things/list', { things: [good] })).toEqual(['/things key the list is wrapped in `things`: the API returns the list itself here']);
    expect(messages('/things/list', good)).toEqual([' value expected a list of thing, found one object']);
  });

  it('says which fields a union takes only in other combinations', () => {
    expect(api.checkRequest('/things/list', { owner_id: 'o', shelf_id: 's' }).map((p) => p.message)).toEqual([
      '`shelf_id` cannot be passed together with `owner_id`: the API takes these fields only in other combinations',
    ]);
  });

  it('knows deprecated routes and parameters, and routes it does not have', () => {
    expect(api.route('/things/delete')?.deprecated).toBe('Use /things/archive instead.');
    expect(api.route('/things/get')?.deprecated).toBeUndefined();
    expect(api.route('/things/explode')).toBeUndefined();
    expect([...api.deprecatedParameters('/things/get')]).toEqual([['old', 'deprecated']]);
  });

  it('normalizes OpenAPI into closed JSON Schema: nullable, oneOf as anyOf, allOf merged then closed', () => {
    const schema = toJsonSchema(thing.properties.size, { components: {} });
    expect(schema).toEqual({
      type: 'object',
      required: ['width'],
      properties: { width: { type: 'number' }, height: { type: 'number' } },
      additionalProperties: false,
    });
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true }, { components: {} })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(toJsonSchema({ oneOf: [{ type: 'string' }, { type: 'boolean' }] }, { components: {} })).toEqual({ anyOf: [{ type: 'string' }, { type: 'boolean' }] });
  });
});

describe('compiled validators kept between runs', () => {
  it('stores each compiled validator and, in a later run, loads it instead of compiling, with the same verdicts', () => {
    const entries = new Map<string, string>();
    const store = { get: (key: string) => entries.get(key), put: (key: string, code: string) => void entries.set(key, code) };
    const bad = { ...good, status: 'mint', events: [{ event_type: 'opened', at: 'monday' }] };
    const fresh = new ApiDescription(JSON.parse(JSON.stringify(digest)));
    fresh.useStore(store);
    const compiled = fresh.checkResponse('/things/get', bad);
    expect(entries.size).toBeGreaterThan(0);
    const size = entries.size;
    const later = new ApiDescription(JSON.parse(JSON.stringify(digest)));
    let compiles = 0;
    later.useStore({ get: (key) => entries.get(key), put: () => void compiles++ });
    expect(later.checkResponse('/things/get', bad)).toEqual(compiled);
    expect([compiles, entries.size]).toEqual([0, size]);
  });
});
