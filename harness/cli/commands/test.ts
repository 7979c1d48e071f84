// `doc-harness test [paths…]`: runs every example's request in every language through its real
// client against the recorded mock, and checks the value each returns against the documented
// response. The product's main job.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { runTests, DEFAULT_TIMEOUT_MS, type TestRun } from '../../engine/engine.ts';
import type { Profile } from '../../profile.ts';
import { seamProfile } from '../../../profiles/seam/index.ts';
import { projectFile } from '../../run/assets.ts';
import { parseBytes, SandboxUnavailable } from '../../run/sandbox/index.ts';
import { parseShard, type Shard } from '../../engine/shard.ts';
import { readReport, reportExitCode, toReport } from '../../report/test/report.ts';
import { addReporterOptions, chooseReporters, openReporters } from '../../report/test/selection.ts';
import { ConfigError, UsageError, type CliIo } from '../io.ts';
import { DEFAULT_DOCS } from './list.ts';
import type { CliCommand } from './types.ts';

export const testCommand: CliCommand = {
  name: 'test',
  configure(command: Command) {
    command
      .argument('[paths...]', 'markdown files, folders (searched for *.md) or globs', [DEFAULT_DOCS])
      .option('--lang <id...>', 'only these languages (repeatable): javascript, seam_cli, curl, …')
      .option('--grep <pattern>', 'only examples whose "file:line endpoint title" matches this regular expression')
      .option('--strict', 'demand equality: no undocumented field, not even a null one')
      .option('--isolate', 'one process per sample (the slow, simple reference)')
      .option('--timeout <ms>', `per-sample timeout (default ${DEFAULT_TIMEOUT_MS})`)
      .option('--jobs <n>', 'samples of one language run at once (default 1)')
      .option('--recordings <dir>', 'the recordings folder (default: __recordings__ in the docs root)')
      .option('--sdk <language=version...>', 'the client release to install and run, or a local build (a path), e.g. --sdk javascript=1.245.0 (repeatable)')
      .option('--require-all', 'a language whose toolchain is missing is an error, not a skip')
      .option('--no-sandbox', 'run snippets without the OS sandbox (only where none can be made, on code you trust)')
      .option('--memory-limit <size>', 'memory per snippet process, e.g. 512M or 2G (default 1G)')
      .option('--shard <i/n>', "run only the i-th of n shares of the pages (CI matrices; `doc-harness merge` joins the reports)")
      .option('--shard-durations <report.json>', 'balance the shards by the page durations of this earlier JSON report')
      .option('--cache-dir <dir>', 'where clients are installed (default: $DOC_HARNESS_CACHE or .doc-harness/cache in doc-harness)');
    addReporterOptions(command);
    command.addHelpText(
      'after',
      `
Recordings: each example's requests are answered from <docs root>/__recordings__ (see
\`doc-harness record\`). Examples with none get recordings derived from the docs for this run,
said in the summary. Under CI=true or DOC_HARNESS_MODE=lockdown a missing recording is an error
and nothing is derived.

Verdicts: pass; fail (the returned value differs from the documented response); error (did not
run, a request no recording matches, a timeout); skip (no runner or toolchain for the language).

Sandbox: every snippet runs in a bubblewrap sandbox (own network with only the mock in it, own
PID namespace, read-only system, private /tmp, unprivileged user, memory/CPU/process/output
limits). Where none can be made, test refuses to run and says why; --no-sandbox runs anyway.

Exit status: 0 when nothing failed or errored, 1 when something did, 2 on a usage or
configuration error (no sandbox can be made), 3 when doc-harness itself crashed (--debug shows
the stack), 130/143 after Ctrl-C/SIGTERM.

Examples:
  doc-harness test
  doc-harness test docs/devices/get.md --lang javascript
  doc-harness test ../api-docs --reporter json --output sdk-1.244.json --sdk javascript=1.244.0
  doc-harness test --reporter default --reporter junit --output.junit junit.xml --reporter html --output.html report.html
  doc-harness test --shard 2/4 --reporter json --output shard-2.json`,
    );
  },
  async run(paths, options, io) {
    return runTest(paths, options, io);
  },
};

export async function runTest(paths: string[], options: Record<string, unknown>, io: CliIo, profile: Profile = seamProfile): Promise<number> {
  const languages = (options.lang as string[] | undefined) ?? [];
  const known = profile.languages.map((l) => l.id);
  const unknown = languages.filter((id) => !known.includes(id));
  if (unknown.length) throw new UsageError(`--lang: unknown language ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const memory = options.memoryLimit === undefined ? undefined : parseBytes(String(options.memoryLimit));
  if (options.memoryLimit !== undefined && (memory === undefined || memory < 64 * 1024 * 1024)) {
    throw new UsageError(`--memory-limit: expected a size of at least 64M, like 512M or 2G, got "${String(options.memoryLimit)}"`);
  }
  const shard = await shardOf(options, io);
  const reporting = await openReporters(chooseReporters(options, io.cwd), io, profile);
  // Ctrl-C or SIGTERM: stop, and report what the run has (a second one ends at once).
  const interrupt = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    signalled = signal;
    io.stderr.write(`\ndoc-harness: ${signal}: stopping the samples running, then reporting what finished (again to quit at once)\n`);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let run: TestRun;
  try {
    run = await runTests({
    paths: paths.length ? paths : [DEFAULT_DOCS],
    cwd: io.cwd,
    env: io.env,
    profile,
    languages,
    grep: parseGrep(options.grep),
    strict: options.strict === true,
    isolate: options.isolate === true,
    timeoutMs: positive(options.timeout, '--timeout'),
    jobs: positive(options.jobs, '--jobs'),
    recordings: options.recordings as string | undefined,
    sdk: parseSdk(options.sdk, known),
    requireAll: options.requireAll === true,
    cacheDir: path.resolve(io.cwd, (options.cacheDir as string | undefined) ?? io.env.DOC_HARNESS_CACHE ?? projectFile('.doc-harness', 'cache')),
    sandbox: options.sandbox === false ? 'none' : 'auto',
    ...(memory ? { limits: { memoryBytes: memory } } : {}),
    signal: interrupt.signal,
    ...(shard ? { shard } : {}),
    onPlan: reporting.onPlan,
    onResult: reporting.onResult,
    });
  } catch (error) {
    if (!(error instanceof SandboxUnavailable)) throw error;
    io.stderr.write(`doc-harness: ${error.message}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await reporting.finish(await toReport(run, io.cwd));
  if (signalled) return 128 + (signalled === 'SIGINT' ? 2 : 15);
  // A pattern that matches nothing is a mistake in the command, not a clean run.
  if (typeof options.grep === 'string' && run.results.length === 0) {
    io.stderr.write(`doc-harness: --grep ${JSON.stringify(options.grep)} selects no example${languages.length ? ` in ${languages.join(', ')}` : ''} (it is matched against "file:line endpoint title", as \`doc-harness list\` shows them)\n`);
    return 2;
  }
  return reportExitCode(run.summary);
}

/** `--shard i/n`, balanced by `--shard-durations` when that report exists (a first CI run has none yet). */
async function shardOf(options: Record<string, unknown>, io: CliIo): Promise<Shard | undefined> {
  if (options.shardDurations !== undefined && options.shard === undefined) throw new UsageError('--shard-durations needs --shard i/n');
  if (options.shard === undefined) return undefined;
  const shard = parseShard(String(options.shard));
  if (!shard) throw new UsageError(`--shard: expected i/n with 1 ≤ i ≤ n, like 2/4, got "${String(options.shard)}"`);
  if (typeof options.shardDurations !== 'string') return shard;
  const file = path.resolve(io.cwd, options.shardDurations);
  if (!existsSync(file)) {
    io.stderr.write(`doc-harness: --shard-durations: no report at ${options.shardDurations} yet; balancing the shards by sample count\n`);
    return shard;
  }
  const durations = new Map<string, number>();
  try {
    for (const result of (await readReport(file)).results) durations.set(result.file, (durations.get(result.file) ?? 0) + result.durationMs);
  } catch (error) {
    throw new ConfigError(`--shard-durations: ${(error as Error).message}`);
  }
  return { ...shard, durations };
}

function parseGrep(value: unknown): RegExp | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new RegExp(value);
  } catch (error) {
    throw new UsageError(`--grep: ${(error as Error).message}`);
  }
}

function positive(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: expected a whole number above 0, got "${String(value)}"`);
  return n;
}

export function parseSdk(value: unknown, known: string[]): Record<string, string> {
  const sdk: Record<string, string> = {};
  for (const entry of (value as string[] | undefined) ?? []) {
    const match = /^([a-z_]+)=(\S+)$/.exec(entry);
    if (!match || !known.includes(match[1])) {
      throw new UsageError(`--sdk: expected <language>=<version> with a language of ${known.join(', ')}, got "${entry}"`);
    }
    sdk[match[1]] = match[2];
  }
  return sdk;
}
