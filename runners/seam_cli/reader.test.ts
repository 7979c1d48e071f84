import { describe, expect, it } from 'vitest';
import { reader } from './reader.ts';
import { artefactFor } from '../registry.ts';
import { makeBlock } from '../../test/helpers/block.ts';
import { readError as error, readValue as value } from '../../test/helpers/read.ts';

const FENCE = 40; // the ``` line; the snippet's line n is file line FENCE + n



const request = (code: string, indent = 0) => reader.readRequest(makeBlock(code, FENCE, 'seam_cli', indent));
const response = (code: string) => reader.readResponse(makeBlock(code, FENCE, 'seam_cli'));

describe('seam_cli request reader', () => {
  it('reads command words as the path and flags as parameters', () => {
    const result = request('seam acs access-groups add-user --acs_access_group_id "g1" --acs_user_id "u1"');
    expect(value(result)).toEqual({ path: '/acs/access_groups/add_user', params: { acs_access_group_id: 'g1', acs_user_id: 'u1' } });
    expect(result.notes).toEqual([]);
  });

  it('reads access-codes and access_codes, --device-id and --device_id alike', () => {
    const a = value(request('seam access-codes get --access-code-id "c1"'));
    const b = value(request('seam access_codes get --access_code_id "c1"'));
    expect(a).toEqual({ path: '/access_codes/get', params: { access_code_id: 'c1' } });
    expect(b).toEqual(a);
  });

  it('types values as the docs write them: quoted strings, bare numbers, booleans, null and words', () => {
    const params = value(
      request(`seam x y --s "a b" --sq 'it is' --i 25 --f 20.5 --neg -4 --t true --f2 false --n null --mode auto --code "7890" --dry --last`),
    ).params;
    expect(params).toEqual({
      s: 'a b',
      sq: 'it is',
      i: 25,
      f: 20.5,
      neg: -4,
      t: true,
      f2: false,
      n: null,
      mode: 'auto',
      code: '7890',
      dry: true,
      last: true,
    });
  });

  it('reads --flag=value, repeated flags as a list, and quoted JSON as JSON', () => {
    const params = value(request(`seam x y --name="Front Door" --id a --id b --id c --schedule '{"starts_at": "s"}' --ids '["a"]'`)).params;
    expect(params).toEqual({ name: 'Front Door', id: ['a', 'b', 'c'], schedule: { starts_at: 's' }, ids: ['a'] });
  });

  it('follows \\ line continuations', () => {
    expect(value(request('seam devices get \\\n  --device_id "d1"'))).toEqual({ path: '/devices/get', params: { device_id: 'd1' } });
  });

  it('reads an unquoted JSON object JSON-aware and notes that a shell would brace-expand it', () => {
    const code = 'seam acs users create --full_name "Jane Doe" --access_schedule {"starts_at":"2024-11-01T15:00:00.000Z","ends_at":"2024-11-04T11:00:00.000Z"}';
    const result = request(code);
    expect(value(result).params).toEqual({
      full_name: 'Jane Doe',
      access_schedule: { starts_at: '2024-11-01T15:00:00.000Z', ends_at: '2024-11-04T11:00:00.000Z' },
    });
    expect(result.notes).toEqual([
      {
        rule: 'cli-shell-unsafe',
        severity: 'warning',
        line: FENCE + 1,
        column: code.indexOf('{') + 1,
        end: { line: FENCE + 1, column: code.length + 1 },
        message:
          'unquoted JSON value: a shell would brace-expand `{…,…}` into separate words and remove its double quotes, so `seam` would not receive this JSON; wrap it in single quotes',
        // The fix the message asks for: a single quote on each side of the JSON.
        fix: [
          { start: { line: FENCE + 1, column: code.indexOf('{') + 1 }, end: { line: FENCE + 1, column: code.indexOf('{') + 1 }, before: '', after: "'" },
          { start: { line: FENCE + 1, column: code.length + 1 }, end: { line: FENCE + 1, column: code.length + 1 }, before: '', after: "'" },
        ],
      },
    ]);
  });

  it('reads an unquoted JSON array, spaces included, and says a shell would split and glob it', () => {
    const code = 'seam acs credentials create --allowed_acs_entrance_ids ["e1", "e2"] --is_multi_phone_sync_credential true';
    const result = request(code);
    expect(value(result).params).toEqual({ allowed_acs_entrance_ids: ['e1', 'e2'], is_multi_phone_sync_credential: true });
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatchObject({ line: FENCE + 1, column: code.indexOf('[') + 1, rule: 'cli-shell-unsafe' });
    expect(result.notes[0].message).toBe(
      'unquoted JSON value: a shell would split it into several words at its spaces, match `[…]` against file names (a glob pattern) and remove its double quotes, so `seam` would not receive this JSON; wrap it in single quotes',
    );
  });

  it('reads JSON after --flag= too', () => {
    const result = request('seam x y --ids=[1,2]');
    expect(value(result).params).toEqual({ ids: [1, 2] });
    expect(result.notes[0]).toMatchObject({ column: 16, message: expect.stringContaining('match `[…]` against file names') });
  });

  it('notes globs and expansions in plain words and double quotes, at the word', () => {
    const result = request('seam x y --name * --home $HOME --greeting "hi $USER"');
    expect(value(result).params).toEqual({ name: '*', home: '$HOME', greeting: 'hi $USER' });
    expect(result.notes.map((n) => [n.column, n.message])).toEqual([
      [17, 'unquoted value: a shell would match `*` against file names (a glob pattern), so `seam` would receive something else; wrap it in single quotes'],
      [26, 'unquoted value: a shell would expand `$HOME`, so `seam` would receive something else; wrap it in single quotes'],
      [43, 'value: a shell would expand `$USER`, so `seam` would receive something else; wrap it in single quotes'],
    ]);
  });

  it('reports a command that is not seam', () => {
    expect(error(request('curl x'))).toEqual({ line: FENCE + 1, column: 1, message: 'seam_cli request: expected the command to start with `seam`, found `curl`' });
  });

  it('reports a missing command word', () => {
    expect(error(request('seam --device_id "d1"'))).toEqual({
      line: FENCE + 1,
      column: 6,
      message: 'seam_cli request: expected the command words after `seam` (`seam devices get`), found `--device_id`',
    });
  });

  it('reports a value without a flag', () => {
    expect(error(request('seam devices get --device_id "d1" "d2"'))).toEqual({
      line: FENCE + 1,
      column: 35,
      message: 'seam_cli request: expected a `--flag` (values follow their flag), found `"d2"`',
    });
  });

  it('reports invalid JSON at the exact character, in an indented fence', () => {
    expect(error(request('seam x y \\\n  --ids ["a",]', 2))).toEqual({
      line: FENCE + 2,
      column: 2 + 14,
      message: 'seam_cli request: expected a JSON value, found `]`',
    });
  });

  it('reports a JSON value run into the next word', () => {
    expect(error(request('seam x y --a {"x":1}y'))).toEqual({
      line: FENCE + 1,
      column: 21,
      message: `seam_cli request: expected a space after the JSON value that starts at ${FENCE + 1}:14, found \`y\``,
    });
  });

  it('reports an unterminated quote and a second command', () => {
    expect(error(request('seam x y --name "Front'))).toEqual({
      line: FENCE + 1,
      column: 23,
      message: `seam_cli request: expected a closing " for the quote opened at ${FENCE + 1}:17, found end of snippet`,
    });
    expect(error(request('seam x y\nseam x z'))).toEqual({
      line: FENCE + 2,
      column: 1,
      message: 'seam_cli request: expected one command (a request is one call), found a second line',
    });
  });

  it('reports an empty request', () => {
    expect(error(request(''))).toMatchObject({ line: FENCE + 1, column: 1, message: expect.stringContaining('found end of snippet') });
  });
});

describe('seam_cli response reader', () => {
  it('reads the unwrapped resource as JSON', () => {
    expect(value(response('{\n  "action_attempt_id": "a1",\n  "status": "pending"\n}'))).toEqual({
      kind: 'json',
      json: { action_attempt_id: 'a1', status: 'pending' },
    });
    expect(value(response('[{ "acs_system_id": "s1" }]'))).toEqual({ kind: 'json', json: [{ acs_system_id: 's1' }] });
    expect(value(response('[]'))).toEqual({ kind: 'json', json: [] });
  });

  it('reads {} (how the CLI prints void) and an empty fence as void', () => {
    for (const code of ['{}', '{ }\n', '']) expect(value(response(code))).toEqual({ kind: 'void' });
  });

  it('keeps a nested {} as an empty object', () => {
    expect(value(response('{"custom_metadata": {}}'))).toEqual({ kind: 'json', json: { custom_metadata: {} } });
  });

  it('reports a trailing comma at its file position', () => {
    expect(error(response('{\n  "a": 1,\n}'))).toEqual({
      line: FENCE + 3,
      column: 1,
      message: `seam_cli response: expected a double-quoted key in the object opened at ${FENCE + 1}:1, found \`}\``,
    });
  });

  it('reports a missing comma and text after the value', () => {
    expect(error(response('[\n  "a"\n  "b"\n]'))).toEqual({
      line: FENCE + 3,
      column: 3,
      message: `seam_cli response: expected ',' or ']' in the array opened at ${FENCE + 1}:1, found a string`,
    });
    expect(error(response('{"a": 1} {"b": 2}'))).toMatchObject({ line: FENCE + 1, column: 10 });
  });

  it('reports a line break inside a string', () => {
    expect(error(response('{"a": "x\ny"}'))).toEqual({
      line: FENCE + 1,
      column: 9,
      message: `seam_cli response: unterminated string (opened at ${FENCE + 1}:7): a line break must be written \\n`,
    });
  });
});

describe('seam_cli display artefact', () => {
  const artefact = artefactFor('seam_cli')!;
  it('names an empty object that reads as void', () => {
    expect(artefact({}, undefined)).toMatch(/CLI prints an empty object as \{\}/);
  });
  it('names nothing else', () => {
    expect(artefact([], undefined)).toBeNull();
    expect(artefact({}, null)).toBeNull();
  });
});
