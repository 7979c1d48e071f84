// One language's share of a run: its runner loaded and made ready, its samples turned into jobs
// for the mock, and each sample's outcome judged into a result.
import path from 'node:path';
import { judge } from '../compare/verdict.ts';
import type { ReplayServer } from '../mock/server.ts';
import { exampleBaseUrl } from '../mock/slug.ts';
import type { LanguageId } from '../model.ts';
import type { Profile, RouteInfo } from '../profile.ts';
import { oneLine } from '../run/pool.ts';
import type { Sandboxing } from '../run/sandbox/index.ts';
import type { RunJob, Runner, RunnerEnv, SampleRun, Toolchain } from '../run/types.ts';
import { loadRunner, runnableLanguages } from '../../runners/registry.ts';
import { DEFAULT_TIMEOUT_MS, isLockdown, type TestOptions } from './options.ts';
import type { RunRecordings } from './recordings.ts';
import type { SampleResult, SentRequest } from './results.ts';
import { endpointOf, type Selected } from './select.ts';
import type { ToolchainMemo } from './toolchains.ts';

/** A language made ready for a run: its runner, and the client it would run, or why none. */
export interface LanguageSetup {
  language: LanguageId;
  label: string;
  /** doc-harness has a runner for the language. */
  runnable: boolean;
  /** The runner, once loaded: when it had to be asked for its toolchain, or its samples run. */
  runner?: Runner;
  /** The runner's settings, but for the sandbox: each phase gives its own. */
  env: Omit<RunnerEnv, 'sandbox'>;
  /** What prepare() said (or said last time, when nothing changed since); absent when it threw (then `failure`). */
  toolchain?: Toolchain;
  failure?: string;
}

/**
 * Finds the language's toolchain and client: remembered from an earlier run when nothing it
 * depends on changed (toolchains.ts), else asked of its runner, which installs the client unless
 * the run may not. Runs no snippet: the sandbox made here (none) only completes the runner's
 * settings; the samples get the run's own.
 */
export async function prepareLanguage(
  language: LanguageId,
  options: TestOptions,
  base: { workDir: string; sandbox: () => Promise<Sandboxing>; memo?: ToolchainMemo },
): Promise<LanguageSetup> {
  const label = options.profile.languages.find((l) => l.id === language)?.label ?? language;
  const env: Omit<RunnerEnv, 'sandbox'> = {
    cacheDir: options.cacheDir,
    workDir: path.join(base.workDir, language),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    sdkVersion: options.sdk?.[language],
    isolate: options.isolate ?? false,
    apiKey: options.profile.fakeApiKey,
    profile: options.profile,
    workers: options.jobs ?? 1,
    apiOrigin: options.profile.apiOrigin,
    offline: isLockdown(options.env),
    signal: options.signal,
  };
  const setup: LanguageSetup = { language, label, runnable: runnableLanguages.includes(language), env };
  if (!setup.runnable) return setup;
  const asked = { language, cacheDir: options.cacheDir, request: [env.sdkVersion, env.offline, options.profile.clients[language as keyof Profile['clients']]] };
  const remembered = await base.memo?.recall(asked);
  if (remembered) return { ...setup, toolchain: remembered };
  setup.runner = await loadRunner(language);
  try {
    setup.toolchain = await setup.runner!.prepare({ ...env, sandbox: await base.sandbox() });
    await base.memo?.remember(asked, setup.toolchain);
  } catch (error) {
    // A runner that throws (an unwritable cache, a broken install) fails its own samples, not the run.
    setup.failure = `the ${label} runner could not get ready: ${oneLine(error)}`;
  }
  return setup;
}

/** The client that would run the language's samples (`seam 1.245.0`), when it is ready. */
export function clientOf(setup: LanguageSetup): string | undefined {
  return setup.toolchain?.ready ? `${setup.toolchain.client} ${setup.toolchain.version}` : undefined;
}

/**
 * The result of a sample that will not run, and why: its tab's language is unknown, the docs
 * skip it, doc-harness has no runner or the runner no client for it, or it has no recording.
 */
export function notRun(entry: Selected, setup: LanguageSetup, options: TestOptions, recordings: RunRecordings): SampleResult | undefined {
  const { label, toolchain } = setup;
  const base = baseResult(entry, null);
  const skip = (reason: string, asError = false): SampleResult =>
    asError ? { ...base, verdict: 'error', reason, error: { kind: 'harness', message: reason } } : { ...base, verdict: 'skip', reason };
  if (!entry.sample.supported) return skip(`the profile does not know the language of tab "${entry.sample.title}"`);
  if (entry.sample.skip !== undefined) return { ...skip(`skipped in the docs: ${entry.sample.skip}`), annotation: entry.sample.skip };
  // --require-all: every language must run, so one doc-harness cannot run yet is an error too.
  if (!setup.runnable) return skip(`doc-harness has no ${label} runner yet`, options.requireAll);
  if (setup.failure) return { ...base, verdict: 'error', reason: `harness: ${setup.failure}`, error: { kind: 'harness', message: setup.failure } };
  if (toolchain && !toolchain.ready) {
    // A client the run may not install (CI), or one the user asked for by version or path, that is
    // not there is an error; a default client missing on a developer's machine is a skip.
    const asError = options.requireAll === true || setup.env.offline === true || setup.env.sdkVersion !== undefined;
    return skip(`${label}: ${toolchain.reason}`, asError);
  }
  const missing = recordings.missing.get(entry.example.id);
  if (missing) return { ...base, verdict: 'error', reason: `recording: ${missing}`, error: { kind: 'recording', message: missing } };
  return undefined;
}

export interface LanguageContext {
  options: TestOptions;
  server: ReplayServer;
  routes: ReadonlyMap<string, RouteInfo> | undefined;
  sandbox: Sandboxing;
  emit(result: SampleResult, entry: Selected): void;
}

/** Runs samples of one language that can run (see notRun) and emits each one's judged result. */
export async function runLanguage(setup: LanguageSetup, entries: Selected[], context: LanguageContext): Promise<void> {
  const { options, emit } = context;
  const { label } = setup;
  const client = clientOf(setup);
  const runner = setup.runner ?? (await loadRunner(setup.language));
  if (!runner || !client) return;
  const env: RunnerEnv = { ...setup.env, sandbox: context.sandbox };
  const harnessError = (entry: Selected, message: string) =>
    emit({ ...baseResult(entry, client), verdict: 'error', reason: `harness: ${message}`, error: { kind: 'harness', message } }, entry);

  const jobs: RunJob[] = [];
  const byId = new Map<string, Selected>();
  for (const entry of entries) {
    byId.set(entry.sample.id, entry);
    const path = entry.read.request?.ok ? entry.read.request.value.path : entry.example.endpoint?.path;
    jobs.push({
      sample: entry.sample,
      exampleId: entry.example.id,
      baseUrl: exampleBaseUrl(context.server.url, entry.example.id, clientTag(entry)),
      responseKey: path ? context.routes?.get(path)?.responseKey : undefined,
    });
  }
  let failure: string | undefined;
  try {
    for await (const run of runner.run(jobs, env)) {
      // What was still running when the run was interrupted was stopped, not judged.
      if (options.signal?.aborted) break;
      const entry = byId.get(run.sampleId);
      if (!entry) continue;
      byId.delete(run.sampleId);
      emit(resultOf(entry, run, client, context), entry);
    }
  } catch (error) {
    failure = oneLine(error);
  }
  if (options.signal?.aborted) {
    for (const entry of byId.values()) emit({ ...baseResult(entry, client), verdict: 'skip', reason: 'interrupted before it finished' }, entry);
    return;
  }
  // A runner must answer every job; one that did not is doc-harness's bug, said as such.
  for (const entry of byId.values()) {
    harnessError(entry, failure ? `the ${label} runner failed: ${failure}` : `the ${label} runner gave no result for this sample`);
  }
}

/**
 * What a sample's requests are tagged with in the mock's log: its language, and which tab of that
 * language it is when an example has two (JavaScript and TypeScript), so that neither sees the
 * other's requests. Plain URL characters only: a client may rewrite a percent-escape.
 */
function clientTag({ example, sample }: Selected): string {
  const nth = example.samples.filter((s) => s.language === sample.language).indexOf(sample);
  return nth > 0 ? `${sample.language}.${nth + 1}` : sample.language;
}

export function baseResult(entry: Selected, client: string | null): Omit<SampleResult, 'verdict' | 'reason'> {
  const { example, sample } = entry;
  return {
    sampleId: sample.id,
    file: example.file,
    line: sample.request.codeStart.line,
    column: sample.request.codeStart.column,
    exampleId: example.id,
    exampleLine: example.line,
    endpoint: endpointOf(example),
    title: example.title,
    language: sample.language,
    tab: sample.title,
    client,
    durationMs: 0,
    requests: [],
  };
}

function resultOf(entry: Selected, run: SampleRun, client: string, context: LanguageContext): SampleResult {
  const requests: SentRequest[] = context.server.requestsFor(entry.example.id, clientTag(entry)).map((logged) => ({
    method: logged.method,
    path: logged.path,
    status: logged.status,
    matched: logged.matched,
    ...(logged.miss ? { miss: logged.miss.message } : logged.error ? { miss: logged.error } : {}),
  }));
  const verdict = judge(entry.read.response, run, { strict: context.options.strict });
  const result: SampleResult = {
    ...baseResult(entry, client),
    durationMs: Math.round(run.durationMs),
    requests,
    verdict: verdict.status,
    reason: verdict.reason,
    ...(verdict.differences ? { differences: verdict.differences } : {}),
    ...(verdict.error ? { error: verdict.error } : {}),
    ...(run.outcome.ok ? { returned: run.outcome.value } : {}),
    ...(run.notes?.length ? { notes: run.notes } : {}),
  };
  if (verdict.status === 'error' && !verdict.error && entry.read.response && !entry.read.response.ok) {
    const { message, line, column } = entry.read.response.error;
    result.error = { kind: 'documented', message, line, column };
  }
  // Every request must match the example's recording, whatever the client made of the answer.
  const unmatched = requests.find((request) => !request.matched);
  if (unmatched && result.verdict !== 'error') {
    const message = unmatched.miss ?? `${unmatched.method} ${unmatched.path ?? ''} matched no recording`;
    result.verdict = 'error';
    result.reason = `unmatched: ${message}`;
    result.error = { kind: 'unmatched', message };
    delete result.differences;
  }
  // A client that lacks what the docs call is often the API's doing: say what its description says.
  const route = routeNote(entry, context.routes);
  if (route && result.verdict !== 'pass') result.notes = [...(result.notes ?? []), route];
  return result;
}

/** What the API description says of the example's route when it is deprecated or unknown. */
function routeNote(entry: Selected, routes: ReadonlyMap<string, RouteInfo> | undefined): string | undefined {
  const path = entry.read.request?.ok ? entry.read.request.value.path : entry.example.endpoint?.path;
  if (!path || !routes) return undefined;
  const info = routes.get(path);
  if (!info) return `the API description has no route ${path}`;
  if (info.deprecated) return `the route ${path} is marked deprecated in the API description: ${info.deprecated}`;
  if (info.undocumented) return `the route ${path} is marked undocumented in the API description: ${info.undocumented}`;
  return undefined;
}
