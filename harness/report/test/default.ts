// The human report: a line per example with a mark per language as results arrive, then each
// failure and error at its markdown file:line with its diff, the skips grouped by reason, and a
// summary (counts, clients, recordings, time).
import type { TestRun } from '../../engine/engine.ts';
import type { SampleResult } from '../../engine/results.ts';
import type { Colors } from '../colors.ts';
import { formatDiagnostics } from '../diagnostics.ts';
import type { ReporterContext, TestReporter } from './reporter.ts';

export const defaultReporter: TestReporter = {
  onFinish(run, context) {
    const { write, colors: c } = context;
    const out: string[] = [];
    for (const group of byExample(run.results)) out.push(exampleLine(group, context));

    const problems = run.results.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
    if (problems.length) out.push('');
    for (const result of problems) out.push(...problemLines(result, context));

    const skips = new Map<string, number>();
    for (const result of run.results.filter((r) => r.verdict === 'skip')) {
      const key = `${result.language}: ${result.reason}`;
      skips.set(key, (skips.get(key) ?? 0) + 1);
    }
    if (skips.size) out.push('');
    for (const [reason, count] of skips) out.push(`${c.yellow('SKIP')} ${count} sample(s) of ${reason}`);

    const diagnostics = formatDiagnostics(run.diagnostics, c);
    if (diagnostics.length) out.push('', ...diagnostics);
    out.push('', ...summaryLines(run, c));
    write(`${out.join('\n')}\n`);
  },
};

function byExample(results: readonly SampleResult[]): SampleResult[][] {
  const groups = new Map<string, SampleResult[]>();
  for (const result of results) groups.set(result.exampleId, [...(groups.get(result.exampleId) ?? []), result]);
  return [...groups.values()];
}

function mark(result: SampleResult, c: Colors): string {
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

function exampleLine(group: SampleResult[], { colors: c }: ReporterContext): string {
  const first = group[0];
  const marks = group.map((result) => `${mark(result, c)} ${result.verdict === 'skip' ? c.dim(result.language) : result.language}`);
  return `${first.file}:${first.exampleLine}  ${first.endpoint ?? first.title}  ${marks.join('  ')}`;
}

function problemLines(result: SampleResult, { colors: c, profile }: ReporterContext): string[] {
  const label = profile.languages.find((l) => l.id === result.language)?.label ?? result.language;
  const line = result.error?.line ?? result.line;
  const column = result.error?.column ?? result.column;
  const head = result.verdict === 'fail' ? c.red(c.bold('FAIL')) : c.red(c.bold('ERROR'));
  const client = result.client ? c.dim(` (${result.client})`) : '';
  const lines = [`${head} ${result.file}:${line}:${column}  ${label}  ${result.endpoint ?? result.title}${client}`];
  if (result.differences) for (const difference of result.differences) lines.push(`  ${difference}`);
  else lines.push(`  ${result.reason}`);
  return lines;
}

const NOTE_WIDTH = 140;

function summaryLines(run: TestRun, c: Colors): string[] {
  const { summary } = run;
  const part = (n: number, word: string, color: (s: string) => string) => (n > 0 ? color(`${n} ${word}`) : `${n} ${word}`);
  const counts = [
    part(summary.pass, 'passed', c.green),
    part(summary.fail, 'failed', c.red),
    part(summary.error, summary.error === 1 ? 'error' : 'errors', c.red),
    part(summary.skip, 'skipped', c.yellow),
  ].join(', ');
  const languages = Object.entries(summary.byLanguage)
    .map(([language, n]) => `${language} ${n.pass}/${n.total - n.skip}${n.skip ? ` (${n.skip} skipped)` : ''}`)
    .join(', ');
  const clients = Object.entries(summary.clients).map(([language, client]) => `${language}: ${client}`);
  const notes = Object.entries(summary.notes).flatMap(([language, list]) => list.map((note) => `${language}: ${note}`));
  const { recordings } = summary;
  const derived = recordings.derived ? `, ${recordings.derived} derived from the docs for this run (not saved; \`doc-harness record\` saves them)` : '';
  const missing = recordings.missing ? `, ${c.red(`${recordings.missing} missing`)}` : '';
  return [
    `${c.bold(' Samples')}     ${counts} (${summary.total})`,
    ...(languages ? [`${c.bold(' Languages')}   passed/run: ${languages}`] : []),
    ...(clients.length ? [`${c.bold(' Clients')}     ${clients.join(' · ')}`] : []),
    ...notes.map((note) => c.dim(`             ${note.length > NOTE_WIDTH ? `${note.slice(0, NOTE_WIDTH - 1)}… (all of it in --json)` : note}`)),
    `${c.bold(' Recordings')}  ${recordings.folder} (${recordings.mode}): ${recordings.loaded} loaded${derived}${missing}`,
    ...(summary.sandbox ? [`${c.bold(' Sandbox')}     ${summary.sandbox}`] : []),
    `${c.bold(' Duration')}    ${(summary.durationMs / 1000).toFixed(2)}s`,
    ...(summary.incomplete ? [c.red(c.bold(' INTERRUPTED: these are the results the run had; the rest did not run'))] : []),
  ];
}
