// cURL: the real `curl` binary, one process per sample (it starts in milliseconds), each in a
// fresh sandbox, on the documented command with its URL's origin pointed at the example's mock.
// In the sandbox curl reaches the mock through its Unix socket (`--unix-socket`), so no relay
// needs to start.
import { execa } from 'execa';
import { clientOf, fillClientValue, noClient } from '../../harness/run/client.ts';
import { runProcess } from '../../harness/run/exec.ts';
import { errorAt, runPool, type Lane, type Outcome } from '../../harness/run/pool.ts';
import { formatBytes, isNetworkFailure, limitExceeded, networkMessage } from '../../harness/run/sandbox/index.ts';
import type { Runner, RunnerEnv, RunJob, SampleRun, Toolchain } from '../../harness/run/types.ts';
import { planCurl } from './command.ts';
import { decodeCurlBody, splitResponse } from './output.ts';

export const runner: Runner = {
  language: 'curl',

  async prepare(env: RunnerEnv): Promise<Toolchain> {
    if (!clientOf(env, 'curl')) return { ready: false, reason: noClient(env, 'cURL') };
    const found = await execa('curl', ['--version'], { reject: false, stdin: 'ignore', timeout: 10_000 });
    if (found.failed) return { ready: false, reason: 'curl was not found on PATH (install curl to run the cURL tabs)' };
    const version = /^curl (\S+)/.exec(String(found.stdout))?.[1] ?? 'unknown';
    return { ready: true, client: 'curl', version };
  },

  run(jobs: RunJob[], env: RunnerEnv): AsyncIterable<SampleRun> {
    return runPool(jobs, env.workers ?? 1, (lane) => curlLane(env, lane), env.signal);
  },
};

function curlLane(env: RunnerEnv, lane: number): Lane {
  const { limits } = env.sandbox;
  return {
    async run(job) {
      const plan = planCurl(job.sample.request, {
        baseUrl: job.baseUrl,
        apiOrigin: env.apiOrigin,
        // The variables the docs' commands expand (the profile's: `$SEAM_API_KEY`).
        variables: fillClientValue(clientOf(env, 'curl')?.environment ?? {}, { apiKey: env.apiKey, baseUrl: job.baseUrl }),
        timeoutMs: env.timeoutMs,
        unixSocket: env.sandbox.mockSocket,
      });
      if (!plan.ok) return { outcome: { ok: false, error: plan.error }, durationMs: 0 };
      const spec = await env.sandbox.start({ label: `curl-${lane}`, file: 'curl', args: plan.command.args, relay: false });
      // The process timeout is a backstop a little after curl's own --max-time.
      const result = await runProcess(spec, { timeoutMs: env.timeoutMs + 2000, input: plan.command.stdin, outputBytes: limits.outputBytes, signal: env.signal });
      let outcome: Outcome;
      const limit = limitExceeded(limits, { signal: result.signal });
      if (result.startError) outcome = errorAt(job, { kind: 'harness', message: result.startError });
      else if (result.outputExceeded) outcome = errorAt(job, { kind: 'limit', message: `output limit of ${formatBytes(limits.outputBytes)} exceeded; stopped` });
      else if (limit) outcome = errorAt(job, { kind: 'limit', message: limit });
      else if (result.timedOut || result.exitCode === 28) {
        outcome = errorAt(job, { kind: 'timeout', message: `did not finish within ${env.timeoutMs} ms; stopped` });
      } else if (result.exitCode !== 0) {
        const said = result.stderr.split('\n').find((line) => line.startsWith('curl:'))?.trim() || `curl exited with code ${result.exitCode}`;
        outcome = isNetworkFailure(said)
          ? errorAt(job, { kind: 'network', message: networkMessage(said), detail: result.stderr })
          : errorAt(job, { kind: 'runtime', message: said, detail: result.stderr });
      } else {
        const { status, body } = splitResponse(result.stdout);
        outcome = decodeCurlBody(job, status, body);
      }
      return { outcome, durationMs: result.durationMs };
    },
    async close() {},
  };
}
