// cURL: the real `curl` binary, one process per sample (it starts in milliseconds), on the
// documented command with its URL's origin pointed at the example's mock.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { runProcess } from '../../harness/run/exec.ts';
import { errorAt, runPool, type Lane, type Outcome } from '../../harness/run/pool.ts';
import { makeSandbox, sandboxEnv, type Sandbox } from '../../harness/run/sandbox.ts';
import type { Runner, RunnerEnv, RunJob, SampleRun, Toolchain } from '../../harness/run/types.ts';
import { planCurl } from './command.ts';
import { decodeCurlBody, statusOf } from './output.ts';

/** The variable the docs' commands read the API key from. */
const KEY_VARIABLE = 'SEAM_API_KEY';

export const runner: Runner = {
  language: 'curl',

  async prepare(): Promise<Toolchain> {
    const found = await execa('curl', ['--version'], { reject: false, stdin: 'ignore', timeout: 10_000 });
    if (found.failed) return { ready: false, reason: 'curl was not found on PATH (install curl to run the cURL tabs)' };
    const version = /^curl (\S+)/.exec(String(found.stdout))?.[1] ?? 'unknown';
    return { ready: true, client: 'curl', version };
  },

  run(jobs: RunJob[], env: RunnerEnv): AsyncIterable<SampleRun> {
    return runPool(jobs, env.workers ?? 1, (lane) => curlLane(env, lane));
  },
};

function curlLane(env: RunnerEnv, lane: number): Lane {
  let sandbox: Promise<Sandbox> | undefined;
  return {
    async run(job) {
      const box = env.isolate ? await makeSandbox(env.workDir, `curl-${lane}`) : await (sandbox ??= makeSandbox(env.workDir, `curl-${lane}`));
      const headerFile = join(box.tmp, 'headers.txt');
      const plan = planCurl(job.sample.request, {
        baseUrl: job.baseUrl,
        apiOrigin: env.apiOrigin,
        variables: { [KEY_VARIABLE]: env.apiKey },
        timeoutMs: env.timeoutMs,
        headerFile,
      });
      if (!plan.ok) return { outcome: { ok: false, error: plan.error }, durationMs: 0 };
      await rm(headerFile, { force: true });
      // The process timeout is a backstop a little after curl's own --max-time.
      const result = await runProcess(
        { file: 'curl', args: plan.command.args, env: sandboxEnv(box), cwd: box.cwd },
        { timeoutMs: env.timeoutMs + 2000, input: plan.command.stdin },
      );
      let outcome: Outcome;
      if (result.startError) outcome = errorAt(job, { kind: 'harness', message: result.startError });
      else if (result.timedOut || result.exitCode === 28) {
        outcome = errorAt(job, { kind: 'timeout', message: `did not finish within ${env.timeoutMs} ms; stopped` });
      } else if (result.exitCode !== 0) {
        outcome = errorAt(job, { kind: 'runtime', message: result.stderr.trim().split('\n')[0] || `curl exited with code ${result.exitCode}`, detail: result.stderr });
      } else {
        const headers = await readFile(headerFile, 'utf8').catch(() => '');
        outcome = decodeCurlBody(job, statusOf(headers), result.stdout);
      }
      return { outcome, durationMs: result.durationMs };
    },
    async close() {},
  };
}
