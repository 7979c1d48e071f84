// The one list of lint rules. Adding a rule is adding a folder under rules/ and a line here.
import type { LintRule } from './rule.ts';
import { snippetUnreadable } from './rules/snippet-unreadable/index.ts';
import { requestMismatch } from './rules/request-mismatch/index.ts';
import { responseMismatch } from './rules/response-mismatch/index.ts';
import { returnShape } from './rules/return-shape/index.ts';
import { requestParameters } from './rules/request-parameters/index.ts';
import { snippetInvalidInLanguage } from './rules/snippet-invalid-in-language/index.ts';
import { cliShellUnsafe } from './rules/cli-shell-unsafe/index.ts';
import { requestResponseConflict } from './rules/request-response-conflict/index.ts';

export const rules: readonly LintRule[] = [
  snippetUnreadable,
  requestMismatch,
  responseMismatch,
  returnShape,
  requestParameters,
  snippetInvalidInLanguage,
  cliShellUnsafe,
  requestResponseConflict,
];

/** Every id a finding can carry, with the rule that reports it. */
export function ruleIds(): Map<string, LintRule> {
  const ids = new Map<string, LintRule>();
  for (const rule of rules) {
    ids.set(rule.id, rule);
    for (const other of rule.alsoReports ?? []) ids.set(other, rule);
  }
  return ids;
}
