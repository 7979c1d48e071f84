// Reports with known verdicts, built here rather than run: every verdict, two pages, three
// languages, so that each reporter can be checked against what it was given.
import { countResults, type SampleResult } from '../../harness/engine/results.ts';
import { REPORT_SCHEMA_VERSION, type TestReport } from '../../harness/report/test/report.ts';
import { harnessVersion } from '../../harness/report/version.ts';
import type { Value } from '../../harness/model.ts';

const json = (value: unknown): Value => ({ kind: 'json', json: value as never });

/** One sample's result; what is not given is what a plain passing JavaScript sample would have. */
export function result(fields: Partial<SampleResult> & Pick<SampleResult, 'file' | 'line' | 'language' | 'verdict'>): SampleResult {
  return {
    column: 1,
    exampleId: `${fields.file.replace(/^docs\//, '')}#1`,
    exampleLine: 10,
    endpoint: 'POST /devices/get',
    title: 'Get a device',
    tab: fields.language,
    reason: fields.verdict === 'pass' ? 'matches the documented response' : `${fields.verdict}`,
    client: fields.verdict === 'skip' ? null : `${fields.language === 'curl' ? 'curl 7.88.1' : 'seam 1.245.0'}`,
    durationMs: 40,
    requests: fields.verdict === 'skip' ? [] : [{ method: 'POST', path: '/devices/get', status: 200, matched: true }],
    ...fields,
  };
}

/** Every verdict: a pass, a fail with its diff, an error at a snippet line, a skip; on two pages. */
export function knownResults(): SampleResult[] {
  return [
    result({
      file: 'docs/devices/get.md',
      line: 15,
      language: 'javascript',
      verdict: 'pass',
      durationMs: 120,
      code: { request: "await seam.devices.get({ device_id: 'd1' })", response: '{ device_id: "d1" }' },
      documented: json({ device_id: 'd1' }),
      returned: json({ device_id: 'd1', nickname: null }),
    }),
    result({ file: 'docs/devices/get.md', line: 33, language: 'seam_cli', verdict: 'pass', durationMs: 310 }),
    result({
      file: 'docs/devices/get.md',
      line: 52,
      language: 'curl',
      verdict: 'error',
      reason: 'runtime: curl: (6) Could not resolve host',
      error: { kind: 'runtime', message: 'curl: (6) Could not resolve host', line: 54, column: 3, detail: 'exit status 6' },
      durationMs: 15,
    }),
    result({
      file: 'docs/locks/unlock_door.md',
      line: 16,
      language: 'javascript',
      exampleId: 'locks/unlock_door.md#1',
      exampleLine: 11,
      endpoint: 'POST /locks/unlock_door',
      title: 'Unlock a door',
      verdict: 'fail',
      reason: '$.status: documented "pending", returned "success"',
      differences: ['$.status: documented "pending", returned "success"'],
      durationMs: 640,
      code: { request: "await seam.locks.unlockDoor({ device_id: 'd1' })", response: '{ status: "pending" }' },
      documented: json({ status: 'pending', action_type: 'UNLOCK_DOOR' }),
      returned: json({ status: 'success', action_type: 'UNLOCK_DOOR' }),
    }),
    result({
      file: 'docs/locks/unlock_door.md',
      line: 38,
      language: 'seam_cli',
      exampleId: 'locks/unlock_door.md#1',
      exampleLine: 11,
      endpoint: 'POST /locks/unlock_door',
      title: 'Unlock a door',
      verdict: 'skip',
      reason: 'Seam CLI: no node on this machine',
    }),
  ];
}

export function reportOf(results: SampleResult[], overrides: Partial<TestReport> = {}): TestReport {
  const { all, byLanguage } = countResults(results);
  const clients: Record<string, string> = {};
  for (const r of results) if (r.client) clients[r.language] ??= r.client;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'doc-harness', version: harnessVersion() },
    createdAt: '2025-03-01T12:00:00.000Z',
    docs: { root: 'docs', commit: '0123456789abcdef0123456789abcdef01234567', dirty: false },
    environment: { node: '20.20.2', platform: 'linux', arch: 'x64' },
    shard: null,
    results,
    summary: {
      ...all,
      byLanguage,
      clients,
      sandbox: 'bubblewrap 0.8.0',
      notes: {},
      recordings: { mode: 'lockdown', folder: 'docs/__recordings__', loaded: 2, derived: 0, missing: 0 },
      diagnostics: { error: 0, warning: 0, info: 0 },
      durationMs: 1500,
    },
    diagnostics: [],
    ...overrides,
  };
}
