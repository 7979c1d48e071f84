import { ChildStartError, WarmChild, type ChildSpec } from './child.ts';
import { formatBytes, limitExceeded, type Limits } from './sandbox/limits.ts';
import { errorAt, runPool, type Lane, type LaneResult, type Outcome } from './pool.ts';
import type { RunJob, SampleRun } from './types.ts';

export interface BatchOptions {
  /** The runtime's name in messages (`javascript`, `seam_cli`). */
  label: string;
  timeoutMs: number;
  workers: number;
  /** `--isolate`: a fresh child for every job, the slow reference that batching is measured against. */
  isolate: boolean;
  /**
   * How to start a fresh child for lane `lane`. Called for the first job and again after a child
   * was killed or crashed, so it should make a fresh sandbox each time.
   */
  child(lane: number): Promise<ChildSpec>;
  /** The job's wire form, or the outcome when it is known without running (a parse error). */
  encode(job: RunJob): { job: unknown } | { outcome: Outcome };
  /** The outcome of a child's answer. */
  decode(job: RunJob, payload: unknown): Outcome;
  /** Interrupted: the running child is killed and no job starts. */
  signal?: AbortSignal;
  /** How long a child may take to become ready; default: the larger of the timeout and 30 s. */
  startTimeoutMs?: number;
  /** The sandbox's limits: a child that dies past one gets that as its sample's verdict. */
  limits?: Limits;
  /**
   * Extra time after the timeout before the child is killed, for drivers that stop a sample at
   * the timeout themselves (a forked child) and stay warm. Default 0.
   */
  graceMs?: number;
}

/** After this many children in a row fail to start, the rest of the batch is not attempted. */
const START_FAILURES = 2;

/**
 * Runs jobs through warm children (one per lane), the way every interpreter runner does and a
 * compiled runner can (its batch binary speaks the same protocol). A job that hangs is killed
 * at the timeout, one whose child exits is recorded as a crash, and the next job gets a fresh
 * child: no sample is lost because another misbehaved.
 */
export function runBatch(jobs: readonly RunJob[], options: BatchOptions): AsyncIterable<SampleRun> {
  const startTimeoutMs = options.startTimeoutMs ?? Math.max(options.timeoutMs, 30_000);
  const shared = { failuresInARow: 0, broken: undefined as { message: string; detail?: string } | undefined };

  const makeLane = (index: number): Lane => {
    let child: WarmChild | undefined;
    let sent = 0;

    const start = async (): Promise<WarmChild | { message: string; detail?: string }> => {
      if (shared.broken) return shared.broken;
      try {
        const started = await WarmChild.start(await options.child(index), startTimeoutMs, options.limits?.outputBytes);
        shared.failuresInARow = 0;
        return started;
      } catch (error) {
        const problem =
          error instanceof ChildStartError
            ? { message: `the ${options.label} process could not start: ${error.why}`, detail: error.output || undefined }
            : { message: `the ${options.label} process could not start: ${String(error instanceof Error ? error.message : error)}` };
        if (++shared.failuresInARow >= START_FAILURES) shared.broken = problem;
        return problem;
      }
    };

    options.signal?.addEventListener('abort', () => child?.kill(), { once: true });
    const retire = (old: WarmChild | undefined, how: 'close' | 'kill') => {
      child = undefined;
      if (how === 'kill') old?.kill();
      return old?.close();
    };

    return {
      async run(job: RunJob): Promise<LaneResult> {
        const encoded = options.encode(job);
        if ('outcome' in encoded) return { outcome: encoded.outcome, durationMs: 0 };
        const began = performance.now();
        if (!child) {
          const started = await start();
          if (!(started instanceof WarmChild)) {
            return { outcome: errorAt(job, { kind: 'harness', ...started }), durationMs: performance.now() - began };
          }
          child = started;
        }
        const current = child;
        const sentAt = performance.now();
        const answer = await current.send(String(++sent), encoded.job, options.timeoutMs + (options.graceMs ?? 0));
        // Batch time is the sample's own; an isolated sample pays for its process too.
        const durationMs = performance.now() - (options.isolate ? began : sentAt);
        let outcome: Outcome;
        if (answer.kind === 'result') {
          outcome = options.decode(job, answer.payload);
          if (answer.recycle || options.isolate) await retire(current, 'close');
        } else if (answer.kind === 'timeout') {
          await retire(current, 'kill');
          outcome = errorAt(job, { kind: 'timeout', message: `did not finish within ${options.timeoutMs} ms; stopped` });
        } else if (answer.kind === 'output') {
          await retire(current, 'kill');
          const limit = options.limits ? ` of ${formatBytes(options.limits.outputBytes)}` : '';
          outcome = errorAt(job, { kind: 'limit', message: `output limit${limit} exceeded; stopped` });
        } else {
          const output = current.tail();
          await retire(current, 'kill');
          const limit = options.limits && limitExceeded(options.limits, { signal: answer.signal, output });
          outcome = limit
            ? errorAt(job, { kind: 'limit', message: limit, detail: output || undefined })
            : errorAt(job, {
                kind: 'runtime',
                message: `the ${options.label} process ended while running this sample (${current.describeExit()})${lastLine(output)}`,
                detail: output || undefined,
              });
        }
        return { outcome, durationMs };
      },
      async close(): Promise<void> {
        await retire(child, 'close');
      },
    };
  };

  return runPool(jobs, options.workers, makeLane, options.signal);
}

function lastLine(output: string): string {
  const line = output.split('\n').map((l) => l.trim()).filter(Boolean).pop();
  return line ? `: ${line.slice(0, 200)}` : '';
}
