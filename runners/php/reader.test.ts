import { describe, expect, it } from 'vitest';
import { reader } from './reader.ts';
import { artefactFor } from '../registry.ts';
import { makeBlock } from '../../test/helpers/block.ts';
import { readError as error, readValue as value } from '../../test/helpers/read.ts';

const FENCE = 20; // the ``` line; the snippet's line n is file line FENCE + n



const request = (code: string, indent = 0) => reader.readRequest(makeBlock(code, FENCE, 'php', indent));
const response = (code: string) => reader.readResponse(makeBlock(code, FENCE, 'php'));

describe('php request reader', () => {
  it('reads the generation 1-2 form: <?php, a property chain and named arguments', () => {
    const result = request(
      [
        '<?php',
        '$seam->acs->credentials->assign(',
        '    acs_user_id: "33333333-3333-3333-3333-333333333333",',
        '    acs_credential_id: "66666666-6666-6666-6666-666666666666"',
        ');',
      ].join('\n'),
    );
    expect(value(result)).toEqual({
      path: '/acs/credentials/assign',
      params: { acs_user_id: '33333333-3333-3333-3333-333333333333', acs_credential_id: '66666666-6666-6666-6666-666666666666' },
    });
    expect(result.notes).toEqual([]);
  });

  it('reads the generation 3 form without <?php, any receiver, and a call without arguments', () => {
    expect(value(request('$client->devices->list();'))).toEqual({ path: '/devices/list', params: {} });
    expect(value(request('$seam->thermostats->heat(device_id: "d1", heating_set_point_celsius: 20,);'))).toEqual({
      path: '/thermostats/heat',
      params: { device_id: 'd1', heating_set_point_celsius: 20 },
    });
  });

  it('keeps method and argument names as written (a camelCase name is a defect the tabs comparison reports)', () => {
    expect(value(request('$seam->accessCodes->get(accessCodeId: "a");'))).toEqual({ path: '/accessCodes/get', params: { accessCodeId: 'a' } });
  });

  it('reads strings with PHP escapes in both quote styles', () => {
    const params = value(request(String.raw`$s->x->y(a: "tab\there \"q\" \$ \x41\u{1F600}\101", b: 'it\'s \n \\ raw', c: "\q");`)).params;
    expect(params).toEqual({ a: 'tab\there "q" $ A\u{1F600}A', b: "it's \\n \\ raw", c: '\\q' });
  });

  it('reads numbers, true/false/null in any case, and json_encode-style arrays', () => {
    const params = value(
      request(
        [
          '$seam->x->y(',
          '  i: 20, f: 20.5, neg: -4, exp: 1e3, hex: 0x1F, oct: 017, bin: 0b101, sep: 1_000,',
          '  t: TRUE, f2: false, n: Null,',
          '  list: ["a", "b",],',
          '  map: ["starts_at" => "2024-11-01T15:00:00.000Z", "ends_at" => "x"],',
          '  old: array("k" => array(1, 2)),',
          '  keyed_list: [0 => "a", "1" => "b"],',
          '  sparse: [1 => "a"],',
          '  mixed: ["a", "k" => "v"],',
          '  empty: [],',
          ');',
        ].join('\n'),
      ),
    ).params;
    expect(params).toEqual({
      i: 20,
      f: 20.5,
      neg: -4,
      exp: 1000,
      hex: 31,
      oct: 15,
      bin: 5,
      sep: 1000,
      t: true,
      f2: false,
      n: null,
      list: ['a', 'b'],
      map: { starts_at: '2024-11-01T15:00:00.000Z', ends_at: 'x' },
      old: { k: [1, 2] },
      keyed_list: ['a', 'b'],
      sparse: { '1': 'a' },
      mixed: { '0': 'a', k: 'v' },
      empty: [],
    });
  });

  it('notes a missing ; at the end of the call, where PHP would stop', () => {
    const result = request('<?php\n$seam->devices->get(device_id: "d1")');
    expect(value(result)).toEqual({ path: '/devices/get', params: { device_id: 'd1' } });
    expect(result.notes).toEqual([
      {
        rule: 'snippet-invalid-in-language',
        severity: 'warning',
        line: FENCE + 2,
        column: 37,
        message: "missing ';' after the call: PHP stops with a parse error (unexpected end of file)",
      },
    ]);
  });

  it('takes a closing ?> as the end of the statement', () => {
    const result = request('<?php\n$seam->devices->list() ?>');
    expect(value(result)).toEqual({ path: '/devices/list', params: {} });
    expect(result.notes).toEqual([]);
  });

  it('reports a positional argument at its file position', () => {
    expect(error(request('<?php\n$seam->devices->get("d1");'))).toEqual({
      line: FENCE + 2,
      column: 21,
      message: 'php request: expected a named argument `name: value` in $seam->devices->get(…), found a string',
    });
  });

  it('reports a call without a $receiver', () => {
    expect(error(request('seam->devices->get();'))).toEqual({
      line: FENCE + 1,
      column: 1,
      message: 'php request: expected a client call like `$seam->devices->get(…)`, found `seam`',
    });
  });

  it('reports an unterminated string where the snippet ends, naming where it opened', () => {
    expect(error(request('$seam->devices->get(\n  device_id: "d1\n);'))).toEqual({
      line: FENCE + 3,
      column: 3,
      message: `php request: expected a closing " for the string opened at ${FENCE + 2}:14, found end of snippet`,
    });
  });

  it('reports an unclosed array, in a fence indented inside a list', () => {
    const e = error(request('$seam->x->y(\n  ids: ["a" "b"]\n);', 3));
    expect(e).toEqual({
      line: FENCE + 2,
      column: 3 + 3 + 10,
      message: `php request: expected ',' or ']' in the array opened at ${FENCE + 2}:11, found a string`,
    });
  });

  it('reports an interpolated variable in a double-quoted string', () => {
    expect(error(request('$seam->x->y(name: "hi $name");'))).toMatchObject({
      line: FENCE + 1,
      column: 23,
      message: expect.stringContaining('found an interpolated variable'),
    });
  });

  it('reports a second statement', () => {
    expect(error(request('$seam->x->y();\n$seam->x->z();'))).toEqual({
      line: FENCE + 2,
      column: 1,
      message: 'php request: expected the end of the snippet after the call (one call per request), found `$`',
    });
  });

  it('reports a repeated named argument', () => {
    expect(error(request('$seam->x->y(a: 1, a: 2);'))).toEqual({
      line: FENCE + 1,
      column: 19,
      message: 'php request: named argument `a` repeated in $seam->x->y(…)',
    });
  });
});

describe('php response reader', () => {
  it('reads null (any case, with or without ;), an empty fence and a bare <?php as void', () => {
    for (const code of ['null', '<?php\nNULL;', '', '<?php\n']) expect(value(response(code))).toEqual({ kind: 'void' });
  });

  it('reads an associative array as an object and a list of them as a list', () => {
    expect(value(response('<?php\n[\n    "action_attempt_id" => "a1",\n    "status" => "pending",\n    "error" => null,\n];'))).toEqual({
      kind: 'json',
      json: { action_attempt_id: 'a1', status: 'pending', error: null },
    });
    expect(value(response('<?php\n[["acs_system_id" => "s1"]];'))).toEqual({ kind: 'json', json: [{ acs_system_id: 's1' }] });
  });

  it('reads a value split over lines after => and nested arrays', () => {
    const json = value(
      response('[\n  "device_name" =>\n      "enterprises/x",\n  "appearance" => ["name" => ""],\n  "modes" => ["heat", "cool"],\n];'),
    );
    expect(json).toEqual({ kind: 'json', json: { device_name: 'enterprises/x', appearance: { name: '' }, modes: ['heat', 'cool'] } });
  });

  it('reads [] as an empty list, at the top and nested', () => {
    expect(value(response('[];'))).toEqual({ kind: 'json', json: [] });
    expect(value(response('["custom_metadata" => [], "errors" => []];'))).toEqual({ kind: 'json', json: { custom_metadata: [], errors: [] } });
  });

  it('reports a missing value with its position', () => {
    expect(error(response('<?php\n[\n    "status" => ,\n];'))).toEqual({
      line: FENCE + 3,
      column: 17,
      message: 'php response: expected a value (string, number, true/false/null or array), found `,`',
    });
  });

  it('reports text after the value', () => {
    expect(error(response('["a" => 1]; extra'))).toEqual({
      line: FENCE + 1,
      column: 13,
      message: 'php response: expected the end of the response after the value, found `extra`',
    });
  });
});

describe('php display artefact', () => {
  const artefact = artefactFor('php')!;
  it('names an empty object printed as []', () => {
    expect(artefact({}, [])).toMatch(/PHP prints an empty object as \[\]/);
  });
  it('names nothing else', () => {
    expect(artefact([], {})).toBeNull();
    expect(artefact({ a: 1 }, [])).toBeNull();
    expect(artefact({}, undefined)).toBeNull();
  });
});
