// `doc-harness merge a.json b.json …`: the reports of one docs run split across machines (`test
// --shard i/n`, or one job per language) joined into the report one machine would have written.
// Shards never share a page, so counts add up; what every shard repeats (extraction's
// diagnostics) is kept once. A sample in two reports, or one shard given twice, is refused:
// counting it twice would be a wrong report.
import { ConfigError } from '../cli/io.ts';
import { countResults, expectationCounts, type SampleResult, type TestSummary } from '../engine/results.ts';
import type { Diagnostic, LanguageId } from '../model.ts';
import { REPORT_SCHEMA_VERSION, type ShardId, type TestReport } from './test/report.ts';
import { harnessVersion } from './version.ts';

export interface MergeInput {
  file: string;
  report: TestReport;
}

export function mergeReports(inputs: readonly MergeInput[], languageOrder: readonly LanguageId[]): { report: TestReport; warnings: string[] } {
  if (inputs.length === 0) throw new ConfigError('merge needs at least one report');
  const warnings: string[] = [];
  const shards = inputs.map(({ report }) => report.shard);
  const missing = checkShards(inputs, warnings);

  const owner = new Map<string, string>();
  const results: SampleResult[] = [];
  for (const { file, report } of inputs) {
    for (const result of report.results) {
      const key = `${result.exampleId}\u0000${result.language}\u0000${result.line}`;
      const other = owner.get(key);
      if (other) throw new ConfigError(`${result.file}:${result.line} (${result.language}) is in both ${other} and ${file}: these reports overlap`);
      owner.set(key, file);
      results.push(result);
    }
  }
  const order = new Map(languageOrder.map((id, index) => [id, index]));
  results.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.exampleLine - b.exampleLine || (order.get(a.language) ?? 99) - (order.get(b.language) ?? 99) || a.line - b.line,
  );

  const diagnostics = dedupe(inputs.flatMap(({ report }) => report.diagnostics));
  const summaries = inputs.map(({ report }) => report.summary);
  const { all, byLanguage } = countResults(results);
  const first = inputs[0].report;
  const commits = new Set(inputs.map(({ report }) => report.docs.commit));
  if (commits.size > 1) warnings.push(`the reports are of different docs commits (${[...commits].map((c) => c?.slice(0, 12) ?? 'none').join(', ')})`);
  const summary: TestSummary = {
    ...all,
    byLanguage: inOrder(byLanguage, order),
    clients: inOrder(joinValues(summaries.map((s) => s.clients), (values) => values.join(' | ')), order),
    ...(missing || summaries.some((s) => s.incomplete) ? { incomplete: true } : {}),
    sandbox: [...new Set(summaries.map((s) => s.sandbox).filter(Boolean))].join(' | '),
    notes: inOrder(joinValues(summaries.map((s) => s.notes), (values) => [...new Set(values.flat())]), order),
    recordings: {
      mode: summaries.every((s) => s.recordings.mode === 'lockdown') ? 'lockdown' : 'replay',
      folder: first.summary.recordings.folder,
      loaded: sum(summaries.map((s) => s.recordings.loaded)),
      derived: sum(summaries.map((s) => s.recordings.derived)),
      missing: sum(summaries.map((s) => s.recordings.missing)),
    },
    diagnostics: {
      error: diagnostics.filter((d) => d.severity === 'error').length,
      warning: diagnostics.filter((d) => d.severity === 'warning').length,
      info: diagnostics.filter((d) => d.severity === 'info').length,
    },
    // The shards ran side by side: the merged run took as long as the slowest.
    durationMs: Math.max(...summaries.map((s) => s.durationMs)),
    ...expectationCounts(results),
    ...(summaries.some((s) => s.strictExpectations) ? { strictExpectations: true as const } : {}),
    ...(results.some((r) => r.cached) ? { cached: results.filter((r) => r.cached).length } : {}),
  };
  const report: TestReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'doc-harness', version: harnessVersion() },
    createdAt: new Date().toISOString(),
    docs: { root: first.docs.root, commit: commits.size === 1 ? first.docs.commit : null, dirty: commits.size === 1 ? inputs.some(({ report }) => report.docs.dirty) : null },
    environment: first.environment,
    shard: null,
    merged: { reports: inputs.length, shards },
    results,
    summary,
    diagnostics,
  };
  return { report, warnings };
}

/** Shards of one split, each once; true when some of the split is missing. */
function checkShards(inputs: readonly MergeInput[], warnings: string[]): boolean {
  const sharded = inputs.filter(({ report }) => report.shard);
  if (sharded.length === 0) return false;
  if (sharded.length !== inputs.length) throw new ConfigError('merge: some reports are shards and some are whole runs; a whole run already holds every shard');
  const counts = new Set(sharded.map(({ report }) => report.shard!.count));
  if (counts.size > 1) throw new ConfigError(`merge: the reports are shards of different splits (of ${[...counts].join(' and ')})`);
  const count = [...counts][0];
  const seen = new Map<number, string>();
  for (const { file, report } of sharded) {
    const { index } = report.shard as ShardId;
    if (seen.has(index)) throw new ConfigError(`merge: shard ${index}/${count} is given twice (${seen.get(index)} and ${file})`);
    seen.set(index, file);
  }
  const absent = Array.from({ length: count }, (_, k) => k + 1).filter((index) => !seen.has(index));
  if (absent.length) warnings.push(`shard(s) ${absent.map((index) => `${index}/${count}`).join(', ')} missing: the merged report is incomplete`);
  return absent.length > 0;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.severity, d.file, d.line, d.column, d.rule, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Per language, the values the reports give (the same client in every shard, usually), combined. */
function joinValues<T, R>(maps: Array<Record<LanguageId, T>>, combine: (values: T[]) => R): Record<LanguageId, R> {
  const byLanguage = new Map<LanguageId, T[]>();
  for (const map of maps) {
    for (const [language, value] of Object.entries(map)) {
      const list = byLanguage.get(language) ?? [];
      if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
      byLanguage.set(language, list);
    }
  }
  return Object.fromEntries([...byLanguage].map(([language, values]) => [language, combine(values)]));
}

function inOrder<T>(byLanguage: Record<LanguageId, T>, order: Map<LanguageId, number>): Record<LanguageId, T> {
  const keys = Object.keys(byLanguage).sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, byLanguage[key]]));
}

function sum(values: number[]): number {
  return values.reduce((total, n) => total + n, 0);
}
