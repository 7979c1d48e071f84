import { describe, expect, it } from 'vitest';
import { reader } from './reader.ts';
import { makeBlock } from '../../test/helpers/block.ts';

const request = (code: string, fenceLine = 10, indent = 0) => reader.readRequest(makeBlock(code, fenceLine, 'javascript', indent));
const response = (code: string, fenceLine = 10, indent = 0) => reader.readResponse(makeBlock(code, fenceLine, 'javascript', indent));

function errorOf(result: ReturnType<typeof request> | ReturnType<typeof response>) {
  if (result.ok) throw new Error(`expected a read error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('javascript request', () => {
  it('maps each camelCase member to a snake_case path word and keeps parameter keys as written', () => {
    const result = request(
      [
        'await seam.acs.credentialPools.listAccessibleThings({',
        '  acs_user_id: "u-1",',
        '  "quoted_key": \'single\',',
        '  count: 20,',
        '  ratio: -0.5,',
        '  limit: 1_000,',
        '  enabled: true,',
        '  other: false,',
        '  code: null,',
        '  ids: ["a", `b`],',
        '  schedule: { starts_at: "2024-01-01T00:00:00Z", nested: { deep: [1, 2.5] } },',
        '});',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: true,
      notes: [],
      value: {
        path: '/acs/credential_pools/list_accessible_things',
        params: {
          acs_user_id: 'u-1',
          quoted_key: 'single',
          count: 20,
          ratio: -0.5,
          limit: 1000,
          enabled: true,
          other: false,
          code: null,
          ids: ['a', 'b'],
          schedule: { starts_at: '2024-01-01T00:00:00Z', nested: { deep: [1, 2.5] } },
        },
      },
    });
  });

  it('reads a call without arguments as no parameters, whatever the receiver is called', () => {
    expect(request('await client.userIdentities.list();')).toEqual({
      ok: true,
      notes: [],
      value: { path: '/user_identities/list', params: {} },
    });
  });

  it('reads a call without await and without a semicolon', () => {
    const result = request('seam.devices.get({ device_id: "d" })');
    expect(result.ok && result.value).toEqual({ path: '/devices/get', params: { device_id: 'd' } });
  });

  it('reports a syntax error at its markdown position, naming what it found', () => {
    const error = errorOf(request('await seam.devices.get({\n  device_id: "d"\n  name: "x",\n});', 40));
    expect(error).toEqual({ line: 43, column: 3, message: 'javascript request: unexpected token, found `name`' });
  });

  it('maps positions through a fence indented inside a list', () => {
    const error = errorOf(request('await seam.devices.get({\n  device_id: "d",,\n});', 5, 2));
    // `  device_id: "d",` is 17 columns; the second comma is snippet column 18, file column 18 + 2.
    expect(error).toMatchObject({ line: 7, column: 20 });
  });

  it('rejects a variable where a literal value is needed', () => {
    const error = errorOf(request('await seam.devices.get({\n  device_id: deviceId,\n});', 20));
    expect(error).toEqual({ line: 22, column: 14, message: 'javascript request: `deviceId` is a variable, not a literal value' });
  });

  it('rejects shorthand properties, spreads and template expressions', () => {
    expect(errorOf(request('await seam.devices.get({ device_id });')).message).toBe(
      'javascript request: shorthand property `device_id` refers to a variable; write `device_id: value`',
    );
    expect(errorOf(request('await seam.devices.get({ ...base });')).message).toBe(
      'javascript request: a spread `...` is not a literal value',
    );
    expect(errorOf(request('await seam.devices.get({ name: `x${y}` });'))).toMatchObject({
      column: 36,
      message: 'javascript request: a template literal with ${…} is not a literal value',
    });
  });

  it('rejects two statements, a second argument, a non-object argument and a computed member', () => {
    expect(errorOf(request('await seam.a.b();\nawait seam.c.d();', 1))).toEqual({
      line: 3,
      column: 1,
      message: 'javascript request: expected one call statement, found a second statement (an expression statement)',
    });
    expect(errorOf(request('await seam.a.b({}, {});')).message).toBe('javascript request: expected one options object, found a second argument');
    expect(errorOf(request('await seam.a.b("id");')).message).toBe(
      'javascript request: expected an object literal of parameters, found a literal',
    );
    expect(errorOf(request('await seam["devices"].get();')).message).toBe(
      "javascript request: expected a method name after '.', found a literal",
    );
  });

  it('rejects a snippet that is not a client call', () => {
    expect(errorOf(request('const x = 1;')).message).toBe(
      'javascript request: expected a call like `await seam.devices.get({ … })`, found a variable declaration',
    );
    expect(errorOf(request('await get({});')).message).toBe(
      'javascript request: expected a call like `await seam.devices.get({ … })`, found a call of an identifier',
    );
    expect(errorOf(request('', 10))).toEqual({
      line: 11,
      column: 1,
      message: 'javascript request: expected a call like `await seam.devices.get({ … })`, found end of snippet',
    });
  });
});

describe('javascript response', () => {
  it('reads a comment alone (`// void`) and an empty fence as void', () => {
    expect(response('// void')).toEqual({ ok: true, notes: [], value: { kind: 'void' } });
    expect(response('')).toEqual({ ok: true, notes: [], value: { kind: 'void' } });
    expect(response('/* nothing */\n')).toEqual({ ok: true, notes: [], value: { kind: 'void' } });
  });

  it('reads printed JSON, keys exactly as documented', () => {
    const result = response('{\n  "device_id": "d",\n  "properties": { "ipv4_address": "10.0.0.1", "customKey": 1 },\n  "errors": []\n}');
    expect(result).toEqual({
      ok: true,
      notes: [],
      value: { kind: 'json', json: { device_id: 'd', properties: { ipv4_address: '10.0.0.1', customKey: 1 }, errors: [] } },
    });
  });

  it('reads a list and JS object-literal syntax (bare keys, single quotes, trailing commas)', () => {
    const result = response("[\n  { id: 'a', n: 20.0, t: `x`, },\n  { id: 'b', n: -3 },\n];");
    expect(result.ok && result.value).toEqual({ kind: 'json', json: [{ id: 'a', n: 20, t: 'x' }, { id: 'b', n: -3 }] });
  });

  it('keeps a `__proto__` key as plain data', () => {
    const result = response('{ "__proto__": { "x": 1 } }');
    expect(result.ok && result.value.kind === 'json' && Object.getOwnPropertyNames(result.value.json)).toEqual(['__proto__']);
  });

  it('reads a top-level null as JSON null, not void (the JavaScript SDK returns undefined for void)', () => {
    expect(response('null')).toEqual({ ok: true, notes: [], value: { kind: 'json', json: null } });
  });

  it('reports an unclosed object at the end of the snippet', () => {
    const error = errorOf(response('{\n  "a": 1,\n', 30));
    expect(error).toEqual({ line: 33, column: 1, message: 'javascript response: unexpected token, found end of snippet' });
  });

  it('reports text after the value', () => {
    const error = errorOf(response('{ "a": 1 }\n{ "b": 2 }', 30));
    expect(error).toEqual({ line: 32, column: 1, message: 'javascript response: expected the end of the response, found `{`' });
  });

  it('reports an unterminated string with acorn’s wording', () => {
    const error = errorOf(response('{ "a": "oops }', 3));
    expect(error).toEqual({ line: 4, column: 8, message: 'javascript response: unterminated string constant' });
  });
});
