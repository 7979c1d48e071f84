// Seam CLI: `@seamapi/cli` (bin `seam`) run on each documented command line. By default one
// long-lived Node process per worker runs the CLI's own command entry once per sample (its
// modules load once: a command costs tens of milliseconds instead of a Node start-up); with
// --isolate, or a CLI whose bin cannot be driven in-process, each command is its own process.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { projectFile } from '../../harness/run/assets.ts';
import { runBatch } from '../../harness/run/batch.ts';
import { runProcess } from '../../harness/run/exec.ts';
import { nodeChild } from '../../harness/run/node.ts';
import { errorAt, runPool, type Lane, type Outcome } from '../../harness/run/pool.ts';
import { makeSandbox, type Sandbox } from '../../harness/run/sandbox.ts';
import type { Runner, RunnerEnv, RunJob, SampleRun, Toolchain } from '../../harness/run/types.ts';
import { cliArgv } from './argv.ts';
import { ensureCli, type CliInstall } from './install.ts';
import { decodeCliOutput, type CliOutput } from './output.ts';

const DRIVER = projectFile('runners', 'seam_cli', 'driver.mjs');

export const runner: Runner = {
  language: 'seam_cli',

  async prepare(env: RunnerEnv): Promise<Toolchain> {
    const cli = await ensureCli(env.cacheDir, env.sdkVersion);
    if ('failed' in cli) return { ready: false, reason: cli.failed };
    return { ready: true, client: '@seamapi/cli', version: cli.version, notes: cli.notes };
  },

  async *run(jobs: RunJob[], env: RunnerEnv): AsyncIterable<SampleRun> {
    const cli = await ensureCli(env.cacheDir, env.sdkVersion);
    if ('failed' in cli) {
      for (const job of jobs) yield { sampleId: job.sample.id, durationMs: 0, outcome: errorAt(job, { kind: 'harness', message: cli.failed }) };
      return;
    }
    const workers = env.workers ?? 1;
    if (env.isolate || !cli.entry.ok) {
      yield* runPool(jobs, workers, (lane) => processLane(cli, env, lane));
      return;
    }
    const entry = cli.entry.file;
    yield* runBatch(jobs, {
      label: 'seam_cli',
      timeoutMs: env.timeoutMs,
      workers,
      isolate: false,
      async child(lane) {
        const sandbox = await cliSandbox(cli, env, `seam_cli-${lane}`);
        return nodeChild(DRIVER, [], sandbox, { ...cliEnv(sandbox, env), DOC_HARNESS_CLI_ENTRY: entry });
      },
      encode(job) {
        const argv = cliArgv(job.sample.request);
        if (!argv.ok) return { outcome: syntaxError(argv.error) };
        return { job: { argv: argv.value, endpoint: job.baseUrl } };
      },
      decode(job, payload) {
        const { refused, ...output } = payload as CliOutput & { refused?: string };
        return refused ? networkError(job, refused) : decodeCliOutput(job, output);
      },
    });
  },
};

/** One `seam …` process per command: the fallback, and the --isolate reference. */
function processLane(cli: CliInstall, env: RunnerEnv, lane: number): Lane {
  let sandbox: Promise<Sandbox> | undefined;
  return {
    async run(job) {
      const argv = cliArgv(job.sample.request);
      if (!argv.ok) return { outcome: syntaxError(argv.error), durationMs: 0 };
      // A fresh sandbox per command when isolating; one per lane otherwise.
      const box = env.isolate ? await cliSandbox(cli, env, `seam_cli-${lane}`) : await (sandbox ??= cliSandbox(cli, env, `seam_cli-${lane}`));
      const spec = nodeChild(cli.bin, argv.value, box, { ...cliEnv(box, env), SEAM_CLI_ENDPOINT: job.baseUrl });
      const result = await runProcess(spec, { timeoutMs: env.timeoutMs });
      let outcome: Outcome;
      const refused = /doc-harness refused (.+?): only the local mock/.exec(result.stderr)?.[1];
      if (result.timedOut) outcome = errorAt(job, { kind: 'timeout', message: `did not finish within ${env.timeoutMs} ms; stopped` });
      else if (refused) outcome = networkError(job, refused);
      else if (result.startError) outcome = errorAt(job, { kind: 'harness', message: result.startError });
      else outcome = decodeCliOutput(job, { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? 1 });
      return { outcome, durationMs: result.durationMs };
    },
    async close() {},
  };
}

/** A sandbox whose HOME holds the offline schema cache, where the CLI looks for it. */
async function cliSandbox(cli: CliInstall, env: RunnerEnv, label: string): Promise<Sandbox> {
  const sandbox = await makeSandbox(env.workDir, label);
  const dir = join(schemaCacheHome(sandbox), 'seam');
  await mkdir(dir, { recursive: true });
  await copyFile(cli.schemaFile, join(dir, 'blueprint.json'));
  return sandbox;
}

/** The cache folder env-paths gives the CLI on this platform, with the variables that set it. */
function schemaCacheHome(sandbox: Sandbox): string {
  if (process.platform === 'darwin') return join(sandbox.home, 'Library', 'Caches');
  if (process.platform === 'win32') return join(sandbox.home, 'AppData', 'Local');
  return join(sandbox.home, '.cache');
}

function cliEnv(sandbox: Sandbox, env: RunnerEnv): Record<string, string> {
  const vars: Record<string, string> = { SEAM_CLI_TOKEN: env.apiKey };
  if (process.platform === 'win32') vars.LOCALAPPDATA = join(sandbox.home, 'AppData', 'Local');
  else if (process.platform !== 'darwin') vars.XDG_CACHE_HOME = join(sandbox.home, '.cache');
  if (process.platform !== 'darwin' && process.platform !== 'win32') vars.XDG_CONFIG_HOME = join(sandbox.home, '.config');
  return vars;
}

function syntaxError(error: { message: string; line: number; column: number }): Outcome {
  return { ok: false, error: { kind: 'syntax', message: error.message, line: error.line, column: error.column } };
}

function networkError(job: RunJob, what: string): Outcome {
  return errorAt(job, { kind: 'network', message: `refused ${what}: only the local mock may be reached` });
}
