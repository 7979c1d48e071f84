// Hostile JavaScript snippets, each its own example on one page, all in ONE run (one batch per
// language): each gets its own clear verdict at its own markdown position, and the well-behaved
// examples before and after them, and every other tab of the hostile examples, still pass.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../harness/engine/engine.ts';
import { lineWith, pageLines, resultOf, runFixtures, enginePath, shownPath } from './helpers.ts';

const TIMEOUT_MS = 3000;
const PAGE = ['hostile', 'devices', 'get.md'];
const lines = pageLines(...PAGE);

let run: TestRun;
beforeAll(async () => {
  run = await runFixtures([enginePath('hostile')], { timeoutMs: TIMEOUT_MS });
}, 120_000);

const js = (title: string) => resultOf(run, title, 'javascript');

describe('hostile JavaScript snippets in one batch', () => {
  it('gives every sample exactly one result, none of them a harness failure', () => {
    // devices/get.md: 9 examples, JavaScript and Seam CLI in each, cURL in the first and the last;
    // locks/get.md: one example with a JavaScript and a TypeScript tab.
    expect(run.results).toHaveLength(22);
    expect(new Set(run.results.map((r) => `${r.exampleId} ${r.tab}`)).size).toBe(22);
    expect(run.results.filter((r) => r.error?.kind === 'harness')).toEqual([]);
    expect(run.summary).toMatchObject({ total: 22, pass: 14, fail: 0, error: 8, skip: 0 });
    // Three examples replay the pages' cassettes; the others' recordings are derived from their tabs.
    expect(run.summary.recordings).toMatchObject({ loaded: 3, derived: 7, missing: 0 });
  });

  it('passes the well-behaved examples before and after the hostile ones, in every language', () => {
    for (const title of ['The porch lock', 'The back door, after all of the above']) {
      for (const language of ['javascript', 'seam_cli', 'curl']) {
        expect(resultOf(run, title, language), `${title} ${language}`).toMatchObject({ verdict: 'pass', file: shownPath(...PAGE) });
      }
    }
    // The CLI tab of every hostile example ran in the same CLI batch, and passed.
    const cli = run.results.filter((r) => r.language === 'seam_cli' && r.file === shownPath(...PAGE));
    expect(cli.map((r) => r.verdict)).toEqual(Array(9).fill('pass'));
  });

  it('an infinite loop is killed at the timeout, at its line', () => {
    const result = js('A loop that never ends');
    const line = lineWith(lines, 'while (true) {}');
    expect(result).toMatchObject({
      verdict: 'error',
      line,
      reason: `timeout: did not finish within ${TIMEOUT_MS} ms; stopped`,
      error: { kind: 'timeout', message: `did not finish within ${TIMEOUT_MS} ms; stopped`, line, column: 1 },
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it('process.exit ends its own sample only, as a runtime error at the call', () => {
    const line = lineWith(lines, 'process.exit(3);');
    expect(js('A snippet that exits')).toMatchObject({
      verdict: 'error',
      reason: 'runtime: the snippet called process.exit(3)',
      error: { kind: 'runtime', message: 'the snippet called process.exit(3)', line, column: lines[line].indexOf('exit') + 1 },
    });
  });

  it('a throw is a runtime error with its message, at the throwing line', () => {
    const line = lineWith(lines, 'throw new Error(reason);');
    expect(js('A snippet that throws')).toMatchObject({
      verdict: 'error',
      reason: 'runtime: Error: the side gate is not paired',
      error: { kind: 'runtime', message: 'Error: the side gate is not paired', line, column: lines[line].indexOf('new Error') + 1 },
    });
  });

  it('a syntax error points at the offending token, by markdown line and column', () => {
    const line = lineWith(lines, '"9a6b3e1d-4c0f-4d72-a8b5-e1f3c7d2906b" }));');
    const result = js('A snippet that does not parse');
    expect(result).toMatchObject({
      verdict: 'error',
      line: line - 1,
      // The second `)` of `}));` is the one too many.
      error: { kind: 'syntax', line, column: lines[line].indexOf('}));') + 3 },
    });
    expect(result.error?.message).toMatch(/^SyntaxError: Unexpected token/);
    // It never ran: nothing reached the mock.
    expect(result.requests).toEqual([]);
  });

  it('a request with parameters the recording does not hold is unmatched, with the mock’s field diff', () => {
    const result = js('A device the recording does not hold');
    const diff =
      'params.device_id: recorded "2d8c5f7a-1b3e-4f60-9a2d-7e4b1c0f5a38", received "ffffffff-0000-4000-8000-00000000dead"';
    expect(result.verdict).toBe('error');
    expect(result.error?.kind).toBe('unmatched');
    expect(result.error?.message).toContain('closest is POST /devices/get (devices/get.md#6)');
    expect(result.error?.message).toContain(diff);
    expect(result.reason).toBe(`unmatched: ${result.error?.message}`);
    expect(result.line).toBe(lineWith(lines, '"ffffffff-0000-4000-8000-00000000dead"'));
    // The request as the mock saw it, with the same explanation.
    expect(result.requests).toHaveLength(1);
    expect(result.requests[0]).toMatchObject({ path: '/devices/get', matched: false, status: 404 });
    expect(result.requests[0].miss).toContain(diff);
    // The CLI tab of the same example sent what was recorded.
    expect(resultOf(run, 'A device the recording does not hold', 'seam_cli')).toMatchObject({
      verdict: 'pass',
      requests: [{ path: '/devices/get', matched: true, status: 200 }],
    });
  });

  it('a call to a route the recording does not hold is unmatched, naming both routes', () => {
    const result = js('A route the recording does not hold');
    expect(result).toMatchObject({ verdict: 'error', error: { kind: 'unmatched' } });
    expect(result.error?.message).toMatch(/^no recording for \w+ \/locks\/get \(nothing in this example is recorded for \/locks\/get\): closest is POST \/devices\/get \(devices\/get\.md#7\)/);
    expect(result.error?.message).toContain('path: recorded /devices/get, received /locks/get');
    expect(result.requests).toMatchObject([{ path: '/locks/get', matched: false, status: 404 }]);
  });

  it('a request to a non-loopback host fails fast with a network error, reaching nothing', () => {
    const result = js('A request to another host');
    expect(result).toMatchObject({
      verdict: 'error',
      line: lineWith(lines, 'await new Seam({ endpoint: "http://example.com"'),
      error: { kind: 'network' },
    });
    // The sandbox has no network: the client's own words, and why.
    expect(result.error?.message).toMatch(/\(the sandbox reaches nothing but the mock\)$/);
    expect(result.durationMs).toBeLessThan(TIMEOUT_MS / 3);
    expect(result.requests).toEqual([]);
  });

  it('gets the same verdicts, kinds and positions from --isolate, one process per sample', async () => {
    // All but the loop, whose 3 s the batch run has already shown.
    const grep = /^(?!.*A loop that never ends)/;
    const isolated = await runFixtures([enginePath('hostile')], { timeoutMs: TIMEOUT_MS, isolate: true, grep });
    const shape = (r: TestRun['results'][number]) => [r.exampleId, r.language, r.verdict, r.reason, r.error?.line, r.error?.column];
    expect(isolated.results.map(shape)).toEqual(run.results.filter((r) => grep.test(`${r.file}:${r.exampleLine} ${r.endpoint} ${r.title}`)).map(shape));
    expect(isolated.results).toHaveLength(20);
  }, 60_000);
});

describe('two tabs of one language in one example', () => {
  it('keep their requests apart: one tab’s unmatched request is not the other’s', () => {
    const tabs = run.results.filter((r) => r.file === shownPath('hostile', 'locks', 'get.md'));
    expect(tabs.map((r) => [r.tab, r.language])).toEqual([
      ['JavaScript', 'javascript'],
      ['TypeScript', 'javascript'],
    ]);
    const [javascript, typescript] = tabs;
    expect(javascript).toMatchObject({ verdict: 'error', error: { kind: 'unmatched' }, requests: [{ path: '/locks/get', matched: false }] });
    expect(javascript.error?.message).toContain('params.device_id: recorded "1f9d7b3e-6a0c-4d2f-b8e4-5c7a9e1d3f60", received "b7e3f9a1-0c2d-4e5b-8f6a-9d1c3e5b7a20"');
    expect(typescript).toMatchObject({ verdict: 'pass', requests: [{ path: '/locks/get', matched: true, status: 200 }] });
  });
});
