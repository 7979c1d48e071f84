// `--reporter junit` (`--junit FILE`): JUnit XML as CI systems show test results, valid against
// the Jenkins JUnit schema the viewers read. One <testsuite> per page, one <testcase> per sample:
// fail → <failure>, error → <error>, skip → <skipped>; the schema has no place for a file and line
// of their own, so they lead the test's name and the failure's text. A failure the expectations
// file expects is <skipped> with its reason (as pytest writes an xfail), its verdict in
// <system-out>; one that passes now is a pass, a <failure type="fixed"> under
// --strict-expectations. A result from the cache says so in <system-out>.
import { isProblem, type SampleResult } from '../../engine/results.ts';
import type { ReporterContext, TestReporter } from './reporter.ts';
import type { TestReport } from './report.ts';

export function junitReporter({ write, profile }: ReporterContext): TestReporter {
  const label = (language: string) => profile.languages.find((l) => l.id === language)?.label ?? language;
  return {
    onFinish(report) {
      write(junitXml(report, label));
    },
  };
}

export function junitXml(report: TestReport, label: (language: string) => string = (language) => language): string {
  const byFile = new Map<string, SampleResult[]>();
  for (const result of report.results) byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
  const { summary } = report;
  const strict = summary.strictExpectations === true;
  // An expected failure is reported as skipped, and counted so; a fixed one under --strict-expectations as a failure.
  const failures = (results: readonly SampleResult[]) => results.filter((r) => (r.verdict === 'fail' && isProblem(r)) || (strict && r.expectation?.state === 'fixed')).length;
  const errors = (results: readonly SampleResult[]) => results.filter((r) => r.verdict === 'error' && isProblem(r)).length;
  const skipped = (results: readonly SampleResult[]) => results.filter((r) => r.verdict === 'skip' || r.expectation?.state === 'expected').length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="doc-harness" tests="${summary.total}" failures="${failures(report.results)}" errors="${errors(report.results)}" time="${seconds(summary.durationMs)}">`,
  ];
  for (const [file, results] of byFile) {
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    lines.push(
      `  <testsuite name="${esc(file)}" tests="${results.length}" failures="${failures(results)}" errors="${errors(results)}" skipped="${skipped(results)}" time="${seconds(time)}" timestamp="${esc(report.createdAt)}">`,
    );
    // An interrupted run says so where CI shows it: in the report itself.
    if (summary.incomplete) lines.push('    <properties><property name="incomplete" value="true"/></properties>');
    for (const result of results) lines.push(...testcase(result, label, strict));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function testcase(result: SampleResult, label: (language: string) => string, strictExpectations: boolean): string[] {
  const line = result.error?.line ?? result.line;
  const column = result.error?.column ?? result.column;
  const name = `${result.file}:${result.line} ${label(result.language)}: ${result.endpoint ?? result.title}`;
  const lines = [`    <testcase classname="${esc(result.file)}" name="${esc(name)}" time="${seconds(result.durationMs)}">`];
  const expectation = result.expectation;
  const known = expectation ? `${expectation.reason}${expectation.link ? ` (${expectation.link})` : ''}` : '';
  const where = `${result.file}:${line}:${column}`;
  if (result.verdict === 'skip') lines.push(`      <skipped>${esc(result.reason)}</skipped>`);
  else if (expectation?.state === 'expected') lines.push(`      <skipped>${esc(`expected ${expectation.verdict} (known defect): ${known}`)}</skipped>`);
  if (isProblem(result)) {
    const tag = result.verdict === 'fail' ? 'failure' : 'error';
    const type = result.verdict === 'fail' ? 'response-mismatch' : (result.error?.kind ?? 'error');
    const body = [where, ...(result.differences ?? [result.reason]), result.error?.detail ?? '', expectation ? `expected ${expectation.verdict}, not ${result.verdict}: ${known}` : ''].filter(Boolean).join('\n');
    lines.push(`      <${tag} type="${esc(type)}" message="${esc(result.reason)}">${esc(body)}</${tag}>`);
  }
  if (expectation?.state === 'fixed' && strictExpectations) {
    const message = `expected to ${expectation.verdict} (${known}) but passes now: remove it from the expectations file`;
    lines.push(`      <failure type="fixed" message="${esc(message)}">${esc(`${where}\n${message}`)}</failure>`);
  }
  const out = [
    ...(result.client ? [`client: ${result.client}`] : []),
    ...(expectation?.state === 'expected' ? [`${result.verdict}: ${where} ${result.reason}`] : []),
    ...(expectation?.state === 'fixed' && !strictExpectations ? [`fixed: expected to ${expectation.verdict} (${known}), passes now`] : []),
    ...(result.cached ? ['cached: the verdict of an earlier run; nothing it depends on changed'] : []),
  ];
  if (out.length) lines.push(`      <system-out>${esc(out.join('\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * XML-escapes text for an attribute or element body; drops characters XML 1.0 cannot hold. Line
 * breaks and tabs become character references, which an attribute keeps and a parser would not.
 */
function esc(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
