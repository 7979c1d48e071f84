// `--reporter github`: for GitHub Actions. Each failure, error and error-level diagnostic becomes
// an annotation at the page's file:line (workflow commands on stdout, shown on the pull request's
// diff), and a markdown summary is appended to the step summary ($GITHUB_STEP_SUMMARY) when the
// job has one. A failure the expectations file expects is not annotated (it is listed in the
// summary); one that passes now is a warning to update the file (an error under
// --strict-expectations).
import { appendFile } from 'node:fs/promises';
import { isProblem } from '../../engine/results.ts';
import type { ReporterContext, TestReporter } from './reporter.ts';
import type { TestReport } from './report.ts';

/** Most annotations GitHub shows per step; past them, the summary still lists every failure. */
const ANNOTATIONS = 50;

export function githubReporter(context: ReporterContext): TestReporter {
  const label = (language: string) => context.profile.languages.find((l) => l.id === language)?.label ?? language;
  return {
    async onFinish(report) {
      const lines: string[] = [];
      for (const result of report.results) {
        if (result.expectation?.state === 'fixed') {
          const { verdict, reason } = result.expectation;
          const title = `doc-harness: ${label(result.language)} ${result.endpoint ?? result.title} is fixed`;
          lines.push(command(report.summary.strictExpectations ? 'error' : 'warning', { file: result.file, line: result.line, col: result.column, title }, `expected to ${verdict} (${reason}) but passes now: take it out of the expectations file`));
        }
        if (!isProblem(result)) continue;
        const message = [result.reason, ...(result.differences && result.differences.length > 1 ? result.differences : [])].join('\n');
        lines.push(
          command('error', { file: result.file, line: result.error?.line ?? result.line, col: result.error?.column ?? result.column, title: `doc-harness: ${label(result.language)} ${result.endpoint ?? result.title}` }, message),
        );
      }
      for (const diagnostic of report.diagnostics) {
        if (diagnostic.severity === 'info') continue;
        lines.push(command(diagnostic.severity, { file: diagnostic.file, line: diagnostic.line, col: diagnostic.column, title: `doc-harness: ${diagnostic.rule}` }, diagnostic.message));
      }
      if (lines.length > ANNOTATIONS) lines.splice(ANNOTATIONS, Infinity, command('warning', {}, `${lines.length - ANNOTATIONS} more problem(s) are not annotated; the step summary and the reports list them all`));
      if (lines.length) context.write(`${lines.join('\n')}\n`);
      const file = context.env.GITHUB_STEP_SUMMARY;
      if (file) await appendFile(file, stepSummary(report, label));
    },
  };
}

/** A workflow command, its properties and message escaped as the Actions toolkit does. */
function command(name: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C')}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`;
}

/** The step summary: the counts per language, then every failure and error at its file:line. */
export function stepSummary(report: TestReport, label: (language: string) => string): string {
  const { summary } = report;
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const extra = [
    ...(summary.expected ? [`${summary.expected} expected to fail`] : []),
    ...(summary.fixed ? [`${summary.fixed} fixed`] : []),
    ...(summary.cached ? [`${summary.cached} from the result cache`] : []),
  ];
  const out = [
    `### doc-harness: ${summary.pass} passed, ${summary.fail} failed, ${summary.error} errors, ${summary.skip} skipped${extra.length ? ` (${extra.join(', ')})` : ''}${summary.incomplete ? ' (incomplete)' : ''}`,
    '',
    '| language | client | pass | fail | error | skip |',
    '|---|---|---:|---:|---:|---:|',
    ...Object.entries(summary.byLanguage).map(
      ([language, n]) => `| ${cell(label(language))} | ${cell(summary.clients[language] ?? '')} | ${n.pass} | ${n.fail} | ${n.error} | ${n.skip} |`,
    ),
  ];
  const listed = report.results.filter((r) => r.verdict === 'fail' || r.verdict === 'error' || r.expectation?.state === 'fixed');
  if (listed.length) {
    out.push('', '| | sample | why |', '|---|---|---|');
    for (const r of listed) {
      const state = r.expectation?.state;
      const kind = state === 'fixed' ? '🎉 fixed' : state === 'expected' ? `➖ expected ${r.verdict}` : r.verdict === 'fail' ? '❌ fail' : '⚠️ error';
      const why = state === 'fixed' ? `expected to ${r.expectation!.verdict}: ${r.expectation!.reason}` : state === 'expected' ? `${r.reason} — known: ${r.expectation!.reason}${r.expectation!.link ? ` (${r.expectation!.link})` : ''}` : r.reason;
      out.push(`| ${kind} | \`${cell(`${r.file}:${r.error?.line ?? r.line}`)}\` ${cell(label(r.language))} ${cell(r.endpoint ?? r.title)} | ${cell(why)} |`);
    }
  }
  const commit = report.docs.commit ? ` · docs at ${report.docs.commit.slice(0, 12)}${report.docs.dirty ? ' (with uncommitted changes)' : ''}` : '';
  out.push('', `<sub>doc-harness ${report.tool.version}${commit}${report.shard ? ` · shard ${report.shard.index}/${report.shard.count}` : ''}</sub>`, '');
  return `${out.join('\n')}\n`;
}
