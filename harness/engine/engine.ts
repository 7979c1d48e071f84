// `doc-harness test`: every selected sample run by its language's runner against the replay
// server, its returned value judged against the response its tab documents, and every request it
// sent checked against its example's recording.
import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../extract/index.ts';
// The mock's server, the sandbox and git load only when a run needs them: a run answered from
// the result cache needs none of them, and a docs author waits for every module loaded.
import type { ReplayServer, RequestLogEntry } from '../mock/server.ts';
import { cassetteFileFor, pageOfExample } from '../mock/cassette.ts';
import { findDocsRoot, RECORDINGS_FOLDER } from '../mock/store.ts';
import { cleanCache, readJson } from '../run/install/index.ts';
import type { Sandboxing } from '../run/sandbox/index.ts';
import type { Diagnostic, LanguageId } from '../model.ts';
import { ResultCache, fromCache, type CacheSettings } from './cache.ts';
import { applyExpectation } from './expectations.ts';
import { baseResult, clientOf, notRun, prepareLanguage, runLanguage, type LanguageContext, type LanguageSetup } from './language.ts';
import { DEFAULT_TIMEOUT_MS, type TestOptions } from './options.ts';
import { recordingsFor, type RunRecordings } from './recordings.ts';
import { countResults, expectationCounts, type RunPlan, type SampleResult, type TestSummary } from './results.ts';
import { inShard, type Shard } from './shard.ts';
import { cassetteDiagnostics, otherDocsRoots } from './run-diagnostics.ts';
import { pagesOf, select, type Selected } from './select.ts';
import { ToolchainMemo } from './toolchains.ts';

export { DEFAULT_TIMEOUT_MS, isLockdown, type TestOptions } from './options.ts';
import { isLockdown } from './options.ts';

export interface TestRun {
  results: SampleResult[];
  summary: TestSummary;
  /** Extraction's diagnostics and what deriving recordings said. */
  diagnostics: Diagnostic[];
  recordings: RunRecordings;
  /** Every request the mock answered in this run, in order, whichever sample sent it. */
  mockLog: RequestLogEntry[];
  /** The docs root (absolute): the folder the recordings belong to, and whose git commit reports name. */
  docsRoot: string;
  /** `--shard i/n`: which share of the pages this run took. */
  shard?: { index: number; count: number };
}

/** What reports need beyond the run's own options. */
export interface TestRunOptions extends TestOptions {
  /** `--shard i/n`: only this shard's pages. */
  shard?: Shard;
  /** Once the samples are chosen, before any runs (live progress). */
  onPlan?: (plan: RunPlan) => void;
}


export async function runTests(options: TestRunOptions): Promise<TestRun> {
  const started = performance.now();
  const { profile } = options;
  const extracted = await extract(options.paths, { cwd: options.cwd, profile, root: findDocsRoot, cacheDir: options.cache === false ? undefined : options.cacheDir });
  const chosen = select(extracted.pages, options);
  const lockdown = isLockdown(options.env);
  const folder = options.recordings ? path.resolve(options.cwd, options.recordings) : path.join(extracted.root, RECORDINGS_FOLDER);
  const changed = options.changed === undefined ? undefined : await (await import('./changed.ts')).changedFiles(extracted.root, options.changed);
  const sharded = options.shard ? inShard(chosen, options.shard) : chosen;
  const results: SampleResult[] = [];
  let sandboxDescription = '';
  let mockLog: RequestLogEntry[] = [];
  const clients: Record<LanguageId, string> = {};
  const notes: Record<LanguageId, string[]> = {};

  // Installs a killed run left half-way are never used; they are removed here.
  await cleanCache(options.cacheDir);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'doc-harness-run-'));
  let server: ReplayServer | undefined;
  let recordings: RunRecordings | undefined;
  const cache = options.cache === false ? undefined : new ResultCache(options.cacheDir, profile, cacheSettings(options));
  try {
    // Every language's client is found first: which one runs a sample is part of its cache key,
    // and `--changed` runs all of a language whose client is not the one the last run used.
    const languages = [...new Set(sharded.map((entry) => entry.sample.language))];
    let preparing: Promise<Sandboxing> | undefined;
    const sandbox = () => (preparing ??= import('../run/sandbox/index.ts').then(({ createSandboxing }) => createSandboxing({ mode: 'none', workDir: path.join(workDir, 'prepare') })));
    const memo = cache ? new ToolchainMemo(options.cacheDir) : undefined;
    const setups = new Map((await Promise.all(languages.map((language) => prepareLanguage(language, options, { workDir, sandbox, memo })))).map((setup) => [setup.language, setup]));
    await memo?.save();
    for (const setup of setups.values()) {
      const client = clientOf(setup);
      if (client) clients[setup.language] = client;
      else if (setup.toolchain && !setup.toolchain.ready) clients[setup.language] = `not run: ${setup.toolchain.reason}`;
      else if (setup.failure) clients[setup.language] = `not run: ${setup.failure}`;
      if (setup.toolchain?.ready && setup.toolchain.notes?.length) notes[setup.language] = setup.toolchain.notes;
    }
    const selected = changed ? await onlyChanged(sharded, changed, { options, setups, folder }) : sharded;
    const loaded = await recordingsFor(pagesOf(selected), { folder, lockdown, profile, cwd: options.cwd, cacheDir: options.cacheDir });
    recordings = loaded;
    const recordingOf = definitionsByExample(loaded);

    // Each result carries its sample as the page shows it and its documented value, for reports;
    // what the expectations file says of it; and, when it was judged now, goes into the cache.
    const keys = new Map<Selected, string>();
    const emit = (result: SampleResult, entry: Selected) => {
      result.code = { request: entry.sample.request.code, response: entry.sample.response.code };
      if (entry.read.response?.ok) result.documented = entry.read.response.value;
      applyExpectation(result, options.expectations);
      const key = keys.get(entry);
      if (key && cache && !options.signal?.aborted) cache.put(key, result);
      results.push(result);
      options.onResult?.(result);
    };

    const byLanguage = new Map<LanguageId, Selected[]>();
    for (const entry of selected) byLanguage.set(entry.sample.language, [...(byLanguage.get(entry.sample.language) ?? []), entry]);

    // What need not run: samples that cannot, and samples whose verdict is in the cache.
    const known: Array<[SampleResult, Selected]> = [];
    const toRun = new Map<LanguageId, Selected[]>();
    const decided = await Promise.all(
      selected.map(async (entry) => {
        const setup = setups.get(entry.sample.language)!;
        const unrunnable = notRun(entry, setup, options, loaded);
        if (unrunnable || !cache || !setup.toolchain?.ready) return unrunnable;
        const key = cache.key(entry, setup.toolchain, recordingOf.get(entry.example.id) ?? []);
        keys.set(entry, key);
        const hit = await cache.get(key);
        return hit && fromCache(hit, baseResult(entry, null));
      }),
    );
    selected.forEach((entry, index) => {
      const result = decided[index];
      if (result) known.push([result, entry]);
      else toRun.set(entry.sample.language, [...(toRun.get(entry.sample.language) ?? []), entry]);
    });

    // The mock and the sandbox, before anything is reported: where no sandbox can be made the
    // run stops here, having said nothing else.
    let context: LanguageContext | undefined;
    if (toRun.size > 0 && !options.signal?.aborted) {
      const socketPath = path.join(workDir, 'mock.sock');
      const [{ startReplayServer }, { createSandboxing }] = await Promise.all([import('../mock/server.ts'), import('../run/sandbox/index.ts')]);
      server = await startReplayServer({ profile, recordings: loaded.definitions, lockdown, socketPath });
      // Sandboxes reach the mock only through this socket, bound into each of them.
      const sandbox = await createSandboxing({
        mode: options.sandbox ?? 'auto',
        workDir: path.join(workDir, 'boxes'),
        mock: { port: server.port, socket: socketPath },
        limits: options.limits,
      });
      sandboxDescription = sandbox.description;
      context = { options, server, routes: await profile.loadRoutes?.(), sandbox, emit };
    }
    options.onPlan?.({ total: selected.length, languages: [...byLanguage].map(([language, entries]) => ({ language, samples: entries.length })) });
    for (const [result, entry] of known) emit(result, entry);
    if (context) await Promise.all([...toRun].map(([language, entries]) => runLanguage(setups.get(language)!, entries, context)));
    await cache?.flush();
    await rememberClients(options.cacheDir, setups);
  } finally {
    mockLog = server?.requests() ?? [];
    await server?.close();
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
  const ran = new Set(results.map((result) => result.language));
  const cached = results.filter((result) => result.cached).length;
  const summary: TestSummary = {
    ...all,
    byLanguage,
    // Only the languages the run had samples of, as before the cache: one a --changed run left out says nothing.
    clients: inOrder(Object.fromEntries(Object.entries(clients).filter(([language]) => ran.has(language))), order),
    sandbox: sandboxDescription,
    ...(options.signal?.aborted ? { incomplete: true } : {}),
    notes: inOrder(Object.fromEntries(Object.entries(notes).filter(([language]) => ran.has(language))), order),
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
    ...expectationCounts(results),
    ...(options.strictExpectations ? { strictExpectations: true as const } : {}),
    ...(cached ? { cached } : {}),
  };
  const shard = options.shard ? { index: options.shard.index, count: options.shard.count } : undefined;
  return { results, summary, diagnostics, recordings, mockLog, docsRoot: extracted.root, ...(shard ? { shard } : {}) };
}

/** What a run's options add to every cache key. */
function cacheSettings(options: TestOptions): CacheSettings {
  return {
    strict: options.strict === true,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    sandbox: options.sandbox ?? 'auto',
    limits: options.limits ?? {},
    isolate: options.isolate === true,
    apiKey: options.profile.fakeApiKey,
  };
}

/** Each example's recording as loaded: part of its samples' cache keys. */
function definitionsByExample(recordings: RunRecordings): Map<string, unknown[]> {
  const byExample = new Map<string, unknown[]>();
  for (const definition of recordings.definitions) {
    if (!definition.example) continue;
    byExample.set(definition.example, [...(byExample.get(definition.example) ?? []), definition]);
  }
  return byExample;
}

/**
 * `--changed`: the samples of pages that differ from the ref (the page, or its recordings), and
 * every sample of a language whose client is not the one the last run in this cache used (or
 * that `--sdk` names): a new client can change any verdict.
 */
async function onlyChanged(
  entries: Selected[],
  changed: Set<string>,
  context: { options: TestOptions; setups: Map<LanguageId, LanguageSetup>; folder: string },
): Promise<Selected[]> {
  const { options, setups, folder } = context;
  const previous = await lastClients(options.cacheDir);
  const allOf = new Set(
    [...setups.values()].filter((setup) => options.sdk?.[setup.language] !== undefined || (clientOf(setup) && previous[setup.language] !== clientOf(setup))).map((s) => s.language),
  );
  const real = (file: string) => {
    try {
      return realpathSync(file);
    } catch {
      return file;
    }
  };
  const touched = new Set([...changed].map(real));
  return entries.filter(({ page, example, sample }) => {
    if (allOf.has(sample.language)) return true;
    const cassette = path.join(folder, cassetteFileFor(pageOfExample(example.id)));
    return touched.has(real(path.resolve(options.cwd, page.file))) || touched.has(real(cassette));
  });
}

const CLIENTS_FILE = 'last-clients.json';

/** The client each language ran with in the last run that used this cache. */
async function lastClients(cacheDir: string): Promise<Record<LanguageId, string>> {
  return (await readJson<Record<LanguageId, string>>(path.join(cacheDir, 'results', CLIENTS_FILE))) ?? {};
}

async function rememberClients(cacheDir: string, setups: Map<LanguageId, LanguageSetup>): Promise<void> {
  const now = Object.fromEntries([...setups.values()].flatMap((setup) => (clientOf(setup) ? [[setup.language, clientOf(setup)]] : [])));
  if (Object.keys(now).length === 0) return;
  const file = path.join(cacheDir, 'results', CLIENTS_FILE);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ ...(await lastClients(cacheDir)), ...now }, null, 2)}\n`);
  } catch {
    // Without it, the next --changed run treats every client as new: slower, never wrong.
  }
}

/** The languages' entries in the profile's order, so that reports read the same every run. */
function inOrder<T>(byLanguage: Record<LanguageId, T>, order: Map<LanguageId, number>): Record<LanguageId, T> {
  const keys = Object.keys(byLanguage).sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, byLanguage[key]]));
}

