import { describe, expect, it } from 'vitest';
import type { RunJob } from '../../harness/run/types.ts';
import { prepareSnippet } from '../../runners/javascript/snippet.ts';
import { cliArgv } from '../../runners/seam_cli/argv.ts';
import { decodeCliOutput } from '../../runners/seam_cli/output.ts';
import { makeEntrySource } from '../../runners/seam_cli/entry.ts';
import { decodeCurlBody, splitResponse } from '../../runners/curl/output.ts';
import { makeBlock } from '../helpers/block.ts';

const jobWith = (responseKey?: string | null): RunJob => {
  const block = makeBlock('seam x', 10);
  return {
    sample: { id: 's', language: 'seam_cli', supported: true, title: 't', request: block, response: block, position: block.position },
    exampleId: 'a.md#1',
    baseUrl: 'http://127.0.0.1:1/__example/a',
    responseKey,
  };
};

const SEAM_NAMES = { variable: 'seam', className: 'Seam' };

describe('javascript snippet wrapping', () => {
  it('returns the value of the last statement and maps V8 positions back to the snippet', () => {
    const block = makeBlock('await seam.devices.get({\n  device_id: "d",\n});', 30);
    const prepared = prepareSnippet(block, SEAM_NAMES);
    if (!prepared.ok) throw new Error('expected a snippet');
    expect(prepared.source).toBe('(async function (seam, Seam) {\nreturn await seam.devices.get({\n  device_id: "d",\n});\n})');
    // V8's line 2 is the snippet's first; a column after the inserted `return ` shifts back.
    expect(prepared.map?.(2, 14)).toEqual({ line: 1, column: 7 });
    expect(prepared.map?.(3, 3)).toEqual({ line: 2, column: 3 });
    expect(prepared.map?.(1, 1)).toBeNull();
    expect(prepared.fallback).toEqual({ line: 1, column: 1 });
  });

  it('keeps earlier statements and returns nothing when the last is not an expression', () => {
    const prepared = prepareSnippet(makeBlock('const x = await seam.devices.list();'), SEAM_NAMES);
    expect(prepared.ok && prepared.source).not.toMatch(/return/);
  });

  it('reports a syntax error at its markdown position', () => {
    expect(prepareSnippet(makeBlock('await seam.devices.get({ device_id: "d" );', 5, null, 2), SEAM_NAMES)).toEqual({
      ok: false,
      // The `)` is the snippet's 41st character; the fence is indented by 2.
      error: { message: 'SyntaxError: Unexpected token', line: 6, column: 43 },
    });
  });
});

describe('seam_cli argv', () => {
  it('reads quotes, numbers, booleans and unquoted JSON without a shell', () => {
    const argv = cliArgv(makeBlock('seam acs users create --full_name "Jane Doe" --n 20 --x true --access_schedule {"starts_at":"2024-11-01T15:00:00.000Z"} --ids ["a","b"]'));
    expect(argv).toMatchObject({
      ok: true,
      value: ['acs', 'users', 'create', '--full_name', 'Jane Doe', '--n', '20', '--x', 'true', '--access_schedule', '{"starts_at":"2024-11-01T15:00:00.000Z"}', '--ids', '["a","b"]'],
    });
  });

  it('refuses a line that is not a seam command', () => {
    expect(cliArgv(makeBlock('npx seam devices list', 3))).toMatchObject({ ok: false, error: { line: 4, column: 1 } });
  });
});

describe('seam_cli output', () => {
  const out = (stdout: string, exitCode = 0, stderr = '') => ({ stdout, stderr, exitCode });
  it('unwraps by the response key and drops pagination', () => {
    expect(decodeCliOutput(jobWith('devices'), out('{"devices":[{"a":1}],"pagination":{"has_next_page":false}}'))).toEqual({
      ok: true,
      value: { kind: 'json', json: [{ a: 1 }] },
    });
    expect(decodeCliOutput(jobWith(undefined), out('{"device":{"a":1}}'))).toEqual({ ok: true, value: { kind: 'json', json: { a: 1 } } });
  });
  it('reads {} as void', () => {
    expect(decodeCliOutput(jobWith(null), out('{}\n'))).toEqual({ ok: true, value: { kind: 'void' } });
  });
  it('reads the mock miss and other API errors', () => {
    const miss = '{"error":{"type":"doc_harness_unmatched_request","message":"no match"}}';
    expect(decodeCliOutput(jobWith('device'), out(miss, 1))).toMatchObject({ ok: false, error: { kind: 'unmatched', message: 'no match', line: 11 } });
    expect(decodeCliOutput(jobWith('device'), out('{"error":{"type":"invalid_input","message":"bad"}}', 1))).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: 'seam exited with code 1: invalid_input: bad' },
    });
    expect(decodeCliOutput(jobWith('device'), out('', 1, 'Missing required parameter for /x: --y\n'))).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: 'seam exited with code 1: Missing required parameter for /x: --y' },
    });
  });
});

describe('seam_cli in-process entry', () => {
  it('turns the bin’s final call into an export and changes nothing else', () => {
    const bin = 'const run = async (argv) => {};\nrun(process.argv.slice(2)).catch((e) => {\n    report(e);\n});\n';
    expect(makeEntrySource(bin)).toBe('const run = async (argv) => {};\nexport const runCli = (argv) => run(argv).catch((e) => {\n    report(e);\n});\n');
    expect(makeEntrySource('main();\n')).toBeUndefined();
  });
});

describe('curl output', () => {
  it('finds the final status after a 100 Continue, and the body after the headers', () => {
    expect(splitResponse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nx: y\r\n\r\n{"a":1}')).toEqual({ status: 201, body: '{"a":1}' });
    expect(splitResponse('HTTP/1.1 200 OK\r\n\r\n')).toEqual({ status: 200, body: '' });
    expect(splitResponse('')).toEqual({ status: undefined, body: '' });
  });
  it('keeps the wrapping key beside the resource, and reads {"ok":true} as void', () => {
    expect(decodeCurlBody(jobWith('device'), 200, '{"device":{"a":1},"ok":true}')).toEqual({ ok: true, value: { kind: 'json', json: { a: 1 }, key: 'device' } });
    expect(decodeCurlBody(jobWith(null), 200, '{"ok":true}')).toEqual({ ok: true, value: { kind: 'void' } });
  });
});

describe('engine notes', () => {
  it('says nothing when the SDK declares a minimum Node that is met, and says it when not', async () => {
    const { engineNotes, meetsMinimum } = await import('../../harness/run/install/npm.ts');
    expect(meetsMinimum('>=20.9.0', '20.20.2')).toBe(true);
    expect(meetsMinimum('>=22.12.0', '20.20.2')).toBe(false);
    expect(meetsMinimum('^20 || >=22', '20.20.2')).toBeUndefined();
    const installed = (node: string) => ({ ok: true as const, dir: '/x', version: '1.0.0', engines: { node } });
    expect(engineNotes('seam', installed('>=20.9.0'), '20.20.2')).toEqual([]);
    expect(engineNotes('seam', installed('>=22.12.0'), '20.20.2')).toEqual(['seam 1.0.0 declares node >=22.12.0; running on Node 20.20.2']);
  });
});
