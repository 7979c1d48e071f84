// `doc-harness test`: every selected sample run by its language's runner against the replay
// server, its returned value judged against the response its tab documents, and every request it
// sent checked against its example's recording.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../extract/index.ts';
import { findDocsRoot, RECORDINGS_FOLDER, startReplayServer, type ReplayServer, type RequestLogEntry } from '../mock/index.ts';
import { cleanCache } from '../run/install/index.ts';
import { createSandboxing } from '../run/sandbox/index.ts';
import type { Diagnostic, LanguageId } from '../model.ts';
import { runLanguage } from './language.ts';
import type { TestOptions } from './options.ts';
import { recordingsFor, type RunRecordings } from './recordings.ts';
import { countResults, type RunPlan, type SampleResult, type TestSummary } from './results.ts';
import { inShard, type Shard } from './shard.ts';
import { cassetteDiagnostics, otherDocsRoots } from './run-diagnostics.ts';
import { pagesOf, select, type Selected } from './select.ts';

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
  const extracted = await extract(options.paths, { cwd: options.cwd, profile, root: findDocsRoot });
  const chosen = select(extracted.pages, options);
  const selected = options.shard ? inShard(chosen, options.shard) : chosen;
  const lockdown = isLockdown(options.env);
  const folder = options.recordings ? path.resolve(options.cwd, options.recordings) : path.join(extracted.root, RECORDINGS_FOLDER);
  const pages = pagesOf(selected);
  const recordings = await recordingsFor(pages, { folder, lockdown, profile, cwd: options.cwd });
  const routes = await profile.loadRoutes?.();

  const results: SampleResult[] = [];
  let sandboxDescription = '';
  let mockLog: RequestLogEntry[] = [];
  const clients: Record<LanguageId, string> = {};
  const notes: Record<LanguageId, string[]> = {};
  // Each result carries its sample as the page shows it and its documented value, for reports.
  const bySample = new Map(selected.map((entry) => [`${entry.example.id}@${entry.sample.request.codeStart.line}`, entry]));
  const emit = (result: SampleResult) => {
    const entry = bySample.get(`${result.exampleId}@${result.line}`);
    if (entry) {
      result.code = { request: entry.sample.request.code, response: entry.sample.response.code };
      if (entry.read.response?.ok) result.documented = entry.read.response.value;
    }
    results.push(result);
    options.onResult?.(result);
  };

  // Installs a killed run left half-way are never used; they are removed here.
  await cleanCache(options.cacheDir);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'doc-harness-run-'));
  let server: ReplayServer | undefined;
  try {
    // Sandboxes reach the mock only through this socket, bound into each of them.
    server = await startReplayServer({ profile, recordings: recordings.definitions, lockdown, socketPath: path.join(workDir, 'mock.sock') });
    const sandbox = await createSandboxing({
      mode: options.sandbox ?? 'auto',
      workDir: path.join(workDir, 'boxes'),
      mock: { port: server.port, socket: path.join(workDir, 'mock.sock') },
      limits: options.limits,
    });
    sandboxDescription = sandbox.description;
    const byLanguage = new Map<LanguageId, Selected[]>();
    for (const entry of selected) byLanguage.set(entry.sample.language, [...(byLanguage.get(entry.sample.language) ?? []), entry]);
    options.onPlan?.({ total: selected.length, languages: [...byLanguage].map(([language, entries]) => ({ language, samples: entries.length })) });
    await Promise.all(
      [...byLanguage].map(async ([language, entries]) => {
        const outcome = await runLanguage(language, entries, { options, server: server!, recordings, routes, workDir, sandbox, emit });
        if (outcome) {
          clients[language] = outcome.client;
          if (outcome.notes?.length) notes[language] = outcome.notes;
        }
      }),
    );
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
  const summary: TestSummary = {
    ...all,
    byLanguage,
    clients: inOrder(clients, order),
    sandbox: sandboxDescription,
    ...(options.signal?.aborted ? { incomplete: true } : {}),
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
  const shard = options.shard ? { index: options.shard.index, count: options.shard.count } : undefined;
  return { results, summary, diagnostics, recordings, mockLog, docsRoot: extracted.root, ...(shard ? { shard } : {}) };
}

/** The languages' entries in the profile's order, so that reports read the same every run. */
function inOrder<T>(byLanguage: Record<LanguageId, T>, order: Map<LanguageId, number>): Record<LanguageId, T> {
  const keys = Object.keys(byLanguage).sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, byLanguage[key]]));
}

