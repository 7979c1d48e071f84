// `doc-harness compare <before.json> <after.json>`: what changed between two runs of the same
// docs — typically the same docs run against two releases of a client (`--sdk javascript=<old>`,
// then `<new>`). Samples are matched by example and tab; each lands in one list: newly failing,
// newly passing, still failing, a returned value that changed while the verdict did not, or a
// sample only one run had.
import { compareValues, type Difference } from '../compare/values.ts';
import { show } from '../compare/format.ts';
import type { Counts, SampleResult } from '../engine/results.ts';
import type { LanguageId } from '../model.ts';
import { emptyCounts } from '../engine/results.ts';
import type { TestReport } from './test/report.ts';

export const COMPARISON_SCHEMA_VERSION = 1;

export type ChangeKind = 'newly-failing' | 'newly-passing' | 'still-failing' | 'value-changed' | 'added' | 'removed';

export interface SideOf {
  verdict: SampleResult['verdict'];
  reason: string;
  client: string | null;
  line: number;
}

export interface SampleChange {
  kind: ChangeKind;
  file: string;
  exampleId: string;
  language: LanguageId;
  tab: string;
  endpoint: string | null;
  title: string;
  before: SideOf | null;
  after: SideOf | null;
  /** For a changed returned value (and a newly failing or passing sample that returned values in both runs): where the values differ. */
  valueChanges?: string[];
}

export interface LanguageComparison {
  language: LanguageId;
  client: { before: string | null; after: string | null };
  before: Counts;
  after: Counts;
  changes: Record<ChangeKind, number>;
}

export interface ReportComparison {
  schemaVersion: typeof COMPARISON_SCHEMA_VERSION;
  before: RunOf;
  after: RunOf;
  languages: LanguageComparison[];
  changes: SampleChange[];
}

interface RunOf {
  file: string;
  createdAt: string;
  docsCommit: string | null;
  summary: Counts;
}

const FAILING = new Set(['fail', 'error']);
const KINDS: ChangeKind[] = ['newly-failing', 'newly-passing', 'still-failing', 'value-changed', 'added', 'removed'];

/** A sample's identity across two runs: its example, its language and which tab of that language. */
function keyOf(result: SampleResult): string {
  return `${result.exampleId}\u0000${result.language}\u0000${result.tab}`;
}

export function compareReports(before: TestReport, after: TestReport, files: { before: string; after: string }): ReportComparison {
  const olds = new Map(before.results.map((r) => [keyOf(r), r]));
  const news = new Map(after.results.map((r) => [keyOf(r), r]));
  const changes: SampleChange[] = [];
  for (const [key, now] of news) {
    const then = olds.get(key);
    const change = classify(then, now);
    if (change) changes.push(change);
  }
  for (const [key, then] of olds) if (!news.has(key)) changes.push(changeOf('removed', then, undefined));

  const languages = [...new Set([...Object.keys(before.summary.byLanguage), ...Object.keys(after.summary.byLanguage)])];
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    before: runOf(before, files.before),
    after: runOf(after, files.after),
    languages: languages.map((language) => ({
      language,
      client: { before: before.summary.clients[language] ?? null, after: after.summary.clients[language] ?? null },
      before: before.summary.byLanguage[language] ?? emptyCounts(),
      after: after.summary.byLanguage[language] ?? emptyCounts(),
      changes: Object.fromEntries(KINDS.map((kind) => [kind, changes.filter((c) => c.language === language && c.kind === kind).length])) as Record<ChangeKind, number>,
    })),
    changes,
  };
}

function classify(then: SampleResult | undefined, now: SampleResult): SampleChange | undefined {
  if (!then) return FAILING.has(now.verdict) ? changeOf('newly-failing', undefined, now) : changeOf('added', undefined, now);
  const wasFailing = FAILING.has(then.verdict);
  const isFailing = FAILING.has(now.verdict);
  const values = valueChanges(then, now);
  if (!wasFailing && isFailing) return changeOf('newly-failing', then, now, values);
  if (wasFailing && now.verdict === 'pass') return changeOf('newly-passing', then, now, values);
  if (wasFailing && isFailing) return changeOf('still-failing', then, now, values);
  if (values?.length) return changeOf('value-changed', then, now, values);
  return undefined;
}

function changeOf(kind: ChangeKind, then: SampleResult | undefined, now: SampleResult | undefined, values?: string[]): SampleChange {
  const any = (now ?? then)!;
  const side = (r: SampleResult | undefined): SideOf | null => (r ? { verdict: r.verdict, reason: r.reason, client: r.client, line: r.line } : null);
  return {
    kind,
    file: any.file,
    exampleId: any.exampleId,
    language: any.language,
    tab: any.tab,
    endpoint: any.endpoint,
    title: any.title,
    before: side(then),
    after: side(now),
    ...(values?.length ? { valueChanges: values } : {}),
  };
}

/** Where the two runs' returned values differ (exact comparison), or undefined when either did not return one. */
function valueChanges(then: SampleResult, now: SampleResult): string[] | undefined {
  if (!then.returned || !now.returned) return undefined;
  return compareValues(then.returned, now.returned, { strict: true }).differences.map(describe);
}

function describe(difference: Difference): string {
  const { path, documented: before, returned: after } = difference;
  switch (difference.kind) {
    case 'missing':
      return `${path}: ${show(before)} before, gone after`;
    case 'extra':
      return `${path}: new, ${show(after)}`;
    case 'length':
      return `${path}: ${(before as unknown[]).length} item(s) before, ${(after as unknown[]).length} after`;
    case 'void':
      return `${path}: ${before === undefined ? 'void' : show(before)} before, ${after === undefined ? 'void' : show(after)} after`;
    case 'different':
      return `${path}: ${show(before)} before, ${show(after)} after`;
  }
}

function runOf(report: TestReport, file: string): RunOf {
  const { total, pass, fail, error, skip } = report.summary;
  return { file, createdAt: report.createdAt, docsCommit: report.docs.commit, summary: { total, pass, fail, error, skip } };
}

/** 1 when anything newly fails. */
export function comparisonExitCode(comparison: ReportComparison): number {
  return comparison.changes.some((change) => change.kind === 'newly-failing') ? 1 : 0;
}
