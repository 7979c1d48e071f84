// `--junit FILE`: JUnit XML, what CI systems show as test results. One <testsuite> per page,
// one <testcase> per sample; fail → <failure>, error → <error>, skip → <skipped/>.
import type { TestRun } from '../../engine/engine.ts';
import type { SampleResult } from '../../engine/results.ts';

export function junitXml(run: TestRun): string {
  const byFile = new Map<string, SampleResult[]>();
  for (const result of run.results) byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
  const { summary } = run;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="doc-harness" tests="${summary.total}" failures="${summary.fail}" errors="${summary.error}" skipped="${summary.skip}" time="${seconds(summary.durationMs)}">`,
  ];
  // An interrupted run says so where CI shows it: in the report itself.
  if (summary.incomplete) lines.push('  <properties><property name="incomplete" value="true"/></properties>');
  for (const [file, results] of byFile) {
    const count = (verdict: string) => results.filter((r) => r.verdict === verdict).length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    lines.push(
      `  <testsuite name="${esc(file)}" tests="${results.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skip')}" time="${seconds(time)}">`,
    );
    for (const result of results) {
      const name = `${result.language}: ${result.endpoint ?? result.title} (${result.file}:${result.line})`;
      const open = `    <testcase classname="${esc(file)}" name="${esc(name)}" file="${esc(file)}" line="${result.line}" time="${seconds(result.durationMs)}"`;
      if (result.verdict === 'pass') {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      // JUnit's schema puts <properties> before the outcome element.
      if (result.client) lines.push(`      <properties><property name="client" value="${esc(result.client)}"/></properties>`);
      if (result.verdict === 'skip') lines.push(`      <skipped message="${esc(result.reason)}"/>`);
      else {
        const tag = result.verdict === 'fail' ? 'failure' : 'error';
        const type = result.verdict === 'fail' ? 'response-mismatch' : (result.error?.kind ?? 'error');
        const at = result.error?.line ? `${result.file}:${result.error.line}:${result.error.column ?? 1}\n` : '';
        const body = [at, ...(result.differences ?? [result.reason]), result.error?.detail ?? ''].filter(Boolean).join('\n');
        lines.push(`      <${tag} type="${esc(type)}" message="${esc(result.reason)}">${esc(body)}</${tag}>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML-escapes text for an attribute or element body; drops characters XML 1.0 cannot hold. */
function esc(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
