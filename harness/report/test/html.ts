// `--reporter html --output report.html`: one self-contained page (no network: its styles, script
// and data are inside it, and its content security policy forbids anything else): a summary, a
// grid of pages × languages coloured by verdict, each cell opening its sample's request,
// documented and returned values and diff, and a filter for failures. The page's script and
// styles are html/page.js and html/page.css.
import { readFileSync } from 'node:fs';
import { diffLines } from 'diff';
import type { SampleResult } from '../../engine/results.ts';
import { projectFile } from '../../run/assets.ts';
import type { ReporterContext, TestReporter } from './reporter.ts';
import type { TestReport } from './report.ts';

export function htmlReporter({ write, profile }: ReporterContext): TestReporter {
  return {
    onFinish(report) {
      const labels = Object.fromEntries(profile.languages.map((language) => [language.id, language.label]));
      write(htmlPage(report, labels));
    },
  };
}

export function htmlPage(report: TestReport, labels: Record<string, string>): string {
  const data = { report, labels, diffs: report.results.map(valueDiff) };
  const asset = (name: string) => readFileSync(projectFile('harness', 'report', 'test', 'html', name), 'utf8');
  const { summary } = report;
  const title = `doc-harness: ${summary.pass} passed, ${summary.fail} failed, ${summary.error} errors, ${summary.skip} skipped`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${asset('page.css')}</style>
</head>
<body>
<header id="summary"><h1>${escapeHtml(title)}</h1></header>
<div class="controls"><label><input type="checkbox" id="only-problems"> only failures and errors</label></div>
<main class="layout">
<section><table class="grid" id="grid" aria-label="samples by page and language"></table></section>
<aside class="detail" id="detail" aria-live="polite"></aside>
</main>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>
${asset('page.js')}</script>
</body>
</html>
`;
}

/** For a sample that failed: the documented and returned values as JSON, line by line (- documented, + returned). */
function valueDiff(result: SampleResult): Array<['-' | '+' | ' ', string]> | null {
  if (result.verdict !== 'fail' || !result.documented || !result.returned) return null;
  const text = (value: NonNullable<SampleResult['documented']>) => (value.kind === 'void' ? '(nothing: void)\n' : `${JSON.stringify(value.json, null, 2)}\n`);
  return diffLines(text(result.documented), text(result.returned)).map((part) => [part.removed ? '-' : part.added ? '+' : ' ', part.value]);
}

/** JSON inside a <script> element: nothing in it can close the element or start a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
