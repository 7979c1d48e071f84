// One language's share of a run: its runner loaded and made ready, its samples turned into jobs
// for the mock, and each sample's outcome judged into a result.
import path from 'node:path';
import { judge } from '../compare/verdict.ts';
import { exampleBaseUrl, type ReplayServer } from '../mock/index.ts';
import type { LanguageId } from '../model.ts';
import type { RouteInfo } from '../profile.ts';
import { oneLine } from '../run/pool.ts';
import type { Sandboxing } from '../run/sandbox/index.ts';
import type { RunJob, Runner, RunnerEnv, SampleRun, Toolchain } from '../run/types.ts';
import { loadRunner } from '../../runners/registry.ts';
import { DEFAULT_TIMEOUT_MS, isLockdown, type TestOptions } from './options.ts';
import type { RunRecordings } from './recordings.ts';
import type { SampleResult, SentRequest } from './results.ts';
import { endpointOf, type Selected } from './select.ts';

export interface LanguageContext {
  options: TestOptions;
  server: ReplayServer;
  recordings: RunRecordings;
  routes: ReadonlyMap<string, RouteInfo> | undefined;
  workDir: string;
  sandbox: Sandboxing;
  emit(result: SampleResult): void;
}

/** Runs one language's samples; resolves to the client that ran them, if any did. */
export async function runLanguage(
  language: LanguageId,
  entries: Selected[],
  context: LanguageContext,
): Promise<{ client: string; notes?: string[] } | undefined> {
  const { options, emit } = context;
  const label = options.profile.languages.find((l) => l.id === language)?.label ?? language;
  const base = (entry: Selected) => baseResult(entry, null);
  const skipAll = (reason: string, asError = false) => {
    for (const entry of entries) {
      emit({ ...base(entry), verdict: asError ? 'error' : 'skip', reason, ...(asError ? { error: { kind: 'harness' as const, message: reason } } : {}) });
    }
  };

  const supported = entries.filter((entry) => entry.sample.supported);
  for (const entry of entries.filter((e) => !e.sample.supported)) {
    emit({ ...base(entry), verdict: 'skip', reason: `the profile does not know the language of tab "${entry.sample.title}"` });
  }
  if (supported.length === 0) return undefined;
  entries = supported;

  const runner: Runner | undefined = await loadRunner(language);
  if (!runner) {
    // --require-all: every language must run, so one doc-harness cannot run yet is an error too.
    skipAll(`doc-harness has no ${label} runner yet`, options.requireAll);
    return undefined;
  }
  const env: RunnerEnv = {
    cacheDir: options.cacheDir,
    workDir: path.join(context.workDir, language),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    sdkVersion: options.sdk?.[language],
    isolate: options.isolate ?? false,
    apiKey: options.profile.fakeApiKey,
    workers: options.jobs ?? 1,
    apiOrigin: options.profile.apiOrigin,
    sandbox: context.sandbox,
    offline: isLockdown(options.env),
    signal: options.signal,
  };
  // A runner that throws (an unwritable cache, a broken install) fails its own samples, not the run.
  const harnessError = (entry: Selected, message: string, client: string | null) =>
    emit({ ...baseResult(entry, client), verdict: 'error', reason: `harness: ${message}`, error: { kind: 'harness', message } });
  let toolchain: Toolchain;
  try {
    toolchain = await runner.prepare(env);
  } catch (error) {
    const message = `the ${label} runner could not get ready: ${oneLine(error)}`;
    for (const entry of entries) harnessError(entry, message, null);
    return { client: `not run: ${message}` };
  }
  if (!toolchain.ready) {
    // A client the run may not install (CI), or one the user asked for by version or path, that is
    // not there is an error; a default client missing on a developer's machine is a skip.
    const asError = options.requireAll === true || env.offline === true || env.sdkVersion !== undefined;
    skipAll(`${label}: ${toolchain.reason}`, asError);
    return { client: `not run: ${toolchain.reason}` };
  }
  const client = `${toolchain.client} ${toolchain.version}`;

  const jobs: RunJob[] = [];
  const byId = new Map<string, Selected>();
  for (const entry of entries) {
    const missing = context.recordings.missing.get(entry.example.id);
    if (missing) {
      emit({ ...baseResult(entry, null), verdict: 'error', reason: `recording: ${missing}`, error: { kind: 'recording', message: missing } });
      continue;
    }
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
      emit(resultOf(entry, run, client, context));
    }
  } catch (error) {
    failure = oneLine(error);
  }
  if (options.signal?.aborted) {
    for (const entry of byId.values()) emit({ ...baseResult(entry, client), verdict: 'skip', reason: 'interrupted before it finished' });
    return { client, notes: toolchain.notes };
  }
  // A runner must answer every job; one that did not is doc-harness's bug, said as such.
  for (const entry of byId.values()) {
    harnessError(entry, failure ? `the ${label} runner failed: ${failure}` : `the ${label} runner gave no result for this sample`, client);
  }
  return { client, notes: toolchain.notes };
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

function baseResult(entry: Selected, client: string | null): Omit<SampleResult, 'verdict' | 'reason'> {
  const { example, sample } = entry;
  return {
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
