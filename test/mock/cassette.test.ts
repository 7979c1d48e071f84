import { describe, expect, it } from 'vitest';
import { cassetteFileFor, formatCassette, pageOfExample, parseCassette, type Definition } from '../../harness/mock/cassette.ts';
import { mergeDefinitions } from '../../harness/mock/store.ts';
import { def } from './helpers.ts';

describe('cassette format', () => {
  it('writes fixed field order, sorted keys, 2-space indent and a trailing newline', () => {
    const text = formatCassette([
      { response: { b: 1, a: { d: 2, c: 3 } }, status: 200, body: { z: 1, a: [{ y: 1, x: 2 }] }, path: '/p', method: 'POST', scope: 's', example: 'e.md#1' } as Definition,
    ]);
    expect(text).toBe(
      [
        '[',
        '  {',
        '    "example": "e.md#1",',
        '    "scope": "s",',
        '    "method": "POST",',
        '    "path": "/p",',
        '    "body": {',
        '      "a": [',
        '        {',
        '          "x": 2,',
        '          "y": 1',
        '        }',
        '      ],',
        '      "z": 1',
        '    },',
        '    "status": 200,',
        '    "response": {',
        '      "a": {',
        '        "c": 3,',
        '        "d": 2',
        '      },',
        '      "b": 1',
        '    }',
        '  }',
        ']',
        '',
      ].join('\n'),
    );
    expect(formatCassette(parseCassette(text, 'x.json').definitions)).toBe(text);
  });

  it('reads nock recorder output: JSON bodies as strings, query in the path', () => {
    const { definitions, errors } = parseCassette(
      JSON.stringify([{ scope: 'https://connect.getseam.com:443', method: 'get', path: '/devices/list?limit=5', body: '', status: 200, response: '{"devices":[]}' }]),
      'n.json',
    );
    expect(errors).toEqual([]);
    expect(definitions[0]).toMatchObject({ method: 'GET', path: '/devices/list?limit=5', body: {}, response: { devices: [] } });
  });

  it('names the file, line and JSON path of what is wrong, and keeps the rest', () => {
    const text = ['[', '  {"scope": "s", "method": "POST", "path": "/ok"},', '  {"scope": "s", "method": 5, "path": "/x"},', '  {"scope": "s", "method": "POST", "path": "/y",', '   "body": [1]}', ']'].join('\n');
    const { definitions, errors } = parseCassette(text, 'rec/a.json');
    expect(definitions.map((d) => d.path)).toEqual(['/ok']);
    expect(errors.map((e) => e.message)).toEqual(['rec/a.json:3: $[1].method: expected a string', 'rec/a.json:4: $[2].body: expected an object of request parameters']);
    expect(parseCassette('{"a": 1}', 'b.json').errors[0].message).toBe('b.json: $: expected an array of recordings');
    expect(parseCassette('[\n  {"a": 1,}\n]', 'c.json').errors[0].message).toMatch(/^c\.json:2: not valid JSON: /);
  });

  it('files an example under its page', () => {
    expect(pageOfExample('acs/users/get.md#12')).toBe('acs/users/get.md');
    expect(cassetteFileFor('acs/users/get.md')).toBe('acs/users/get.json');
  });

  it('merges re-recorded examples into a cassette, in example order', () => {
    const existing = [def('p.md#2', '/a', {}, 'old2'), def('p.md#10', '/a', {}, 'old10')];
    const fresh = new Map([
      ['p.md#2', [def('p.md#2', '/a', {}, 'new2')]],
      ['p.md#1', [def('p.md#1', '/a', {}, 'new1')]],
    ]);
    expect(mergeDefinitions(existing, fresh, 'add').map((d) => d.response)).toEqual(['new1', 'old2', 'old10']);
    expect(mergeDefinitions(existing, fresh, 'replace').map((d) => d.response)).toEqual(['new1', 'new2', 'old10']);
  });
});
