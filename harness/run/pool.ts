import type { RunError, RunJob, SampleRun } from './types.ts';

export type Outcome = SampleRun['outcome'];

/** What one lane made of one job; `durationMs` is the sample's own time, without start-up. */
export interface LaneResult {
  outcome: Outcome;
  durationMs: number;
}

/** One worker: a warm child, or a way to start a process per job. Runs one job at a time. */
export interface Lane {
  run(job: RunJob): Promise<LaneResult>;
  close(): Promise<void>;
}

/** An error placed at the first line of the sample's request, where nothing more precise is known. */
export function errorAt(job: RunJob, error: Omit<RunError, 'line' | 'column'>): Outcome {
  const { line, column } = job.sample.request.codeStart;
  return { ok: false, error: { ...error, line, column } };
}

/**
 * Runs jobs on `lanes` workers at once and yields each result as soon as it is known (in any
 * order, each job exactly once). A lane that throws gives its job a `harness` error and is
 * replaced; the other jobs go on.
 */
export async function* runPool(
  jobs: readonly RunJob[],
  lanes: number,
  makeLane: (index: number) => Lane,
  signal?: AbortSignal,
): AsyncIterable<SampleRun> {
  const queue = new ResultQueue<SampleRun>();
  let next = 0;
  // Interrupted: no job starts any more; the lanes stop the ones running (see batch.ts).
  const take = (): RunJob | undefined => (next < jobs.length && !signal?.aborted ? jobs[next++] : undefined);

  const work = async (index: number): Promise<void> => {
    let lane: Lane | undefined;
    try {
      for (let job = take(); job; job = take()) {
        lane ??= makeLane(index);
        const started = performance.now();
        let result: LaneResult;
        try {
          result = await lane.run(job);
        } catch (error) {
          result = {
            outcome: errorAt(job, { kind: 'harness', message: oneLine(error), detail: errorDetail(error) }),
            durationMs: performance.now() - started,
          };
          await lane.close().catch(() => undefined);
          lane = undefined;
        }
        queue.push({ sampleId: job.sample.id, durationMs: Math.round(result.durationMs), outcome: result.outcome });
      }
    } finally {
      await lane?.close().catch(() => undefined);
    }
  };

  const count = Math.max(1, Math.min(lanes, jobs.length));
  const all = Promise.all(Array.from({ length: count }, (_, index) => work(index))).then(
    () => queue.end(),
    (error) => queue.fail(error),
  );
  try {
    yield* queue;
  } finally {
    // A consumer that stops early: take no more jobs, let the running ones finish and close.
    next = jobs.length;
    await all;
  }
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

function errorDetail(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}

/** A queue that producers push into and one consumer drains with `for await`. */
class ResultQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private done = false;
  private failure: unknown;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  end(): void {
    this.done = true;
    this.wake?.();
  }

  fail(error: unknown): void {
    this.failure = error ?? new Error('lane failed');
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.done) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
