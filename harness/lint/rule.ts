import type { Diagnostic, KnownLanguageId, LintRuleId, Point, Severity, TextEdit } from '../model.ts';
import type { Profile } from '../profile.ts';
import type { ApiDescription } from '../values/schema/api.ts';
import type { ReadPage } from '../values/read-example.ts';

/** What a rule reports: a diagnostic whose file, rule id and doc link the runner fills in. */
export interface Finding {
  severity?: Severity;
  line: number;
  column: number;
  /** Where the offending text ends, when the finding is about a stretch of it. */
  end?: Point;
  message: string;
  /** A rule may report under a second, named id (a known generator artefact, say). */
  rule?: LintRuleId;
  /** The tab the finding is about. */
  language?: KnownLanguageId;
  fix?: TextEdit[];
}

export interface LintContext {
  read: ReadPage;
  profile: Profile;
  /** The API's description, when the profile has one: schema checks need it, other rules do not. */
  api?: ApiDescription;
  report(finding: Finding): void;
}

/** One check, in its own folder under harness/lint/rules/ with its doc page (README.md), remark-lint style. */
export interface LintRule {
  id: LintRuleId;
  /** Ids this rule may also report under (kept here so `--rule` can name them; each has a doc page too). */
  alsoReports?: LintRuleId[];
  description: string;
  severity: Severity;
  check(context: LintContext): void;
}

export type { Diagnostic };
