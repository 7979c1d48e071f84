import type { TestRun } from '../../engine/engine.ts';
import type { SampleResult } from '../../engine/results.ts';
import type { Profile } from '../../profile.ts';
import type { Colors } from '../colors.ts';

export interface ReporterContext {
  write(text: string): void;
  colors: Colors;
  profile: Profile;
}

/** One way to show a test run (vitest style: one file each, one registry). */
export interface TestReporter {
  /** As each sample's verdict is known (streaming reporters). */
  onResult?(result: SampleResult, context: ReporterContext): void;
  /** Once the run is over. */
  onFinish(run: TestRun, context: ReporterContext): void;
}
