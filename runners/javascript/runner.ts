// JavaScript: the npm `seam` SDK, one warm Node child per worker evaluating each request snippet
// (`await seam.x.y({…})`) against its example's mock URL. See driver.mjs for the child side.
import type { SampleRun, Runner, RunnerEnv, RunJob, Toolchain } from '../../harness/run/types.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { runBatch } from '../../harness/run/batch.ts';
import { nodeChild } from '../../harness/run/node.ts';
import type { Outcome } from '../../harness/run/pool.ts';
import { UNMATCHED_ERROR_TYPE } from '../../harness/run/protocol.ts';
import { makeSandbox } from '../../harness/run/sandbox.ts';
import { engineNotes, ensureSeamSdk } from './sdk.ts';
import { mapPosition, prepareSnippet, statementStart, type PreparedSnippet } from './snippet.ts';

const DRIVER = projectFile('runners', 'javascript', 'driver.mjs');

interface DriverError {
  kind: 'syntax' | 'runtime' | 'unmatched' | 'network';
  message: string;
  detail?: string;
  position?: { line: number; column: number };
}
type DriverPayload = { ok: true; value: { kind: 'void' } | { kind: 'json'; json: never } } | { ok: false; error: DriverError };

export const runner: Runner = {
  language: 'javascript',

  async prepare(env: RunnerEnv): Promise<Toolchain> {
    const installed = await ensureSeamSdk(env.cacheDir, env.sdkVersion);
    if (!installed.ok) return { ready: false, reason: `cannot install the seam SDK: ${installed.reason}` };
    return { ready: true, client: 'seam', version: installed.version, notes: engineNotes('seam', installed) };
  },

  async *run(jobs: RunJob[], env: RunnerEnv): AsyncIterable<SampleRun> {
    const installed = await ensureSeamSdk(env.cacheDir, env.sdkVersion);
    const prepared = new Map<RunJob, PreparedSnippet>();
    yield* runBatch(jobs, {
      label: 'javascript',
      timeoutMs: env.timeoutMs,
      workers: env.workers ?? 1,
      isolate: env.isolate,
      async child(lane) {
        if (!installed.ok) throw new Error(installed.reason);
        const sandbox = await makeSandbox(env.workDir, `javascript-${lane}`);
        return nodeChild(DRIVER, [], sandbox, {
          DOC_HARNESS_SDK_DIR: installed.dir,
          DOC_HARNESS_API_KEY: env.apiKey,
          // A snippet that builds its own client (`new Seam()`) gets the fake key and the mock too.
          SEAM_API_KEY: env.apiKey,
        });
      },
      encode(job) {
        const result = prepareSnippet(job.sample.request, fileOf(job));
        if (!result.ok) return { outcome: { ok: false, error: result.error } };
        prepared.set(job, result.snippet);
        const { source, filename, lineOffset } = result.snippet;
        return { job: { source, filename, lineOffset, baseUrl: job.baseUrl, unmatchedType: UNMATCHED_ERROR_TYPE } };
      },
      decode(job, payload) {
        const snippet = prepared.get(job);
        prepared.delete(job);
        return decode(job, snippet, payload as DriverPayload);
      },
    });
  },
};

function decode(job: RunJob, snippet: PreparedSnippet | undefined, payload: DriverPayload): Outcome {
  if (payload.ok) return { ok: true, value: payload.value };
  const block = job.sample.request;
  const { position, ...error } = payload.error;
  const at =
    (snippet && position && mapPosition(block, snippet, position.line, position.column)) ||
    (snippet ? statementStart(block, snippet) : block.codeStart);
  return { ok: false, error: { ...error, line: at.line, column: at.column } };
}

/** The markdown file of a job, for stack traces: the example id is `<file>#<index>`. */
function fileOf(job: RunJob): string {
  const hash = job.exampleId.lastIndexOf('#');
  return hash > 0 ? job.exampleId.slice(0, hash) : 'snippet.js';
}
