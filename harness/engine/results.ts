// What `doc-harness test` reports: one result per sample and a summary. The JSON reporter prints
// these as they are, so their field names are a stable interface.
import type { LanguageId, Value } from '../model.ts';
import type { VerdictStatus } from '../compare/verdict.ts';
import type { RunErrorKind } from '../run/types.ts';

/** A request the sample sent, as the mock saw and answered it. */
export interface SentRequest {
  method: string;
  path?: string;
  status: number;
  matched: boolean;
  /** The mock's one-line explanation when nothing answered. */
  miss?: string;
}

/** A known defect (the expectations file): the verdict it says a sample gets, and why. */
export interface ResultExpectation {
  /**
   * `expected`: the sample got the verdict the file expects, and does not fail the run;
   * `fixed`: it was expected to fail and passes now (an error under `--strict-expectations`);
   * `different`: it fails, but not as the file says (a fail expected, an error got): it fails the run.
   */
  state: 'expected' | 'fixed' | 'different';
  verdict: 'fail' | 'error';
  reason: string;
  link?: string;
}

export interface SampleResult {
  /** The sample's id (`devices/get.md#1:python`): what the expectations file names. */
  sampleId?: string;
  /** The page, and the line of the sample's request snippet in it. */
  file: string;
  line: number;
  column: number;
  exampleId: string;
  /** The line of the example's `{% tabs %}`. */
  exampleLine: number;
  /** `POST /devices/get`, or null when the page has no endpoint line. */
  endpoint: string | null;
  title: string;
  language: LanguageId;
  /** The tab's title as written. */
  tab: string;
  verdict: VerdictStatus;
  /** One line. */
  reason: string;
  /** For a fail: one line per difference. */
  differences?: string[];
  /** For an error: what kind, and where in the markdown it points. */
  error?: { kind: RunErrorKind | 'documented' | 'recording'; message: string; line?: number; column?: number; detail?: string };
  /** What the runner changed to run the sample, or the user should know (an import added). */
  notes?: string[];
  /** `seam 1.245.0`; null when no client ran. */
  client: string | null;
  durationMs: number;
  requests: SentRequest[];
  /** The request snippet and the documented response as the page shows them (for reports that show the sample). */
  code?: { request: string; response: string };
  /** The documented response read into the canonical model; absent when it does not read. */
  documented?: Value;
  /** What the client returned, in the same model; absent when the sample did not run to a value. */
  returned?: Value;
  /** Set when the expectations file names the sample (or its example). */
  expectation?: ResultExpectation;
  /** The reason of the `<!-- doc-harness: skip … -->` annotation that skipped it. */
  annotation?: string;
  /** The verdict comes from the result cache: nothing it depends on changed since it was judged. */
  cached?: true;
}

export type Counts = Record<VerdictStatus, number> & { total: number };

export interface TestSummary extends Counts {
  byLanguage: Record<LanguageId, Counts>;
  /** Which client ran each language (`javascript: seam 1.245.0`), or why it did not. */
  clients: Record<LanguageId, string>;
  /** Set when the run was interrupted (Ctrl-C, SIGTERM): the results are those it had. */
  incomplete?: boolean;
  /** How snippets were contained in this run (the sandbox's description). */
  sandbox: string;
  /** What the user should know about a client here (an engine warning, a patched schema). */
  notes: Record<LanguageId, string[]>;
  recordings: {
    mode: 'replay' | 'lockdown';
    folder: string;
    loaded: number;
    /** Examples whose recordings were derived from the docs for this run (not saved). */
    derived: number;
    /** Examples with no recording at all. */
    missing: number;
  };
  /** Extraction problems, by severity. */
  diagnostics: { error: number; warning: number; info: number };
  durationMs: number;
  /** Failures and errors the expectations file expects (they do not fail the run). */
  expected?: number;
  /** Samples the expectations file expects to fail that pass now. */
  fixed?: number;
  /** `--strict-expectations`: a fixed sample fails the run (the file must be updated). */
  strictExpectations?: true;
  /** Results taken from the result cache. */
  cached?: number;
}

export function emptyCounts(): Counts {
  return { total: 0, pass: 0, fail: 0, error: 0, skip: 0 };
}

export function countResults(results: readonly SampleResult[]): { all: Counts; byLanguage: Record<LanguageId, Counts> } {
  const all = emptyCounts();
  const byLanguage: Record<LanguageId, Counts> = {};
  for (const result of results) {
    const counts = (byLanguage[result.language] ??= emptyCounts());
    for (const c of [all, counts]) {
      c.total += 1;
      c[result.verdict] += 1;
    }
  }
  return { all, byLanguage };
}

/** A fail or error the run answers for: one the expectations file does not expect. */
export function isProblem(result: SampleResult): boolean {
  return (result.verdict === 'fail' || result.verdict === 'error') && result.expectation?.state !== 'expected';
}

/** The expectation counts of a run's results, for its summary (absent when zero). */
export function expectationCounts(results: readonly SampleResult[]): { expected?: number; fixed?: number } {
  const expected = results.filter((r) => r.expectation?.state === 'expected').length;
  const fixed = results.filter((r) => r.expectation?.state === 'fixed').length;
  return { ...(expected ? { expected } : {}), ...(fixed ? { fixed } : {}) };
}

/** What a run is about to do, once its samples are chosen (for live progress). */
export interface RunPlan {
  total: number;
  /** Samples per language, in the order the run starts them. */
  languages: Array<{ language: LanguageId; samples: number }>;
}
