import type { Diagnostic, Severity } from '../model.ts';
import type { Profile } from '../profile.ts';
import type { ReadPage } from '../values/read-example.ts';

/** What a rule reports: a diagnostic whose file and rule id the runner fills in. */
export interface Finding {
  severity?: Severity;
  line: number;
  column: number;
  message: string;
  /** A rule may report under a second, named id (a known generator artefact, say). */
  rule?: string;
}

export interface LintContext {
  read: ReadPage;
  profile: Profile;
  report(finding: Finding): void;
}

/** One check, in its own folder under harness/lint/rules/, remark-lint style. */
export interface LintRule {
  id: string;
  /** Ids this rule may also report under (kept here so `--rule` can name them). */
  alsoReports?: string[];
  description: string;
  severity: Severity;
  check(context: LintContext): void;
}

export type { Diagnostic };
