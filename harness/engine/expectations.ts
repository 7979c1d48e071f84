// Known defects: the expectations file names samples (`devices/get.md#1:python`) or whole
// examples (`devices/get.md#1`) that are known to fail or error, why, and where that is tracked.
// A run reports them as expected instead of failing on them, says when one is fixed, and
// `test --update-expectations` writes the run's failures into the file, so that docs that are
// not clean yet can adopt doc-harness and keep every new failure from landing.
//
//   { "expectations": [ { "id": "devices/get.md#1:python", "verdict": "fail",
//                         "reason": "the SDK returns created_at as a Date", "link": "https://…" } ] }
import { readFile, writeFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { ConfigError } from '../cli/io.ts';
import type { ResultExpectation, SampleResult } from './results.ts';

export interface Expectation {
  /** A sample id (`<example id>:<language>`), or an example id for all of its samples. */
  id: string;
  verdict: 'fail' | 'error';
  reason: string;
  link?: string;
}

export interface Expectations {
  /** The file, absolute. */
  file: string;
  entries: Expectation[];
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['expectations'],
  properties: {
    $schema: { type: 'string' },
    expectations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'verdict', 'reason'],
        properties: {
          id: { type: 'string', pattern: '#\\d+(:[a-z_]+(~\\d+)?)?$' },
          verdict: { enum: ['fail', 'error'] },
          reason: { type: 'string', minLength: 1 },
          link: { type: 'string', format: 'uri' },
        },
      },
    },
  },
} as const;

let validate: ReturnType<Ajv['compile']> | undefined;

/** The expectations in `file`; a file that is not one is a configuration error (exit 2) naming what is wrong. */
export async function loadExpectations(file: string): Promise<Expectations> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`expectations file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`expectations file ${file} is not JSON: ${(error as Error).message}`);
  }
  validate ??= new Ajv({ allErrors: true }).addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i).compile(SCHEMA);
  if (!validate(data)) {
    const first = validate.errors![0];
    const where = first.instancePath || '(the top)';
    const extra = first.keyword === 'additionalProperties' ? ` "${(first.params as { additionalProperty: string }).additionalProperty}"` : '';
    throw new ConfigError(`expectations file ${file}: ${where}: ${first.message}${extra}`);
  }
  const entries = (data as { expectations: Expectation[] }).expectations;
  const twice = entries.find((entry, index) => entries.findIndex((other) => other.id === entry.id) !== index);
  if (twice) throw new ConfigError(`expectations file ${file}: ${twice.id} is listed twice`);
  return { file, entries };
}

/** The expectation that applies to a sample: its own entry, else its example's. */
export function expectationFor(expectations: Expectations, result: Pick<SampleResult, 'sampleId' | 'exampleId'>): Expectation | undefined {
  return expectations.entries.find((entry) => entry.id === result.sampleId) ?? expectations.entries.find((entry) => entry.id === result.exampleId);
}

/** Marks the result with what the file expects of it, if anything (a skipped sample is never judged). */
export function applyExpectation(result: SampleResult, expectations: Expectations | undefined): void {
  delete result.expectation;
  const expected = expectations && result.verdict !== 'skip' ? expectationFor(expectations, result) : undefined;
  if (!expected) return;
  const state: ResultExpectation['state'] = result.verdict === 'pass' ? 'fixed' : result.verdict === expected.verdict ? 'expected' : 'different';
  result.expectation = { state, verdict: expected.verdict, reason: expected.reason, ...(expected.link ? { link: expected.link } : {}) };
}

/**
 * The file after a run: every sample that failed or errored now is listed (an entry it had keeps
 * its reason and link), entries of samples that pass now are dropped, and entries of samples
 * this run did not judge (another language, another page) are kept as they were.
 */
export function updatedExpectations(previous: Expectation[], results: readonly SampleResult[]): Expectation[] {
  const judged = new Set(results.filter((r) => r.verdict !== 'skip').flatMap((r) => [r.sampleId, r.exampleId]));
  const kept = previous.filter((entry) => !judged.has(entry.id));
  const failing = results.filter((r) => r.sampleId && (r.verdict === 'fail' || r.verdict === 'error'));
  const listed = failing.map((result): Expectation => {
    const before = previous.find((entry) => entry.id === result.sampleId) ?? previous.find((entry) => entry.id === result.exampleId);
    const verdict = result.verdict as Expectation['verdict'];
    if (before && before.verdict === verdict) return { ...before, id: result.sampleId! };
    return { id: result.sampleId!, verdict, reason: result.reason };
  });
  return [...kept, ...listed].sort((a, b) => a.id.localeCompare(b.id, 'en'));
}

export async function writeExpectations(file: string, entries: Expectation[]): Promise<void> {
  await writeFile(file, `${JSON.stringify({ expectations: entries }, null, 2)}\n`);
}
