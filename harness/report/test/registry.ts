// Every test reporter, by the name `--reporter` takes. A new reporter is a module in this folder
// and one line here; only the reporters a run asks for are loaded.
import type { ReporterEntry } from './reporter.ts';

export const reporters: readonly ReporterEntry[] = [
  { name: 'default', kind: 'lines', summary: 'live progress on a terminal, each failure with its diff, a grid of verdicts per language, the slowest samples', load: async () => (await import('./default.ts')).defaultReporter },
  { name: 'json', kind: 'document', summary: 'the whole run as one JSON document (report.schema.json): what compare and merge read', load: async () => (await import('./json.ts')).jsonReporter },
  { name: 'junit', kind: 'document', summary: 'JUnit XML, as CI systems show test results', load: async () => (await import('./junit.ts')).junitReporter },
  { name: 'html', kind: 'document', summary: 'one self-contained page: a grid of pages × languages, each sample’s request, documented and returned values and diff', load: async () => (await import('./html.ts')).htmlReporter },
  { name: 'github', kind: 'lines', summary: 'GitHub Actions annotations at each failure’s file:line, and a step summary ($GITHUB_STEP_SUMMARY)', load: async () => (await import('./github.ts')).githubReporter },
];

export function reporterNamed(name: string): ReporterEntry | undefined {
  return reporters.find((entry) => entry.name === name);
}
