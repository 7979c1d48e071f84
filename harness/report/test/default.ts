// The human report. While the run goes: live progress (progress.ts), each failure and error as it
// comes at its markdown file:line with its diff. At the end: a line per example with a mark per
// language, the failures (when they were not shown as they came), the known defects (expected,
// fixed, failing otherwise than expected), the skips grouped by reason (those the docs ask for
// one by one), a grid of languages × verdicts, the slowest samples, and a summary (clients,
// recordings, the result cache, time).
import { isProblem, type SampleResult, type TestSummary } from '../../engine/results.ts';
import type { Colors } from '../colors.ts';
import { formatDiagnostics } from '../diagnostics.ts';
import { Progress } from './progress.ts';
import type { ReporterContext, TestReporter } from './reporter.ts';
import type { TestReport } from './report.ts';

const SLOWEST = 5;

export function defaultReporter(context: ReporterContext): TestReporter {
  const progress = new Progress(context);
  let streamed = false;
  return {
    onPlan(plan) {
      progress.start(plan);
    },
    onResult(result) {
      streamed = true;
      progress.result(result, isProblem(result) ? problemLines(result, context) : []);
    },
    onFinish(report) {
      progress.stop();
      context.write(`${finalLines(report, context, streamed).join('\n')}\n`);
    },
  };
}

function finalLines(report: TestReport, context: ReporterContext, streamed: boolean): string[] {
  const { colors: c } = context;
  const out: string[] = [];
  if (streamed && report.results.length) out.push('');
  for (const group of byExample(report.results)) out.push(exampleLine(group, c));

  if (!streamed) {
    const problems = report.results.filter(isProblem);
    if (problems.length) out.push('');
    for (const result of problems) out.push(...problemLines(result, context));
  }

  const known = expectationLines(report, context);
  if (known.length) out.push('', ...known);

  // What the docs themselves skip, one by one: each is a decision someone made, and may revisit.
  const annotated = report.results.filter((r) => r.annotation !== undefined);
  if (annotated.length) out.push('');
  for (const r of annotated) out.push(`${c.yellow('SKIP')} ${r.file}:${r.line}  ${labelOf(r.language, context)}  ${r.endpoint ?? r.title}: ${r.annotation} ${c.dim('(doc-harness: skip in the page)')}`);

  const skips = new Map<string, number>();
  for (const result of report.results.filter((r) => r.verdict === 'skip' && r.annotation === undefined)) {
    const key = `${result.language}: ${result.reason}`;
    skips.set(key, (skips.get(key) ?? 0) + 1);
  }
  if (skips.size) out.push('');
  for (const [reason, count] of skips) out.push(`${c.yellow('SKIP')} ${count} sample(s) of ${reason}`);

  const diagnostics = formatDiagnostics(report.diagnostics, c);
  if (diagnostics.length) out.push('', ...diagnostics);
  out.push('', ...gridLines(report.summary, context), ...slowestLines(report.results, context), '', ...summaryLines(report, c));
  return out;
}

function byExample(results: readonly SampleResult[]): SampleResult[][] {
  const groups = new Map<string, SampleResult[]>();
  for (const result of results) groups.set(result.exampleId, [...(groups.get(result.exampleId) ?? []), result]);
  return [...groups.values()];
}

function mark(result: SampleResult, c: Colors): string {
  // A known defect keeps its verdict's mark, in the colour of something accounted for.
  if (result.expectation?.state === 'expected') return c.yellow(result.verdict === 'fail' ? '✗' : '!');
  switch (result.verdict) {
    case 'pass':
      return c.green('✓');
    case 'fail':
      return c.red('✗');
    case 'error':
      return c.red('!');
    case 'skip':
      return c.dim('-');
  }
}

function exampleLine(group: SampleResult[], c: Colors): string {
  const first = group[0];
  const marks = group.map((result) => `${mark(result, c)} ${result.verdict === 'skip' ? c.dim(result.language) : result.language}`);
  return `${first.file}:${first.exampleLine}  ${first.endpoint ?? first.title}  ${marks.join('  ')}`;
}

function labelOf(language: string, { profile }: ReporterContext): string {
  return profile.languages.find((l) => l.id === language)?.label ?? language;
}

/** A failure at its file:line:column, then its diff (one line per difference) or why it errored. */
export function problemLines(result: SampleResult, context: ReporterContext): string[] {
  const { colors: c } = context;
  const line = result.error?.line ?? result.line;
  const column = result.error?.column ?? result.column;
  const head = result.verdict === 'fail' ? c.red(c.bold('FAIL')) : c.red(c.bold('ERROR'));
  const client = result.client ? c.dim(` (${result.client})`) : '';
  const lines = [`${head} ${result.file}:${line}:${column}  ${labelOf(result.language, context)}  ${result.endpoint ?? result.title}${client}`];
  if (result.differences) for (const difference of result.differences) lines.push(`  ${difference}`);
  else lines.push(`  ${result.reason}`);
  for (const note of result.notes ?? []) lines.push(c.dim(`  note: ${note}`));
  return lines;
}

/**
 * The expectations file's samples: expected failures (with the reason and link it gives), those
 * that pass now (to take out of the file; an error under --strict-expectations), and those that
 * fail otherwise than it says (listed with the failures too).
 */
function expectationLines(report: TestReport, context: ReporterContext): string[] {
  const { colors: c } = context;
  const lines: string[] = [];
  const at = (r: SampleResult) => `${r.file}:${r.line}  ${labelOf(r.language, context)}  ${r.endpoint ?? r.title}`;
  const why = (r: SampleResult) => `${r.expectation!.reason}${r.expectation!.link ? ` (${r.expectation!.link})` : ''}`;
  for (const r of report.results) {
    const state = r.expectation?.state;
    if (state === 'expected') lines.push(`${c.yellow(`EXPECTED ${r.verdict.toUpperCase()}`)} ${at(r)}: ${why(r)}`, c.dim(`  ${r.reason}`));
    else if (state === 'fixed') {
      const head = report.summary.strictExpectations ? c.red(c.bold('FIXED')) : c.green('FIXED');
      lines.push(`${head} ${at(r)}: expected to ${r.expectation!.verdict} (${why(r)}), passes now: take it out of the expectations file`);
    } else if (state === 'different') lines.push(`${c.red('UNEXPECTED')} ${at(r)}: expected to ${r.expectation!.verdict} (${why(r)}), got ${r.verdict}`);
  }
  return lines;
}

/** Languages × verdicts, with a total row. */
function gridLines(summary: TestSummary, context: ReporterContext): string[] {
  const { colors: c } = context;
  const rows = Object.entries(summary.byLanguage).map(([language, counts]) => ({ name: labelOf(language, context), counts }));
  if (rows.length === 0) return [];
  rows.push({ name: 'all', counts: summary });
  const width = Math.max(...rows.map((row) => row.name.length), 'Language'.length) + 2;
  const columns = [
    ['pass', c.green],
    ['fail', c.red],
    ['error', c.red],
    ['skip', c.yellow],
    ['total', (s: string) => s],
  ] as const;
  const header = ` ${c.bold('Language'.padEnd(width))}${columns.map(([name]) => c.bold(name.padStart(7))).join('')}`;
  const body = rows.map(({ name, counts }) => {
    const cells = columns.map(([name, color]) => {
      const n = counts[name];
      const text = String(n).padStart(7);
      return n > 0 && name !== 'total' ? color(text) : text;
    });
    return ` ${name.padEnd(width)}${cells.join('')}`;
  });
  return [header, ...body];
}

function slowestLines(results: readonly SampleResult[], context: ReporterContext): string[] {
  // A cached result's time is an earlier run's: not this run's slowest.
  const ran = results.filter((r) => r.durationMs > 0 && !r.cached).sort((a, b) => b.durationMs - a.durationMs || a.file.localeCompare(b.file));
  if (ran.length === 0) return [];
  const { colors: c } = context;
  return [
    '',
    c.bold(` Slowest ${Math.min(SLOWEST, ran.length)} sample(s)`),
    ...ran.slice(0, SLOWEST).map((r) => `  ${`${(r.durationMs / 1000).toFixed(2)}s`.padStart(8)}  ${r.file}:${r.line}  ${labelOf(r.language, context)}  ${r.endpoint ?? r.title}`),
  ];
}

const NOTE_WIDTH = 140;

function summaryLines(report: TestReport, c: Colors): string[] {
  const { summary } = report;
  const part = (n: number, word: string, color: (s: string) => string) => (n > 0 ? color(`${n} ${word}`) : `${n} ${word}`);
  const expected = (verdict: 'fail' | 'error') => report.results.filter((r) => r.verdict === verdict && r.expectation?.state === 'expected').length;
  const known = (n: number) => (n > 0 ? ` (${n} expected)` : '');
  const counts = [
    part(summary.pass, 'passed', c.green),
    part(summary.fail, 'failed', summary.fail > expected('fail') ? c.red : c.yellow) + known(expected('fail')),
    part(summary.error, summary.error === 1 ? 'error' : 'errors', summary.error > expected('error') ? c.red : c.yellow) + known(expected('error')),
    part(summary.skip, 'skipped', c.yellow),
    ...(summary.fixed ? [(summary.strictExpectations ? c.red : c.green)(`${summary.fixed} fixed`)] : []),
  ].join(', ');
  const clients = Object.entries(summary.clients).map(([language, client]) => `${language}: ${client}`);
  const notes = Object.entries(summary.notes).flatMap(([language, list]) => list.map((note) => `${language}: ${note}`));
  const { recordings } = summary;
  const derived = recordings.derived ? `, ${recordings.derived} derived from the docs for this run (not saved; \`doc-harness record\` saves them)` : '';
  const missing = recordings.missing ? `, ${c.red(`${recordings.missing} missing`)}` : '';
  const shard = report.shard ? [`${c.bold(' Shard')}       ${report.shard.index}/${report.shard.count} (this job's share of the pages)`] : [];
  const merged = report.merged ? [`${c.bold(' Merged')}      ${report.merged.reports} report(s)`] : [];
  return [
    `${c.bold(' Samples')}     ${counts} (${summary.total})`,
    ...(clients.length ? [`${c.bold(' Clients')}     ${clients.join(' · ')}`] : []),
    ...notes.map((note) => c.dim(`             ${note.length > NOTE_WIDTH ? `${note.slice(0, NOTE_WIDTH - 1)}… (all of it in the JSON report)` : note}`)),
    `${c.bold(' Recordings')}  ${recordings.folder} (${recordings.mode}): ${recordings.loaded} loaded${derived}${missing}`,
    ...(summary.cached ? [`${c.bold(' Cache')}       ${summary.cached} of ${summary.total} from the result cache (nothing they depend on changed; --no-cache runs them)`] : []),
    ...(summary.sandbox ? [`${c.bold(' Sandbox')}     ${summary.sandbox}`] : []),
    ...shard,
    ...merged,
    `${c.bold(' Duration')}    ${(summary.durationMs / 1000).toFixed(2)}s`,
    ...(summary.incomplete
      ? [c.red(c.bold(report.merged ? ' INCOMPLETE: a shard was interrupted or is missing' : ' INTERRUPTED: these are the results the run had; the rest did not run'))]
      : []),
  ];
}
