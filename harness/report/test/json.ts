// `--json`: the whole run as one object, a stable interface for other tools:
// { results: [{ file, line, endpoint, language, verdict, reason, client, durationMs, … }], summary, diagnostics }.
import type { TestReporter } from './reporter.ts';

export const jsonReporter: TestReporter = {
  onFinish(run, { write }) {
    write(`${JSON.stringify({ results: run.results, summary: run.summary, diagnostics: run.diagnostics }, null, 2)}\n`);
  },
};
