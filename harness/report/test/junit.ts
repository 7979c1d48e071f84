// `--reporter junit` (`--junit FILE`): JUnit XML as CI systems show test results, valid against
// the Jenkins JUnit schema the viewers read. One <testsuite> per page, one <testcase> per sample:
// fail → <failure>, error → <error>, skip → <skipped>; the schema has no place for a file and line
// of their own, so they lead the test's name and the failure's text.
import type { SampleResult } from '../../engine/results.ts';
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
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="doc-harness" tests="${summary.total}" failures="${summary.fail}" errors="${summary.error}" time="${seconds(summary.durationMs)}">`,
  ];
  for (const [file, results] of byFile) {
    const count = (verdict: string) => results.filter((r) => r.verdict === verdict).length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    lines.push(
      `  <testsuite name="${esc(file)}" tests="${results.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skip')}" time="${seconds(time)}" timestamp="${esc(report.createdAt)}">`,
    );
    // An interrupted run says so where CI shows it: in the report itself.
    if (summary.incomplete) lines.push('    <properties><property name="incomplete" value="true"/></properties>');
    for (const result of results) lines.push(...testcase(result, label));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function testcase(result: SampleResult, label: (language: string) => string): string[] {
  const line = result.error?.line ?? result.line;
  const column = result.error?.column ?? result.column;
  const name = `${result.file}:${result.line} ${label(result.language)}: ${result.endpoint ?? result.title}`;
  const lines = [`    <testcase classname="${esc(result.file)}" name="${esc(name)}" time="${seconds(result.durationMs)}">`];
  if (result.verdict === 'skip') lines.push(`      <skipped>${esc(result.reason)}</skipped>`);
  if (result.verdict === 'fail' || result.verdict === 'error') {
    const tag = result.verdict === 'fail' ? 'failure' : 'error';
    const type = result.verdict === 'fail' ? 'response-mismatch' : (result.error?.kind ?? 'error');
    const body = [`${result.file}:${line}:${column}`, ...(result.differences ?? [result.reason]), result.error?.detail ?? ''].filter(Boolean).join('\n');
    lines.push(`      <${tag} type="${esc(type)}" message="${esc(result.reason)}">${esc(body)}</${tag}>`);
  }
  if (result.client) lines.push(`      <system-out>${esc(`client: ${result.client}`)}</system-out>`);
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
