// The shape of a test reporter (vitest's model: one file each under this folder, one registry).
// Reporters render a TestReport — the JSON report's document — so that anything a run can show,
// a merge of shard reports can show too.
import type { RunPlan, SampleResult } from '../../engine/results.ts';
import type { Profile } from '../../profile.ts';
import type { Colors } from '../colors.ts';
import type { TestReport } from './report.ts';

export interface ReporterContext {
  /** The reporter's output: its `--output` file (written when the run is over), else stdout. */
  write(text: string): void;
  colors: Colors;
  profile: Profile;
  /** The output is a terminal: lines may be redrawn (live progress). */
  tty: boolean;
  /** The output is a file the reporter has to itself. */
  toFile: boolean;
  /** The environment doc-harness runs in (`GITHUB_STEP_SUMMARY`, `NO_COLOR`). */
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface TestReporter {
  /** Once the samples are chosen, before any runs (not called for `merge`). */
  onPlan?(plan: RunPlan): void;
  /** As each sample's verdict is known (not called for `merge`). */
  onResult?(result: SampleResult): void;
  /** Once the run is over, or with the merged report. */
  onFinish(report: TestReport): void | Promise<void>;
}

export interface ReporterEntry {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /**
   * `document`: one document (JSON, XML, HTML) that needs its output to itself;
   * `lines`: lines meant for a terminal or a CI log, which may share stdout with other such reporters.
   */
  kind: 'document' | 'lines';
  load(): Promise<(context: ReporterContext) => TestReporter>;
}
