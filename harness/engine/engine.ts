// `doc-harness test`: every selected sample run by its language's runner against the replay
// server, its returned value judged against the response its tab documents, and every request it
// sent checked against its example's recording.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { judge } from '../compare/verdict.ts';
import { extract } from '../extract/index.ts';
import { exampleBaseUrl, findDocsRoot, RECORDINGS_FOLDER, startReplayServer, type ReplayServer } from '../mock/index.ts';
import type { Diagnostic, Example, LanguageId, Page, Sample } from '../model.ts';
import type { Profile, RouteInfo } from '../profile.ts';
import { oneLine } from '../run/pool.ts';
import type { RunJob, Runner, RunnerEnv, SampleRun, Toolchain } from '../run/types.ts';
import { readSample, type ReadSample } from '../values/read-example.ts';
import { loadRunner } from '../../runners/registry.ts';
import { recordingsFor, type RunRecordings } from './recordings.ts';
import { countResults, type SampleResult, type SentRequest, type TestSummary } from './results.ts';

export interface TestOptions {
  paths: string[];
  cwd: string;
  /** The environment the run reads (CI, DOC_HARNESS_MODE); never the snippets'. */
  env: Record<string, string | undefined>;
  profile: Profile;
  /** Only these languages (`--lang`); all when empty. */
  languages?: string[];
  /** Only examples whose `file:line endpoint title` matches (`--grep`). */
  grep?: RegExp;
  isolate?: boolean;
  strict?: boolean;
  timeoutMs?: number;
  /** Samples of one language run at once. */
  jobs?: number;
  /** The recordings folder; default `<docs root>/__recordings__`. */
  recordings?: string;
  /** `--sdk <language>=<version>`. */
  sdk?: Record<LanguageId, string>;
  /** A language whose toolchain is missing is an error, not a skip. */
  requireAll?: boolean;
  cacheDir: string;
  /** Called as each result is known, for reporters that stream. */
  onResult?: (result: SampleResult) => void;
}

export interface TestRun {
  results: SampleResult[];
  summary: TestSummary;
  /** Extraction's diagnostics and what deriving recordings said. */
  diagnostics: Diagnostic[];
  recordings: RunRecordings;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

interface Selected {
  page: Page;
  example: Example;
  sample: Sample;
  read: ReadSample;
}

/** CI replays only: `CI=true` or `DOC_HARNESS_MODE=lockdown`. */
export function isLockdown(env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  return env.DOC_HARNESS_MODE === 'lockdown' || (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false');
}

export async function runTests(options: TestOptions): Promise<TestRun> {
  const started = performance.now();
  const { profile } = options;
  const extracted = await extract(options.paths, { cwd: options.cwd, profile, root: findDocsRoot });
  const selected = select(extracted.pages, options);
  const lockdown = isLockdown(options.env);
  const folder = options.recordings ? path.resolve(options.cwd, options.recordings) : path.join(extracted.root, RECORDINGS_FOLDER);
  const pages = pagesOf(selected);
  const recordings = await recordingsFor(pages, { folder, lockdown, profile, cwd: options.cwd });
  const routes = await profile.loadRoutes?.();

  const results: SampleResult[] = [];
  const clients: Record<LanguageId, string> = {};
  const notes: Record<LanguageId, string[]> = {};
  const emit = (result: SampleResult) => {
    results.push(result);
    options.onResult?.(result);
  };

  const server = await startReplayServer({ profile, recordings: recordings.definitions, lockdown });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'doc-harness-run-'));
  try {
    const byLanguage = new Map<LanguageId, Selected[]>();
    for (const entry of selected) byLanguage.set(entry.sample.language, [...(byLanguage.get(entry.sample.language) ?? []), entry]);
    await Promise.all(
      [...byLanguage].map(async ([language, entries]) => {
        const outcome = await runLanguage(language, entries, { options, server, recordings, routes, workDir, emit });
        if (outcome) {
          clients[language] = outcome.client;
          if (outcome.notes?.length) notes[language] = outcome.notes;
        }
      }),
    );
  } finally {
    await server.close();
    await rm(workDir, { recursive: true, force: true });
  }

  const order = new Map(profile.languages.map((language, index) => [language.id, index]));
  results.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.exampleLine - b.exampleLine ||
      (order.get(a.language) ?? 99) - (order.get(b.language) ?? 99) ||
      a.line - b.line,
  );
  const diagnostics = [
    ...extracted.diagnostics,
    ...otherDocsRoots(extracted.pages, extracted.root, options),
    ...recordings.diagnostics,
    ...cassetteDiagnostics(recordings, options.cwd),
  ];
  const { all, byLanguage } = countResults(results);
  const summary: TestSummary = {
    ...all,
    byLanguage,
    clients: inOrder(clients, order),
    notes: inOrder(notes, order),
    recordings: {
      mode: lockdown ? 'lockdown' : 'replay',
      folder: path.relative(options.cwd, folder) || '.',
      loaded: recordings.loaded.size,
      derived: recordings.derived.size,
      missing: recordings.missing.size,
    },
    diagnostics: {
      error: diagnostics.filter((d) => d.severity === 'error').length,
      warning: diagnostics.filter((d) => d.severity === 'warning').length,
      info: diagnostics.filter((d) => d.severity === 'info').length,
    },
    durationMs: Math.round(performance.now() - started),
  };
  return { results, summary, diagnostics, recordings };
}

/** The languages' entries in the profile's order, so that reports read the same every run. */
function inOrder<T>(byLanguage: Record<LanguageId, T>, order: Map<LanguageId, number>): Record<LanguageId, T> {
  const keys = Object.keys(byLanguage).sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, byLanguage[key]]));
}

/**
 * Pages from another docs tree that keeps its own recordings: one run uses one recordings folder,
 * so theirs would be ignored silently and their examples derived. Said, once per tree.
 */
function otherDocsRoots(pages: readonly Page[], root: string, options: TestOptions): Diagnostic[] {
  if (options.recordings) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const page of pages) {
    const own = findDocsRoot(path.dirname(path.resolve(options.cwd, page.file)));
    // findDocsRoot falls back to the page's own folder when no recordings are above it.
    if (own === root || seen.has(own) || !existsSync(path.join(own, RECORDINGS_FOLDER))) continue;
    seen.add(own);
    diagnostics.push({
      severity: 'warning',
      file: page.file,
      line: 1,
      column: 1,
      rule: 'recordings-root',
      message: `this page's docs keep recordings in ${path.relative(options.cwd, path.join(own, RECORDINGS_FOLDER)) || '.'}, but this run uses ${path.relative(options.cwd, path.join(root, RECORDINGS_FOLDER)) || '.'}; test each docs tree on its own`,
    });
  }
  return diagnostics;
}

/** A cassette that did not load is an error of the run; its message names the file and JSON path. */
function cassetteDiagnostics(recordings: RunRecordings, cwd: string): Diagnostic[] {
  return recordings.errors.map((error) => ({
    severity: 'error' as const,
    file: path.relative(cwd, error.file) || error.file,
    line: 1,
    column: 1,
    message: error.message,
    rule: 'recording-invalid',
  }));
}

function select(pages: readonly Page[], options: TestOptions): Selected[] {
  const languages = options.languages?.length ? new Set(options.languages) : null;
  const selected: Selected[] = [];
  for (const page of pages) {
    for (const example of page.examples) {
      const name = `${example.file}:${example.line} ${endpointOf(example) ?? ''} ${example.title}`;
      if (options.grep && !options.grep.test(name)) continue;
      for (const sample of example.samples) {
        if (languages && !languages.has(sample.language)) continue;
        selected.push({ page, example, sample, read: readSample(sample) });
      }
    }
  }
  return selected;
}

function pagesOf(selected: readonly Selected[]): Page[] {
  const examples = new Map<Page, Set<Example>>();
  for (const { page, example } of selected) examples.set(page, (examples.get(page) ?? new Set()).add(example));
  return [...examples].map(([page, set]) => ({ ...page, examples: [...set] }));
}

function endpointOf(example: Example): string | null {
  return example.endpoint ? `${example.endpoint.method} ${example.endpoint.path}` : null;
}

interface LanguageContext {
  options: TestOptions;
  server: ReplayServer;
  recordings: RunRecordings;
  routes: ReadonlyMap<string, RouteInfo> | undefined;
  workDir: string;
  emit(result: SampleResult): void;
}

/** Runs one language's samples; resolves to the client that ran them, if any did. */
async function runLanguage(
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
    skipAll(`${label}: ${toolchain.reason}`, options.requireAll);
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
      const entry = byId.get(run.sampleId);
      if (!entry) continue;
      byId.delete(run.sampleId);
      emit(resultOf(entry, run, client, context));
    }
  } catch (error) {
    failure = oneLine(error);
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
  return result;
}
