// Go: the profile's real Go SDK (Seam's: `github.com/seamapi/go`). Go is compiled, so a batch
// is one program: every snippet rewritten into a package of its own (rewrite/), one `go build`
// for all of them (build.ts), then one warm dispatcher process that runs each sample in a fresh process of the
// same program (program/dh). `--isolate` builds and runs each sample as a program of its own.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { runBatch } from '../../harness/run/batch.ts';
import { decodeDriverResult, fileOf, type PreparedSource } from '../../harness/run/driver.ts';
import type { Outcome } from '../../harness/run/pool.ts';
import { UNMATCHED_ERROR_TYPE } from '../../harness/run/protocol.ts';
import { formatBytes } from '../../harness/run/sandbox/index.ts';
import type { Runner, RunJob, RunnerEnv, SampleRun } from '../../harness/run/types.ts';
import { buildBatch, type BatchSample } from './build.ts';
import { ensureGo, type GoInstall } from './install.ts';
import { goPositions } from './positions.ts';
import { rewriteSnippets, type GoProblem } from './rewrite.ts';
import { GO_RESERVED_BYTES } from './toolchain.ts';

/** A sample's run, with what the harness did to its snippet (an import it added). */
export type GoSampleRun = SampleRun;

/** Grace after the timeout for the dispatcher to stop a sample and answer `timeout` itself. */
const DISPATCH_GRACE_MS = 3000;

/** Per batch: how many `go build` rounds each batch took (for tests and benchmarks). */
export const buildLog: Array<{ samples: number; rounds: number }> = [];

export const runner: Runner = {
  language: 'go',
  async prepare(env) {
    const install = await ensureGo(env);
    if ('reason' in install) return { ready: false, reason: install.reason };
    return { ready: true, client: install.client.module, version: install.version, notes: install.notes };
  },
  run: runGo,
};

async function* runGo(jobs: RunJob[], env: RunnerEnv): AsyncIterable<GoSampleRun> {
  const install = await ensureGo(env);
  if ('reason' in install) {
    for (const job of jobs) yield outcome(job, decodeDriverResult(job, { ok: false, error: { kind: 'harness', message: install.reason } }));
    return;
  }
  await mkdir(env.workDir, { recursive: true });
  if (env.isolate) {
    // The reference: each sample rewritten, built and run as a program of its own.
    for (const job of jobs) yield* runProgram([job], install, env);
  } else {
    yield* runProgram(jobs, install, env);
  }
}

/** Rewrites, builds and runs one program of `jobs`. */
async function* runProgram(jobs: RunJob[], install: GoInstall, env: RunnerEnv): AsyncIterable<GoSampleRun> {
  const dir = await mkdtemp(path.join(env.workDir, 'go-batch-'));
  try {
    const ids = new Map(jobs.map((job, i) => [job, `s${String(i + 1).padStart(4, '0')}`]));
    const file = (job: RunJob) => directiveFile(fileOf(job));
    const rewritten = await rewriteSnippets(
      install,
      env,
      jobs.map((job) => ({ id: ids.get(job) as string, source: job.sample.request.code, file: file(job), line: job.sample.request.codeStart.line })),
    );
    if (!(rewritten instanceof Map)) {
      for (const job of jobs) yield outcome(job, failure(job, { kind: 'harness', ...rewritten }));
      return;
    }
    const notes = (job: RunJob) => rewritten.get(ids.get(job) as string)?.notes;
    const samples = new Map<RunJob, BatchSample>();
    for (const job of jobs) {
      const result = rewritten.get(ids.get(job) as string);
      if (!result?.files) {
        yield outcome(job, failure(job, result?.error ?? { kind: 'harness', message: 'the rewrite helper gave no result for this sample' }));
        continue;
      }
      samples.set(job, { id: ids.get(job) as string, file: file(job), files: result.files, isolate: result.isolate === true, imports: result.imports ?? [] });
    }
    if (samples.size === 0) return;
    const built = await buildBatch(install, dir, [...samples.values()]);
    buildLog.push({ samples: jobs.length, rounds: built.rounds });
    const survivors: RunJob[] = [];
    for (const [job, sample] of samples) {
      const problem = built.failed.get(sample.id) ?? built.harness;
      if (problem) yield outcome(job, failure(job, problem), notes(job));
      else survivors.push(job);
    }
    const program = built.program;
    if (!program) return;
    const limits = env.sandbox.limits;
    const cpuSeconds = Math.min(limits.cpuSeconds, Math.ceil(env.timeoutMs / 1000) + 1);
    const positions = new Map(survivors.map((job) => [job, goPositions(job.sample.request)]));
    const runs = runBatch(survivors, {
      label: 'go',
      timeoutMs: env.timeoutMs,
      workers: env.workers ?? 1,
      isolate: env.isolate,
      limits,
      graceMs: DISPATCH_GRACE_MS,
      child: (lane) =>
        env.sandbox.start({ label: `go-${lane}`, file: program, args: [], read: [built.outDir], reservedBytes: GO_RESERVED_BYTES }),
      encode(job) {
        const sample = samples.get(job) as BatchSample;
        return {
          job: {
            sample: sample.id,
            ...(sample.isolate ? { program: sample.id } : {}),
            file: sample.file,
            baseUrl: job.baseUrl,
            apiKey: env.apiKey,
            timeoutMs: env.timeoutMs,
            limits: {
              memoryBytes: limits.memoryBytes,
              cpuSeconds,
              fileBytes: limits.fileBytes,
              outputBytes: limits.outputBytes,
              messages: {
                memory: `memory limit ${formatBytes(limits.memoryBytes)} exceeded`,
                cpu: `CPU time limit of ${cpuSeconds} s exceeded`,
                output: `output limit of ${formatBytes(limits.outputBytes)} exceeded; stopped`,
              },
            },
            unmatchedType: UNMATCHED_ERROR_TYPE,
            ...(typeof job.responseKey === 'string' ? { responseKey: job.responseKey } : {}),
            sweep: env.sandbox.kind === 'bwrap',
          },
        };
      },
      decode: (job, payload) => decodeDriverResult(job, payload, positions.get(job) as PreparedSource),
    });
    const bySample = new Map(survivors.map((job) => [job.sample.id, job]));
    for await (const run of runs) yield { ...run, ...withNotes(notes(bySample.get(run.sampleId) as RunJob)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A problem the rewrite or the build found, mapped to the markdown like a dispatcher's answer. */
function failure(job: RunJob, problem: GoProblem): Outcome {
  return decodeDriverResult(job, { ok: false, error: problem }, goPositions(job.sample.request));
}

function outcome(job: RunJob, result: Outcome, notes?: string[]): GoSampleRun {
  return { sampleId: job.sample.id, durationMs: 0, outcome: result, ...withNotes(notes) };
}

function withNotes(notes: string[] | undefined): { notes?: string[] } {
  return notes && notes.length > 0 ? { notes } : {};
}

/** A file name fit for a line directive (rewrite/rewrite.go directiveFile does the same). */
function directiveFile(name: string): string {
  return name.replace(/\*\//g, '*_').replace(/[\r\n]/g, '_');
}
