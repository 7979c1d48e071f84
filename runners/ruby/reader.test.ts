import { describe, expect, it } from 'vitest';
import { reader } from './reader.ts';
import { makeBlock } from '../../test/helpers/block.ts';

const request = (code: string, fenceLine = 10, indent = 0) => reader.readRequest(makeBlock(code, fenceLine, 'ruby', indent));
const response = (code: string, fenceLine = 10, indent = 0) => reader.readResponse(makeBlock(code, fenceLine, 'ruby', indent));

function errorOf(result: ReturnType<typeof request> | ReturnType<typeof response>) {
  if (result.ok) throw new Error(`expected a read error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const NULL_NOTE = "`null` is not Ruby: copying this raises NameError (undefined local variable or method 'null') (use nil)";

/** The note on a JSON `null` at `line:column`, with the edit that writes `nil` there. */
function nullNote(line: number, column: number) {
  const start = { line, column };
  const end = { line, column: column + 4 };
  return { rule: 'snippet-invalid-in-language', severity: 'warning', line, column, end, message: NULL_NOTE, fix: [{ start, end, before: 'null', after: 'nil' }] };
}

describe('ruby request', () => {
  it('reads keyword arguments of every literal kind', () => {
    const result = request(
      [
        'seam.acs.credential_pools.list( # a comment',
        '  acs_user_id: "u-1",',
        '  "quoted_key": \'single \\\' quote\',',
        '  escaped: "tab\\t\\u00e9\\#{not}",',
        '  sym: :pending,',
        '  count: 20,',
        '  limit: 1_000,',
        '  ratio: -2.5,',
        '  enabled: true,',
        '  other: false,',
        '  code: nil,',
        '  ids: %w[',
        '    a-1',
        '    b-2',
        '  ],',
        '  list: ["x", 1],',
        '  schedule: { starts_at: "2024-01-01", "ends_at" => "2024-01-02", "quoted": { deep: [1, 2.0] } },',
        ')',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: true,
      notes: [],
      value: {
        path: '/acs/credential_pools/list',
        params: {
          acs_user_id: 'u-1',
          quoted_key: "single ' quote",
          escaped: 'tab\t\u00e9#{not}',
          sym: 'pending',
          count: 20,
          limit: 1000,
          ratio: -2.5,
          enabled: true,
          other: false,
          code: null,
          ids: ['a-1', 'b-2'],
          list: ['x', 1],
          schedule: { starts_at: '2024-01-01', ends_at: '2024-01-02', quoted: { deep: [1, 2] } },
        },
      },
    });
  });

  it('reads a call with empty parentheses or none, whatever the client is called', () => {
    const expected = { ok: true, notes: [], value: { path: '/user_identities/list', params: {} } };
    expect(request('client.user_identities.list()')).toEqual(expected);
    expect(request('client.user_identities.list')).toEqual(expected);
  });

  it('reads a nested null but notes the NameError a reader copying it would hit', () => {
    const result = request('seam.acs.users.update(\n  acs_user_id: "u",\n  access_schedule: { ends_at: null },\n)', 20);
    expect(result.ok && result.value.params).toEqual({ acs_user_id: 'u', access_schedule: { ends_at: null } });
    expect(result.notes).toEqual([
      nullNote(23, 31),
    ]);
  });

  it('reports an unclosed call at the end of the snippet, naming where it opened', () => {
    expect(errorOf(request('seam.devices.get(\n  device_id: "d",\n', 12))).toEqual({
      line: 15,
      column: 1,
      message: "ruby request: expected ')' to close seam.devices.get( opened at 13:17, found end of snippet",
    });
  });

  it('reports a missing comma, a hash-rocket argument and a repeated keyword', () => {
    expect(errorOf(request('seam.devices.get(\n  device_id: "d"\n  name: "x",\n)', 12))).toEqual({
      line: 15,
      column: 3,
      message: "ruby request: expected ',' or ')' to close seam.devices.get( opened at 13:17, found `name`",
    });
    expect(errorOf(request('seam.devices.get("device_id" => "d")'))).toEqual({
      line: 11,
      column: 30,
      message: "ruby request: expected ':' right after the keyword name, found `=`",
    });
    expect(errorOf(request('seam.devices.get(a: 1, a: 2)'))).toMatchObject({
      column: 24,
      message: 'ruby request: keyword argument `a` repeated in seam.devices.get(…)',
    });
  });

  it('rejects interpolation, variables and positional arguments', () => {
    expect(errorOf(request('seam.a.b(name: "x#{y}")'))).toMatchObject({
      column: 18,
      message: 'ruby request: string interpolation #{…} is not a literal value',
    });
    expect(errorOf(request('seam.a.b(device_id: device_id)')).message).toBe('ruby request: expected a value, found `device_id`');
    expect(errorOf(request('seam.a.b(1)')).message).toBe('ruby request: expected a keyword argument `name: value`, found number `1`');
  });

  it('rejects what is not one client call', () => {
    expect(errorOf(request('puts "x"')).message).toBe(
      'ruby request: expected a client call like `seam.devices.get(…)`, found `puts`',
    );
    expect(errorOf(request('seam.a.b\nseam.c.d'))).toEqual({
      line: 12,
      column: 1,
      message: "ruby request: expected '(' or the end of the snippet after seam.a.b, found `seam`",
    });
    expect(errorOf(request('seam.a.b(x: 1)\nseam.c.d()'))).toEqual({
      line: 12,
      column: 1,
      message: 'ruby request: expected the end of the snippet after the call (one call per request), found `seam`',
    });
  });
});

describe('ruby response', () => {
  it('reads nil and an empty fence as void', () => {
    expect(response('nil')).toEqual({ ok: true, notes: [], value: { kind: 'void' } });
    expect(response('')).toEqual({ ok: true, notes: [], value: { kind: 'void' } });
  });

  it('reads a string-keyed hash with symbol-keyed nested hashes, word arrays and separated numbers', () => {
    const result = response(
      [
        '{',
        '  "device_id" => "d",',
        '  "properties" => {',
        '    online: true,',
        '    modes: %w[heat cool],',
        '    battery: 101_923,',
        '    level: 0.5,',
        '    "quoted": "key",',
        '    device_name:',
        '      "long" \'joined\',',
        '  },',
        '  "location" => nil,',
        '  "custom_metadata" => {',
        '  },',
        '}',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: true,
      notes: [],
      value: {
        kind: 'json',
        json: {
          device_id: 'd',
          properties: { online: true, modes: ['heat', 'cool'], battery: 101923, level: 0.5, quoted: 'key', device_name: 'longjoined' },
          location: null,
          custom_metadata: {},
        },
      },
    });
  });

  it('reads a list of hashes', () => {
    expect(response('[{ "id" => 1 }, { "id" => 2.0 }]')).toEqual({
      ok: true,
      notes: [],
      value: { kind: 'json', json: [{ id: 1 }, { id: 2 }] },
    });
  });

  it('reads a nested JSON null as null, with a warning at each occurrence', () => {
    const result = response('{\n  "properties" => {\n    location: null,\n    other: null,\n  },\n}', 40);
    expect(result.ok && result.value).toEqual({ kind: 'json', json: { properties: { location: null, other: null } } });
    expect(result.notes).toEqual([
      nullNote(43, 15),
      nullNote(44, 12),
    ]);
  });

  it('keeps keys that name object internals as plain data', () => {
    const result = response('{ "__proto__" => { constructor: 1 } }');
    expect(result.ok && result.value.kind === 'json' && Object.getOwnPropertyNames(result.value.json)).toEqual(['__proto__']);
  });

  it('reads a top-level null as void, with the same warning', () => {
    const result = response('null');
    expect(result.ok && result.value).toEqual({ kind: 'void' });
    expect(result.notes).toMatchObject([{ line: 11, column: 1, severity: 'warning' }]);
  });

  it('reports an unclosed hash, naming where it opened', () => {
    expect(errorOf(response('{\n  "a" => 1,\n', 30))).toEqual({
      line: 33,
      column: 1,
      message: "ruby response: expected '}' to close the hash opened at 31:1, found end of snippet",
    });
  });

  it('reports a missing =>, a non-string key and an unterminated word array', () => {
    expect(errorOf(response('{ "a" 1 }'))).toEqual({
      line: 11,
      column: 7,
      message: "ruby response: expected '=>' after a hash key, found number `1`",
    });
    expect(errorOf(response('{ 1 => "a" }'))).toMatchObject({
      column: 3,
      message: 'ruby response: hash keys must be strings or symbols to be JSON, found number `1`',
    });
    expect(errorOf(response('[\n  %w[a b\n', 1))).toEqual({
      line: 4,
      column: 1,
      message: "ruby response: expected ']' to close the word array opened at 3:3, found end of snippet",
    });
  });

  it('maps positions through an indented fence', () => {
    expect(errorOf(response('{\n  "a" => ,\n}', 7, 3))).toEqual({
      line: 9,
      column: 3 + 10,
      message: 'ruby response: expected a value, found `,`',
    });
  });
});
