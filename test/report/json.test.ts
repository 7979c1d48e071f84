// The JSON report of a real run: valid against its schema, with everything a later tool needs —
// versions, the docs' commit, each sample's snippet, documented and returned values, diff, error.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport, REPORT_SCHEMA_VERSION, type TestReport } from '../../harness/report/test/report.ts';
import { projectRoot } from '../helpers/corpus.ts';
import { runCli } from '../cli/run.ts';
import { knownResults, reportOf } from './reports.ts';
import { reportSchemaErrors } from './schema.ts';

const DOCS = 'test/fixtures/engine/docs';
const UNLOCK = `${DOCS}/locks/unlock_door.md`;

function gitHead(): string | null {
  try {
    return execFileSync('git', ['-C', projectRoot, 'rev-parse', '--verify', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

let report: TestReport;
let code: number;

beforeAll(async () => {
  const ran = await runCli(['test', DOCS, '--lang', 'javascript', '--lang', 'curl', '--reporter', 'json'], { cwd: projectRoot });
  code = ran.code;
  report = JSON.parse(ran.stdout) as TestReport;
}, 120_000);

describe('the JSON report of a run', () => {
  it('is valid against report.schema.json', () => {
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(code).toBe(1);
  });

  it('names its format version, doc-harness’s version, the docs’ root and git commit, and the machine', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.tool).toEqual({ name: 'doc-harness', version: pkg.version });
    expect(report.docs.root).toBe(DOCS);
    expect(report.docs.commit).toBe(gitHead());
    expect(typeof report.docs.dirty).toBe(report.docs.commit ? 'boolean' : 'object');
    expect(report.environment).toEqual({ node: process.versions.node, platform: process.platform, arch: process.arch });
    expect(report.shard).toBeNull();
    expect(Date.parse(report.createdAt)).not.toBeNaN();
    expect(report.summary.clients).toEqual({ javascript: expect.stringMatching(/^seam \d+\.\d+\.\d+/), curl: expect.stringMatching(/^curl \d+\.\d+/) });
  });

  it('carries each sample’s snippet and documented response exactly as the page shows them', () => {
    expect(report.results).toHaveLength(8);
    for (const result of report.results) {
      const lines = readFileSync(join(projectRoot, result.file), 'utf8').split('\n');
      const request = result.code!.request.split('\n');
      expect(lines.slice(result.line - 1, result.line - 1 + request.length), `${result.file}:${result.line}`).toEqual(request);
      expect(lines.join('\n')).toContain(result.code!.response);
    }
  });

  it('carries the documented value, the returned value and the diff of a failing sample', () => {
    const unlock = report.results.find((r) => r.file === UNLOCK && r.language === 'javascript')!;
    expect(unlock).toMatchObject({
      verdict: 'fail',
      differences: ['$.status: documented "pending", returned "success"'],
      client: expect.stringMatching(/^seam \d/),
      documented: { kind: 'json', json: { action_type: 'UNLOCK_DOOR', status: 'pending' } },
    });
    expect(unlock.durationMs).toBeGreaterThan(0);
    // What the client returned: needs the engine to keep the run's value (see the report to the lead).
    expect(unlock.returned).toMatchObject({ kind: 'json', json: { action_type: 'UNLOCK_DOOR', status: 'success' } });
  });
});

describe('the report schema', () => {
  it('holds every verdict’s shape (a pass, a fail, an error with its place, a skip), and a merged report', () => {
    expect(reportSchemaErrors(reportOf(knownResults()))).toEqual([]);
    expect(reportSchemaErrors({ ...reportOf(knownResults()), merged: { reports: 2, shards: [{ index: 1, count: 2 }, { index: 2, count: 2 }] } })).toEqual([]);
  });

  // It has to be able to say no, or "valid" above proves nothing.
  it.each([
    ['a result without its verdict', (r: TestReport) => delete (r.results[0] as Partial<TestReport['results'][number]>).verdict],
    ['an unknown verdict', (r: TestReport) => ((r.results[0] as { verdict: string }).verdict = 'passed')],
    ['another format version', (r: TestReport) => ((r as { schemaVersion: number }).schemaVersion = 2)],
    ['a field the format does not have', (r: TestReport) => ((r as unknown as Record<string, unknown>).extra = 1)],
    ['a summary without its counts', (r: TestReport) => delete (r.summary as Partial<TestReport['summary']>).fail],
    ['a commit that is not one', (r: TestReport) => (r.docs.commit = 'main')],
  ])('refuses %s', (_, spoil) => {
    const spoilt = reportOf(knownResults());
    spoil(spoilt);
    expect(reportSchemaErrors(spoilt)).not.toEqual([]);
  });
});

describe('reading a report back (compare, merge, --shard-durations)', () => {
  it('reads what the reporter writes', () => {
    expect(parseReport(JSON.stringify(report), 'r.json').results).toHaveLength(report.results.length);
  });

  it.each([
    ['not JSON', 'nope', /^r\.json is not JSON: /],
    ['JSON that is not a report', '[1, 2]', /^r\.json is not a doc-harness JSON report$/],
    ['a report from before the format had a version', '{"results": [], "summary": {}, "diagnostics": []}', /no schemaVersion; write one with `doc-harness test --reporter json`/],
    ['a later format', '{"schemaVersion": 2, "results": [], "summary": {}, "diagnostics": []}', /has report schema version 2; this doc-harness reads version 1$/],
    ['a result that is not one', '{"schemaVersion": 1, "results": [{"file": "a.md"}], "summary": {}, "diagnostics": []}', /^r\.json: results\[0\] is not a sample result$/],
  ])('refuses %s, saying why', (_, text, message) => {
    expect(() => parseReport(text, 'r.json')).toThrow(message);
  });
});
