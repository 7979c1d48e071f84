import { describe, expect, it } from 'vitest';
import { reader } from './reader.ts';
import { makeBlock } from '../../test/helpers/block.ts';
import { readError as error, readValue as value } from '../../test/helpers/read.ts';

// The corpus on disk has no cURL tabs: these snippets follow the generation 2-3 form that
// shared/notes/doc-formats.md describes, written for these tests.
const FENCE = 60; // the ``` line; the snippet's line n is file line FENCE + n



const request = (code: string, indent = 0) => reader.readRequest(makeBlock(code, FENCE, 'curl', indent));
const response = (code: string) => reader.readResponse(makeBlock(code, FENCE, 'curl'));

const docsForm = (path: string, body: string[]) =>
  [
    `curl --include --request POST "https://connect.getseam.com${path}" \\`,
    '  --header "Authorization: Bearer $SEAM_API_KEY" \\',
    '  --json @- <<EOF',
    ...body,
    'EOF',
  ].join('\n');

describe('curl request reader', () => {
  it('reads the docs form: URL path and the here-document JSON body', () => {
    const result = request(
      docsForm('/thermostats/heat', ['{', '  "device_id": "123e4567-e89b-12d3-a456-426614174000",', '  "heating_set_point_celsius": 20', '}']),
    );
    expect(value(result)).toEqual({
      path: '/thermostats/heat',
      params: { device_id: '123e4567-e89b-12d3-a456-426614174000', heating_set_point_celsius: 20 },
    });
    expect(result.notes).toEqual([]);
  });

  it('reads a request without a body', () => {
    const code = 'curl --include --request POST "https://connect.getseam.com/devices/list" \\\n  --header "Authorization: Bearer $SEAM_API_KEY"';
    expect(value(request(code))).toEqual({ path: '/devices/list', params: {} });
  });

  it('reads -X, -H and an inline -d or --data body, quoted either way', () => {
    expect(value(request(`curl -X POST https://connect.getseam.com/locks/unlock_door -H 'Content-Type: application/json' -d '{"device_id": "d1"}'`))).toEqual({
      path: '/locks/unlock_door',
      params: { device_id: 'd1' },
    });
    expect(value(request(`curl -XPOST "https://connect.getseam.com/locks/get" --data "{\\"device_id\\": \\"d1\\"}"`))).toEqual({
      path: '/locks/get',
      params: { device_id: 'd1' },
    });
  });

  it('merges query parameters and reads an endpoint given by a variable', () => {
    expect(value(request(`curl "$SEAM_ENDPOINT/access_codes/list?device_id=d1&limit=5" --json '{"user_identifier_key": "k"}'`))).toEqual({
      path: '/access_codes/list',
      params: { device_id: 'd1', limit: '5', user_identifier_key: 'k' },
    });
  });

  it('reads a quoted here-document delimiter and <<- with tab-indented lines', () => {
    const code = ['curl -X POST https://connect.getseam.com/devices/get \\', "  --json @- <<-'END'", '\t{"device_id": "d1"}', '\tEND'].join('\n');
    expect(value(request(code))).toEqual({ path: '/devices/get', params: { device_id: 'd1' } });
  });

  it('notes an unquoted URL whose & a shell would take as the end of the command', () => {
    const result = request('curl https://connect.getseam.com/devices/list?limit=5&page=2');
    expect(value(result)).toEqual({ path: '/devices/list', params: { limit: '5', page: '2' } });
    expect(result.notes).toEqual([
      {
        rule: 'cli-shell-unsafe',
        severity: 'warning',
        line: FENCE + 1,
        column: 6,
        message: 'unquoted word: a shell would match `?` against file names (a glob pattern) and end the command at `&`; wrap it in quotes',
      },
    ]);
  });

  it('reports a JSON error inside the here-document at its file position', () => {
    const e = error(request(docsForm('/devices/get', ['{', '  "device_id": "d1",', '}'])));
    expect(e).toEqual({
      line: FENCE + 6,
      column: 1,
      message: `curl request body: expected a double-quoted key in the object opened at ${FENCE + 4}:1, found \`}\``,
    });
  });

  it('reports a JSON error inside a single-quoted body, in an indented fence', () => {
    expect(error(request(`curl https://connect.getseam.com/devices/get -d '{"device_id": d1}'`, 4))).toEqual({
      line: FENCE + 1,
      column: 4 + 64,
      message: 'curl request body: expected a JSON value, found `d1`',
    });
  });

  it('reports a command that is not curl, a missing URL and a missing here-document', () => {
    expect(error(request('wget https://x/y'))).toEqual({ line: FENCE + 1, column: 1, message: 'curl request: expected the command to start with `curl`, found `wget`' });
    expect(error(request('curl --request POST'))).toMatchObject({ message: 'curl request: expected the request URL, found end of command' });
    expect(error(request('curl https://x/y --json @-'))).toEqual({
      line: FENCE + 1,
      column: 18,
      message: 'curl request: expected a here-document (`<<EOF`) to feed `--json @-`, found none',
    });
  });

  it('reports a here-document that never ends', () => {
    expect(error(request('curl https://x/y --json @- <<EOF\n{}\n'))).toEqual({
      line: FENCE + 1,
      column: 28,
      message: 'curl request: expected a line `EOF` to end the here-document opened here, found end of snippet',
    });
  });

  it('reports a body that is not an object, and a body read from a file', () => {
    expect(error(request(`curl https://x/y -d '["a"]'`))).toMatchObject({ message: 'curl request body: expected a JSON object of parameters, found an array' });
    expect(error(request('curl https://x/y -d @body.json'))).toMatchObject({
      column: 18,
      message: 'curl request: expected the body inline or from a here-document, found the file `@body.json`',
    });
  });
});

describe('curl response reader', () => {
  it('unwraps the single top-level key and keeps it', () => {
    expect(value(response('{\n  "action_attempt": {\n    "action_attempt_id": "a1",\n    "status": "pending"\n  }\n}'))).toEqual({
      kind: 'json',
      json: { action_attempt_id: 'a1', status: 'pending' },
      key: 'action_attempt',
    });
    expect(value(response('{"devices": [{"device_id": "d1"}]}'))).toEqual({ kind: 'json', json: [{ device_id: 'd1' }], key: 'devices' });
  });

  it('reads {} (and an envelope without a resource) as void', () => {
    for (const code of ['{}', '{ "ok": true }', '']) expect(value(response(code))).toEqual({ kind: 'void' });
  });

  it('unwraps past the envelope fields ok and pagination', () => {
    expect(value(response('{"access_codes": [], "pagination": {"has_next_page": false}, "ok": true}'))).toEqual({
      kind: 'json',
      json: [],
      key: 'access_codes',
    });
  });

  it('reads a body that does not wrap one key as shown, with a note', () => {
    const result = response('{"device": {}, "lock": {}}');
    expect(value(result)).toEqual({ kind: 'json', json: { device: {}, lock: {} } });
    expect(result.notes).toEqual([
      {
        rule: 'curl-response-unwrapped',
        severity: 'warning',
        line: FENCE + 1,
        column: 1,
        message: 'expected the body to wrap the resource in one key, found 2: device, lock; compared as shown',
      },
    ]);
    expect(response('[1]').notes[0]).toMatchObject({ rule: 'curl-response-unwrapped', message: expect.stringContaining('found an array') });
  });

  it('reports invalid JSON at its position', () => {
    expect(error(response('{\n  "device": {"device_id": "d1",}\n}'))).toEqual({
      line: FENCE + 2,
      column: 32,
      message: `curl response: expected a double-quoted key in the object opened at ${FENCE + 2}:13, found \`}\``,
    });
  });
});
