import { describe, expect, it } from 'vitest';
import { reader } from './reader.ts';
import { makeBlock } from '../../test/helpers/block.ts';

const request = (code: string, fenceLine = 10, indent = 0) => reader.readRequest(makeBlock(code, fenceLine, 'python', indent));
const response = (code: string, fenceLine = 10, indent = 0) => reader.readResponse(makeBlock(code, fenceLine, 'python', indent));

function errorOf(result: ReturnType<typeof request> | ReturnType<typeof response>) {
  if (result.ok) throw new Error(`expected a read error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('python request', () => {
  it('reads keyword arguments of every literal kind', () => {
    const result = request(
      [
        'seam.acs.credential_pools.list(  # a comment',
        '    acs_user_id="u-1",',
        "    name='it''s' \" joined\",",
        '    escaped="tab\\tquote\\"\\u00e9\\x41",',
        "    raw=r'\\d+',",
        '    count=20,',
        '    limit=1_000,',
        '    ratio=-2.5e1,',
        '    mask=0x1F,',
        '    enabled=True,',
        '    other=False,',
        '    code=None,',
        '    ids=["a", "b",],',
        '    pair=("x", 1),',
        '    single=("only"),',
        '    schedule={"starts_at": "2024-01-01", "nested": {"deep": [1, 2.0]}},',
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
          name: 'its joined',
          escaped: 'tab\tquote"\u00e9A',
          raw: '\\d+',
          count: 20,
          limit: 1000,
          ratio: -25,
          mask: 31,
          enabled: true,
          other: false,
          code: null,
          ids: ['a', 'b'],
          pair: ['x', 1],
          single: 'only',
          schedule: { starts_at: '2024-01-01', nested: { deep: [1, 2] } },
        },
      },
    });
  });

  it('reads a call without arguments, whatever the client is called', () => {
    expect(request('client.user_identities.list()')).toEqual({
      ok: true,
      notes: [],
      value: { path: '/user_identities/list', params: {} },
    });
  });

  it('reads JSON-style true/false/null but notes the NameError a reader copying it would hit', () => {
    const result = request('seam.acs.users.create(\n    is_suspended=true,\n    code=null,\n)', 20);
    expect(result.ok && result.value.params).toEqual({ is_suspended: true, code: null });
    expect(result.notes).toEqual([
      {
        rule: 'snippet-invalid-in-language',
        severity: 'warning',
        line: 22,
        column: 18,
        end: { line: 22, column: 22 },
        message: "`true` is not Python: copying this raises NameError: name 'true' is not defined (use True)",
        fix: [{ start: { line: 22, column: 18 }, end: { line: 22, column: 22 }, before: 'true', after: 'True' }],
      },
      {
        rule: 'snippet-invalid-in-language',
        severity: 'warning',
        line: 23,
        column: 10,
        end: { line: 23, column: 14 },
        message: "`null` is not Python: copying this raises NameError: name 'null' is not defined (use None)",
        fix: [{ start: { line: 23, column: 10 }, end: { line: 23, column: 14 }, before: 'null', after: 'None' }],
      },
    ]);
  });

  it('reads tuples as lists and notes a JSON-style word inside one once', () => {
    const result = request('seam.a.b(empty=(), one=("x",), pair=(true, 2))');
    expect(result.ok && result.value.params).toEqual({ empty: [], one: ['x'], pair: [true, 2] });
    expect(result.notes).toHaveLength(1);
  });

  it('keeps keys that name object internals as plain data', () => {
    const result = request('seam.a.b(constructor=1, meta={"__proto__": {"x": 1}})');
    expect(result.ok && Object.keys(result.value.params)).toEqual(['constructor', 'meta']);
    expect(result.ok && Object.getOwnPropertyNames(result.value.params.meta)).toEqual(['__proto__']);
    expect(errorOf(request('seam.a.b(x=toString)')).message).toBe('python request: expected a value, found `toString`');
  });

  it('reports an unclosed call at the end of the snippet, naming where it opened', () => {
    const error = errorOf(request('seam.devices.get(\n    device_id="d",\n', 12));
    expect(error).toEqual({
      line: 15,
      column: 1,
      message: "python request: expected ')' to close seam.devices.get( opened at 13:17, found end of snippet",
    });
  });

  it('reports a missing comma between arguments at the argument it found', () => {
    const error = errorOf(request('seam.devices.get(\n    device_id="d"\n    name="x",\n)', 12));
    expect(error).toEqual({
      line: 15,
      column: 5,
      message: "python request: expected ',' or ')' to close seam.devices.get( opened at 13:17, found `name`",
    });
  });

  it('reports positional arguments, repeated keywords and variables', () => {
    expect(errorOf(request('seam.devices.get("d")'))).toEqual({
      line: 11,
      column: 18,
      message: 'python request: expected a keyword argument `name=value` in seam.devices.get(…), found a string',
    });
    expect(errorOf(request('seam.devices.get(a=1, a=2)'))).toMatchObject({
      column: 23,
      message: 'python request: keyword argument `a` repeated in seam.devices.get(…)',
    });
    expect(errorOf(request('seam.devices.get(device_id=device_id)'))).toMatchObject({
      column: 28,
      message: 'python request: expected a value, found `device_id`',
    });
  });

  it('rejects f-strings, bytes, non-string dict keys and unterminated strings', () => {
    expect(errorOf(request('seam.a.b(x=f"{y}")')).message).toBe('python request: f-strings are not literal values');
    expect(errorOf(request('seam.a.b(x=b"y")')).message).toBe('python request: bytes are not JSON; expected a str');
    expect(errorOf(request('seam.a.b(x={1: "y"})'))).toMatchObject({
      column: 13,
      message: 'python request: dict keys must be strings to be JSON, found number `1`',
    });
    expect(errorOf(request('seam.a.b(\n    x="open\n)', 1))).toEqual({
      line: 3,
      column: 12,
      message: 'python request: unterminated string opened at 3:7, found end of line',
    });
  });

  it('rejects what is not one client call', () => {
    expect(errorOf(request('print("x")')).message).toBe(
      'python request: expected a client call like `seam.devices.get(…)`, found `print`',
    );
    expect(errorOf(request('seam.a.b()\nseam.c.d()'))).toEqual({
      line: 12,
      column: 1,
      message: 'python request: expected the end of the snippet after the call (one call per request), found `seam`',
    });
    expect(errorOf(request('seam.devices.get'))).toEqual({
      line: 11,
      column: 17,
      message: "python request: expected '(' after seam.devices.get, found end of snippet",
    });
  });
});

describe('python response', () => {
  it('reads None and an empty fence as void', () => {
    expect(response('None')).toEqual({ ok: true, notes: [], value: { kind: 'void' } });
    expect(response('')).toEqual({ ok: true, notes: [], value: { kind: 'void' } });
  });

  it('reads a class display as an object and keeps the class name as the type', () => {
    const result = response('ActionAttempt(\n    action_attempt_id="a",\n    status="pending",\n    result=None,\n)');
    expect(result).toEqual({
      ok: true,
      notes: [],
      value: { kind: 'json', type: 'ActionAttempt', json: { action_attempt_id: 'a', status: 'pending', result: null } },
    });
  });

  it('types a list by its items’ class, and nested class displays read as objects', () => {
    const result = response('[\n    Device(device_id="a", location=Location(name="x")),\n    Device(device_id="b"),\n]');
    expect(result.ok && result.value).toEqual({
      kind: 'json',
      type: 'Device',
      json: [{ device_id: 'a', location: { name: 'x' } }, { device_id: 'b' }],
    });
    const mixed = response('[Device(device_id="a"), Phone(device_id="b")]');
    expect(mixed.ok && mixed.value).toEqual({ kind: 'json', json: [{ device_id: 'a' }, { device_id: 'b' }] });
  });

  it('reads plain data responses (lists of dicts) without a type', () => {
    expect(response('[{"id": 1}, {"id": 2.0}]')).toEqual({ ok: true, notes: [], value: { kind: 'json', json: [{ id: 1 }, { id: 2 }] } });
  });

  it('reads JSON-style literals inside a display, with one info note for the response', () => {
    const result = response('Device(\n    is_managed=true,\n    properties={"online": false, "location": null, "x": true},\n)', 50);
    expect(result.ok && result.value).toEqual({
      kind: 'json',
      type: 'Device',
      json: { is_managed: true, properties: { online: false, location: null, x: true } },
    });
    expect(result.notes).toEqual([
      {
        rule: 'snippet-invalid-in-language',
        severity: 'info',
        line: 52,
        column: 16,
        end: { line: 52, column: 20 },
        message:
          '`true` ×2, `false` ×1, `null` ×1 are not Python (the docs print JSON-style literals): copying the value raises ' +
          "NameError: name 'true' is not defined (use True, False, None)",
        // One edit per word, each replacing exactly the word.
        fix: [
          { start: { line: 52, column: 16 }, end: { line: 52, column: 20 }, before: 'true', after: 'True' },
          { start: { line: 53, column: 27 }, end: { line: 53, column: 32 }, before: 'false', after: 'False' },
          { start: { line: 53, column: 46 }, end: { line: 53, column: 50 }, before: 'null', after: 'None' },
          { start: { line: 53, column: 57 }, end: { line: 53, column: 61 }, before: 'true', after: 'True' },
        ],
      },
    ]);
  });

  it('reports an unclosed class display, naming where it opened', () => {
    const error = errorOf(response('ActionAttempt(\n    status="pending",\n', 11));
    expect(error).toEqual({
      line: 14,
      column: 1,
      message: "python response: expected ')' to close ActionAttempt( opened at 12:1, found end of snippet",
    });
  });

  it('reports an unclosed list and text after the value', () => {
    expect(errorOf(response('[\n    Device(device_id="a")\n    Device(device_id="b"),\n]', 1))).toEqual({
      line: 4,
      column: 5,
      message: "python response: expected ',' or ']' to close the list opened at 2:1, found `Device`",
    });
    expect(errorOf(response('None\nNone', 1))).toEqual({
      line: 3,
      column: 1,
      message: 'python response: expected the end of the response, found `None`',
    });
  });

  it('maps positions through an indented fence', () => {
    const error = errorOf(response('Device(\n    device_id=,\n)', 7, 3));
    expect(error).toEqual({ line: 9, column: 3 + 15, message: 'python response: expected a value, found `,`' });
  });
});
