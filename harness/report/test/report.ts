// The JSON report: one document with everything a later tool needs, and what every reporter,
// `compare` and `merge` read. Its shape is report.schema.json beside this file; a change that
// would break a reader of it raises REPORT_SCHEMA_VERSION.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestRun } from '../../engine/engine.ts';
import type { SampleResult, TestSummary } from '../../engine/results.ts';
import type { Diagnostic } from '../../model.ts';
import { harnessVersion } from '../version.ts';

export const REPORT_SCHEMA_VERSION = 1;

export interface ShardId {
  index: number;
  count: number;
}

export interface TestReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'doc-harness'; version: string };
  /** When the run ended (ISO 8601). */
  createdAt: string;
  /** The docs tested: their root (relative to where doc-harness ran) and its git commit, when it is in a repository. */
  docs: { root: string; commit: string | null; dirty: boolean | null };
  /** What doc-harness itself ran on; each language's client and toolchain notes are in `summary`. */
  environment: { node: string; platform: string; arch: string };
  /** `--shard i/n`, or null for a whole run. */
  shard: ShardId | null;
  /** Set on a report `doc-harness merge` made: how many reports went in, and their shards. */
  merged?: { reports: number; shards: Array<ShardId | null> };
  results: SampleResult[];
  summary: TestSummary;
  diagnostics: Diagnostic[];
}

export async function toReport(run: TestRun, cwd: string): Promise<TestReport> {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'doc-harness', version: harnessVersion() },
    createdAt: new Date().toISOString(),
    docs: { root: path.relative(cwd, run.docsRoot) || '.', ...(await gitState(run.docsRoot)) },
    environment: { node: process.versions.node, platform: process.platform, arch: process.arch },
    shard: run.shard ?? null,
    results: run.results,
    summary: run.summary,
    diagnostics: run.diagnostics,
  };
}

/** The commit checked out where the docs are, and whether the docs differ from it; nulls outside git. */
async function gitState(root: string): Promise<{ commit: string | null; dirty: boolean | null }> {
  // node:child_process, not execa: the report of a run answered from the cache should not wait for execa to load.
  const git = (...args: string[]) =>
    new Promise<{ ok: boolean; stdout: string }>((resolve) => {
      const child = execFile('git', ['-C', root, ...args], { timeout: 10_000 }, (error, stdout) => resolve({ ok: !error, stdout: String(stdout) }));
      child.stdin?.end();
    });
  const head = await git('rev-parse', '--verify', 'HEAD');
  if (!head.ok) return { commit: null, dirty: null };
  const status = await git('status', '--porcelain', '--', '.');
  return { commit: head.stdout.trim(), dirty: status.ok ? status.stdout.trim() !== '' : null };
}

/** A file that is not a report this doc-harness reads (a configuration error: exit 2). */
export class ReportFormatError extends Error {
  override name = 'ReportFormatError';
}

export async function readReport(file: string): Promise<TestReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReportFormatError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseReport(text, file);
}

/**
 * Checks what readers rely on: the format's version, and a result list and summary of the right
 * shape. (The full shape is report.schema.json; the tests hold the reporter to it.)
 */
export function parseReport(text: string, file: string): TestReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportFormatError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const report = data as Partial<TestReport> | null;
  if (typeof report !== 'object' || report === null || Array.isArray(report)) throw new ReportFormatError(`${file} is not a doc-harness JSON report`);
  if (report.schemaVersion === undefined) {
    throw new ReportFormatError(`${file} is not a doc-harness JSON report (no schemaVersion; write one with \`doc-harness test --reporter json\`)`);
  }
  if (report.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new ReportFormatError(`${file} has report schema version ${String(report.schemaVersion)}; this doc-harness reads version ${REPORT_SCHEMA_VERSION}`);
  }
  if (!Array.isArray(report.results) || typeof report.summary !== 'object' || report.summary === null || !Array.isArray(report.diagnostics)) {
    throw new ReportFormatError(`${file}: a report needs results, summary and diagnostics`);
  }
  report.results.forEach((result, index) => {
    const ok =
      typeof result === 'object' &&
      result !== null &&
      typeof result.file === 'string' &&
      typeof result.line === 'number' &&
      typeof result.exampleId === 'string' &&
      typeof result.language === 'string' &&
      typeof result.durationMs === 'number' &&
      ['pass', 'fail', 'error', 'skip'].includes(result.verdict);
    if (!ok) throw new ReportFormatError(`${file}: results[${index}] is not a sample result`);
  });
  return report as TestReport;
}

/**
 * 1 when a sample failed or errored other than as the expectations file expects, a fixed one
 * under `--strict-expectations`, or the run itself hit an error (a cassette that does not load).
 */
export function reportExitCode(summary: TestSummary): number {
  const unexpected = summary.fail + summary.error - (summary.expected ?? 0);
  const fixed = summary.strictExpectations ? (summary.fixed ?? 0) : 0;
  return unexpected > 0 || fixed > 0 || summary.diagnostics.error > 0 ? 1 : 0;
}
