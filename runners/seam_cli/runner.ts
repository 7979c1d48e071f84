// Seam CLI: the profile's CLI package (`@seamapi/cli`, bin `seam`) run on each documented command
// line. By default one long-lived Node process per worker runs the CLI's own command entry once
// per sample (its modules load once: a command costs tens of milliseconds instead of a Node
// start-up); with --isolate, or a CLI whose bin cannot be driven in-process, each command is its
// own process.
import { projectFile } from '../../harness/run/assets.ts';
import { fillClientValue } from '../../harness/run/client.ts';
import { runBatch } from '../../harness/run/batch.ts';
import { runProcess } from '../../harness/run/exec.ts';
import { errorAt, runPool, type Lane, type Outcome } from '../../harness/run/pool.ts';
import { formatBytes, limitExceeded } from '../../harness/run/sandbox/index.ts';
import type { Runner, RunnerEnv, RunJob, SampleRun, Toolchain } from '../../harness/run/types.ts';
import { cliArgv } from './argv.ts';
import { ensureCli, type CliInstall } from './install.ts';
import { decodeCliOutput, type CliOutput } from './output.ts';
import { nodeRequest } from '../javascript/node.ts';

/** The driver stops a command at the timeout itself; the harness waits this much longer before killing it. */
const SELF_TIMED_GRACE_MS = 3000;

const DRIVER = projectFile('runners', 'seam_cli', 'driver.mjs');

export const runner: Runner = {
  language: 'seam_cli',

  async prepare(env: RunnerEnv): Promise<Toolchain> {
    const cli = await ensureCli(env);
    if ('failed' in cli) return { ready: false, reason: cli.failed };
    return { ready: true, client: cli.client.package, version: cli.version, notes: cli.notes };
  },

  async *run(jobs: RunJob[], env: RunnerEnv): AsyncIterable<SampleRun> {
    const cli = await ensureCli(env);
    if ('failed' in cli) {
      for (const job of jobs) yield { sampleId: job.sample.id, durationMs: 0, outcome: errorAt(job, { kind: 'harness', message: cli.failed }) };
      return;
    }
    const workers = env.workers ?? 1;
    if (env.isolate || !cli.entry.ok) {
      yield* runPool(jobs, workers, (lane) => processLane(cli, env, lane), env.signal);
      return;
    }
    const entry = cli.entry.file;
    yield* runBatch(jobs, {
      label: 'seam_cli',
      timeoutMs: env.timeoutMs,
      workers,
      isolate: false,
      limits: env.sandbox.limits,
      signal: env.signal,
      graceMs: SELF_TIMED_GRACE_MS,
      async child(lane) {
        return env.sandbox.start({
          label: `seam_cli-${lane}`,
          ...nodeRequest(env, DRIVER, [], { read: [cli.installDir], env: { DOC_HARNESS_CLI_ENTRY: entry } }),
          homeFiles: cliHomeFiles(cli),
        });
      },
      encode(job) {
        const argv = cliArgv(job.sample.request);
        if (!argv.ok) return { outcome: syntaxError(argv.error) };
        return { job: { argv: argv.value, environment: cliEnv(cli, env, job), timeoutMs: env.timeoutMs } };
      },
      decode(job, payload) {
        const { timedOut, ...output } = payload as CliOutput & { timedOut?: boolean };
        if (timedOut) return errorAt(job, { kind: 'timeout', message: `did not finish within ${env.timeoutMs} ms; stopped` });
        return decodeCliOutput(job, output);
      },
    });
  },
};

/** One process of the CLI per command, each in a fresh sandbox: the fallback, and the --isolate reference. */
function processLane(cli: CliInstall, env: RunnerEnv, lane: number): Lane {
  return {
    async run(job) {
      const argv = cliArgv(job.sample.request);
      if (!argv.ok) return { outcome: syntaxError(argv.error), durationMs: 0 };
      const spec = await env.sandbox.start({
        label: `seam_cli-${lane}`,
        ...nodeRequest(env, cli.bin, argv.value, { read: [cli.installDir], env: cliEnv(cli, env, job) }),
        homeFiles: cliHomeFiles(cli),
      });
      const result = await runProcess(spec, { timeoutMs: env.timeoutMs, outputBytes: env.sandbox.limits.outputBytes, signal: env.signal });
      let outcome: Outcome;
      const limit = limitExceeded(env.sandbox.limits, { signal: result.signal, output: result.stderr });
      if (result.timedOut) outcome = errorAt(job, { kind: 'timeout', message: `did not finish within ${env.timeoutMs} ms; stopped` });
      else if (result.outputExceeded) outcome = errorAt(job, { kind: 'limit', message: `output limit of ${formatBytes(env.sandbox.limits.outputBytes)} exceeded; stopped` });
      else if (limit) outcome = errorAt(job, { kind: 'limit', message: limit });
      else if (result.startError) outcome = errorAt(job, { kind: 'harness', message: result.startError });
      else outcome = decodeCliOutput(job, { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? 1 });
      return { outcome, durationMs: result.durationMs };
    },
    async close() {},
  };
}

/** The offline schema cache, where the CLI looks for it in HOME (env-paths' cache folder). */
function cliHomeFiles(cli: CliInstall): Record<string, string> {
  const cache = process.platform === 'darwin' ? 'Library/Caches' : process.platform === 'win32' ? 'AppData/Local' : '.cache';
  return { [`${cache}/${cli.client.bin}/blueprint.json`]: cli.schemaFile };
}

/** The variables the CLI reads its key and endpoint from (the profile's), for one command. */
function cliEnv(cli: CliInstall, env: RunnerEnv, job: RunJob): Record<string, string> {
  return fillClientValue(cli.client.environment, { apiKey: env.apiKey, baseUrl: job.baseUrl });
}

function syntaxError(error: { message: string; line: number; column: number }): Outcome {
  return { ok: false, error: { kind: 'syntax', message: error.message, line: error.line, column: error.column } };
}
