// `doc-harness test [paths…]`: runs every example's request in every language through its real
// client against the recorded mock, and checks the value each returns against the documented
// response. The product's main job.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { runTests, DEFAULT_TIMEOUT_MS, type TestRun, type TestRunOptions } from '../../engine/engine.ts';
import { applyExpectation, loadExpectations, updatedExpectations, writeExpectations, type Expectations } from '../../engine/expectations.ts';
import { expectationCounts } from '../../engine/results.ts';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { projectFile } from '../../run/assets.ts';
import { parseBytes } from '../../run/sandbox/limits.ts';
import { parseShard, type Shard } from '../../engine/shard.ts';
import { readReport, reportExitCode, toReport } from '../../report/test/report.ts';
import { addReporterOptions, chooseReporters, openReporters } from '../../report/test/selection.ts';
import { ConfigError, UsageError, type CliIo } from '../io.ts';
import { DEFAULT_DOCS } from './list.ts';
import type { CliCommand } from './types.ts';

export const testCommand: CliCommand = {
  name: 'test',
  configure(command: Command) {
    addProfileOption(command)
      .argument('[paths...]', 'markdown files, folders (searched for *.md) or globs (default: the configuration\'s docs, else docs/)')
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
      .option('--cache-dir <dir>', 'where clients and cached results are kept (default: $DOC_HARNESS_CACHE or .doc-harness/cache in doc-harness)')
      .option('--no-cache', 'run every sample, even one whose verdict is in the result cache')
      .option('--changed [ref]', 'only the pages that differ from this git ref (default HEAD: uncommitted changes); all of a language whose client changed')
      .option('--expectations <file>', `the known-defects file (default: ${EXPECTATIONS_FILE} where doc-harness runs, when there is one)`)
      .option('--strict-expectations', 'an expected failure that passes now fails the run (the file must be updated)')
      .option('--update-expectations', 'write the failures of this run into the expectations file (and drop the entries of samples that pass)')
      .option('--watch', 'after the run, run a page again each time it (or its recordings) is saved; Ctrl-C ends');
    addReporterOptions(command);
    command.addHelpText(
      'after',
      `
Recordings: each example's requests are answered from <docs root>/__recordings__ (see
\`doc-harness record\`). Examples with none get recordings derived from the docs for this run,
said in the summary. Under CI=true or DOC_HARNESS_MODE=lockdown a missing recording is an error
and nothing is derived.

Verdicts: pass; fail (the returned value differs from the documented response); error (did not
run, a request no recording matches, a timeout); skip (no runner or toolchain for the language,
or a <!-- doc-harness: skip reason --> before its group or tab).

Known defects: the expectations file lists samples (devices/get.md#1:python) or examples
(devices/get.md#1) with the verdict they are known to get, a reason and a link. Such a failure
is reported as expected and does not fail the run; one that passes now is reported as fixed.

Cache: a sample whose verdict is in the cache (nothing it depends on changed: its text, its
documented response, its recording, the runner's code, the client, the profile, the options)
is not run again; its result is marked cached. --no-cache runs everything.

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
    if (options.watch === true) return (await import('../watch.ts')).watchTests(paths, options, io);
    return runTest(paths, options, io);
  },
};

/** The expectations file's name, where doc-harness runs, when neither --expectations nor the configuration names one. */
export const EXPECTATIONS_FILE = 'doc-harness.expectations.json';

export async function runTest(paths: string[], options: Record<string, unknown>, io: CliIo, only?: Partial<TestRunOptions>): Promise<number> {
  const settings = await testSettings(paths, options, io);
  return runWith(settings, options, io, only);
}

/** What a `test` command line (and the configuration under it) asks for, checked. */
export interface TestSettings {
  run: Omit<TestRunOptions, 'signal' | 'onPlan' | 'onResult'>;
  expectationsFile: string;
  updateExpectations: boolean;
}

export async function testSettings(paths: string[], options: Record<string, unknown>, io: CliIo): Promise<TestSettings> {
  const profile = await profileOf(options, io);
  const languages = (options.lang as string[] | undefined) ?? [];
  const known = profile.languages.map((l) => l.id);
  const unknown = languages.filter((id) => !known.includes(id));
  if (unknown.length) throw new UsageError(`--lang: unknown language ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const memory = options.memoryLimit === undefined ? undefined : parseBytes(String(options.memoryLimit));
  if (options.memoryLimit !== undefined && (memory === undefined || memory < 64 * 1024 * 1024)) {
    throw new UsageError(`--memory-limit: expected a size of at least 64M, like 512M or 2G, got "${String(options.memoryLimit)}"`);
  }
  const shard = await shardOf(options, io);
  const expectationsFile = path.resolve(io.cwd, typeof options.expectations === 'string' ? options.expectations : EXPECTATIONS_FILE);
  const updateExpectations = options.updateExpectations === true;
  if (updateExpectations && options.changed !== undefined) throw new UsageError('--update-expectations needs a whole run: it drops the entries of samples that pass, so it cannot take --changed');
  // A file named that is not there yet (a starter configuration names one) expects nothing, said once.
  const named = typeof options.expectations === 'string';
  if (named && !updateExpectations && !existsSync(expectationsFile)) {
    io.stderr.write(`doc-harness: no expectations file at ${path.relative(io.cwd, expectationsFile)} yet: no failure is expected (--update-expectations writes it)\n`);
  }
  const expectations = existsSync(expectationsFile) ? await loadExpectations(expectationsFile) : undefined;
  const memoryLimits = memory ? { limits: { memoryBytes: memory } } : {};
  return {
    expectationsFile,
    updateExpectations,
    run: {
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
      cache: options.cache !== false,
      ...(options.changed !== undefined ? { changed: options.changed === true ? 'HEAD' : String(options.changed) } : {}),
      ...(expectations ? { expectations } : {}),
      strictExpectations: options.strictExpectations === true,
      sandbox: options.sandbox === false ? 'none' : 'auto',
      ...memoryLimits,
      ...(shard ? { shard } : {}),
    },
  };
}

/** One run with the settings: reported, the expectations file updated if asked, its exit status. */
export async function runWith(settings: TestSettings, options: Record<string, unknown>, io: CliIo, only: Partial<TestRunOptions> = {}): Promise<number> {
  const { run: base } = settings;
  const reporting = await openReporters(chooseReporters(options, io.cwd), io, base.profile);
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
    run = await runTests({ ...base, ...only, signal: interrupt.signal, onPlan: reporting.onPlan, onResult: reporting.onResult });
  } catch (error) {
    if ((error as Error).name === 'ChangedError') throw new ConfigError((error as Error).message);
    // Loaded here: a run that makes no sandbox (answered from the cache) never loads the module.
    const { SandboxUnavailable } = await import('../../run/sandbox/index.ts');
    if (!(error instanceof SandboxUnavailable)) throw error;
    io.stderr.write(`doc-harness: ${error.message}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (settings.updateExpectations && !signalled) await updateFile(settings, run, io);
  await reporting.finish(await toReport(run, io.cwd));
  if (signalled) return 128 + (signalled === 'SIGINT' ? 2 : 15);
  // A pattern that matches nothing is a mistake in the command, not a clean run.
  if (typeof options.grep === 'string' && run.results.length === 0) {
    const languages = base.languages ?? [];
    io.stderr.write(`doc-harness: --grep ${JSON.stringify(options.grep)} selects no example${languages.length ? ` in ${languages.join(', ')}` : ''} (it is matched against "file:line endpoint title", as \`doc-harness list\` shows them)\n`);
    return 2;
  }
  return reportExitCode(run.summary);
}

/**
 * `--update-expectations`: the file gets this run's failures (see updatedExpectations), and the
 * results are judged against it again, so that the report shows them as the file now expects.
 */
async function updateFile(settings: TestSettings, run: TestRun, io: CliIo): Promise<void> {
  const previous = settings.run.expectations?.entries ?? [];
  const entries = updatedExpectations(previous, run.results);
  await writeExpectations(settings.expectationsFile, entries);
  const expectations: Expectations = { file: settings.expectationsFile, entries };
  for (const result of run.results) applyExpectation(result, expectations);
  const { expected, fixed } = expectationCounts(run.results);
  delete run.summary.expected;
  delete run.summary.fixed;
  Object.assign(run.summary, expected ? { expected } : {}, fixed ? { fixed } : {});
  io.stderr.write(`doc-harness: wrote ${entries.length} expectation(s) to ${path.relative(io.cwd, settings.expectationsFile) || settings.expectationsFile}\n`);
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
