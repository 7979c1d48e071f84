// A runner whose child is a driver script in the snippet's own language (driver.py, driver.rb,
// driver.php, driver.mjs): the driver loads the client once, then runs one sample per job of the
// fd-3 protocol (protocol.ts). This module is the harness side every such runner shares: it
// starts drivers in the sandbox, sends each sample as a DriverJob, and maps what comes back to
// the markdown. The driver side is written once per language; its contract is below.
import type { CodeBlock, Json, LanguageId } from '../model.ts';
import { locate } from '../values/locate.ts';
import { runBatch } from './batch.ts';
import { errorAt, type Outcome } from './pool.ts';
import { UNMATCHED_ERROR_TYPE } from './protocol.ts';
import type { SandboxRequest } from './sandbox/index.ts';
import type { RunErrorKind, Runner, RunJob, RunnerEnv, SampleRun, Toolchain } from './types.ts';

/**
 * One sample, as a driver receives it (`{"id":…,"job":DriverJob}` on fd 3).
 *
 * The driver contract:
 * - Run `source` as the language runs a script, with a variable of the profile's client name
 *   (`seam` / `$seam` / `client`) holding a client pointed at `baseUrl` with `apiKey`, and never
 *   waiting for action attempts. The value of the snippet's last expression is its result.
 * - Nothing one sample does may change what the next sees: a forking driver runs each sample in a
 *   child forked from the warm process (globals, builtins and the client module are the child's
 *   copy), with `limits` applied to that child, stops it at `timeoutMs` (then answers
 *   `timeout`), and after it ends kills what it left running: the child's process group, and
 *   when `sweep` is true (the driver is alone in a PID namespace) every process but itself and its
 *   ancestors.
 * - Answer one DriverResult per job. Positions are the snippet's own: line 1 is the first line of
 *   `source`, columns are 1-based.
 */
export interface DriverJob {
  source: string;
  /** The markdown file, for tracebacks. */
  filename: string;
  /** The markdown line of the snippet's first line, for tracebacks that show the page's lines. */
  firstLine: number;
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  limits: { memoryBytes: number; cpuSeconds: number; fileBytes: number; outputBytes: number };
  /** The error `type` of the mock's answer to a request it has no recording of. */
  unmatchedType: string;
  /** The route's response key (`device`), null for void routes, absent when unknown. */
  responseKey?: string | null;
  sweep: boolean;
}

export type DriverValue = { kind: 'void' } | { kind: 'json'; json: Json };

export type DriverResult =
  | { ok: true; value: DriverValue }
  | {
      ok: false;
      error: { kind: RunErrorKind; message: string; detail?: string; line?: number; column?: number };
    };

export interface DriverRunnerSpec {
  language: LanguageId;
  /** The runtime's name in messages. */
  label: string;
  prepare(env: RunnerEnv): Promise<Toolchain>;
  /** The driver process of one lane: program, arguments, what it reads, its variables. */
  driver(env: RunnerEnv, lane: number): Promise<Omit<SandboxRequest, 'label'>>;
  /**
   * The driver forks a child per sample and stops it at the timeout itself, staying warm; the
   * harness then waits a little longer before it kills the whole driver.
   */
  forks: boolean;
  /**
   * What the driver gets as `source`; default the block's code. A syntax error found here is the
   * sample's. When the source is not the snippet's own text (a wrapper around it), `map` turns a
   * position the driver reports into the snippet's coordinates (null: outside the snippet), and
   * `fallback` is where an error with no position of its own points.
   */
  source?(block: CodeBlock, env: RunnerEnv): PreparedSource | { ok: false; error: { message: string; line: number; column: number } };
}

export interface PreparedSource {
  ok: true;
  source: string;
  map?(line: number, column: number): { line: number; column: number } | null;
  fallback?: { line: number; column: number };
}

/** Grace after the timeout for a forking driver to answer `timeout` itself. */
const FORK_GRACE_MS = 3000;

export function driverRunner(spec: DriverRunnerSpec): Runner {
  return {
    language: spec.language,
    prepare: (env) => spec.prepare(env),
    run(jobs: RunJob[], env: RunnerEnv): AsyncIterable<SampleRun> {
      const limits = env.sandbox.limits;
      const sweep = env.sandbox.kind === 'bwrap';
      const prepared = new Map<RunJob, PreparedSource>();
      return runBatch(jobs, {
        label: spec.label,
        timeoutMs: env.timeoutMs,
        workers: env.workers ?? 1,
        isolate: env.isolate,
        limits,
        signal: env.signal,
        graceMs: spec.forks ? FORK_GRACE_MS : 0,
        async child(lane) {
          const request = await spec.driver(env, lane);
          return env.sandbox.start({ label: `${spec.language}-${lane}`, ...request });
        },
        encode(job) {
          const source = spec.source ? spec.source(job.sample.request, env) : { ok: true as const, source: job.sample.request.code };
          if (!source.ok) return { outcome: { ok: false, error: { kind: 'syntax', ...source.error } } };
          prepared.set(job, source);
          const driverJob: DriverJob = {
            source: source.source,
            filename: fileOf(job),
            firstLine: job.sample.request.codeStart.line,
            baseUrl: job.baseUrl,
            apiKey: env.apiKey,
            timeoutMs: env.timeoutMs,
            limits: {
              memoryBytes: limits.memoryBytes,
              // A CPU-bound loop meets the wall-clock timeout first; this is the backstop.
              cpuSeconds: Math.min(limits.cpuSeconds, Math.ceil(env.timeoutMs / 1000) + 1),
              fileBytes: limits.fileBytes,
              outputBytes: limits.outputBytes,
            },
            unmatchedType: UNMATCHED_ERROR_TYPE,
            ...(job.responseKey !== undefined ? { responseKey: job.responseKey } : {}),
            sweep,
          };
          return { job: driverJob };
        },
        decode(job, payload) {
          const source = prepared.get(job);
          prepared.delete(job);
          return decodeDriverResult(job, payload, source);
        },
      });
    },
  };
}

/** A driver's answer as an outcome, its position mapped from the snippet to the markdown. */
export function decodeDriverResult(job: RunJob, payload: unknown, source?: PreparedSource): Outcome {
  const result = payload as DriverResult | undefined;
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    return errorAt(job, { kind: 'harness', message: 'the driver answered with something that is not a result' });
  }
  if (result.ok) {
    const value = result.value;
    if (value?.kind === 'void' || value?.kind === 'json') return { ok: true, value: value.kind === 'void' ? { kind: 'void' } : { kind: 'json', json: value.json } };
    return errorAt(job, { kind: 'harness', message: 'the driver answered with a value of no known kind' });
  }
  const { line: reportedLine, column: reportedColumn, ...error } = result.error;
  const block = job.sample.request;
  const lines = block.code.split('\n');
  const own =
    reportedLine === undefined ? null : source?.map ? source.map(reportedLine, reportedColumn ?? 1) : { line: reportedLine, column: reportedColumn ?? 1 };
  const at = own && own.line >= 1 && own.line <= lines.length ? own : source?.fallback;
  if (at) {
    const column = Math.max(1, Math.min(at.column, lines[at.line - 1].length + 1));
    return { ok: false, error: { ...error, ...locate(block, at.line, column) } };
  }
  return errorAt(job, error);
}

/** The markdown file of a job, for tracebacks: the example id is `<file>#<index>`. */
export function fileOf(job: RunJob): string {
  const hash = job.exampleId.lastIndexOf('#');
  return hash > 0 ? job.exampleId.slice(0, hash) : 'snippet';
}
