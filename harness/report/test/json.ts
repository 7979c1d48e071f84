// `--reporter json`: the report as it is (report.ts, report.schema.json): what `compare` and
// `merge` read, and a stable interface for any other tool.
import type { ReporterContext, TestReporter } from './reporter.ts';

export function jsonReporter({ write }: ReporterContext): TestReporter {
  return {
    onFinish(report) {
      write(`${JSON.stringify(report, null, 2)}\n`);
    },
  };
}
