// The one list of lint rules. Adding a rule is adding a folder under rules/ (its code and its
// README.md), an id in model.ts's LintRuleId, and a line here: the tables below are typed over
// the ids, so a rule id with no rule, or a reader note no rule reports, does not compile.
import type { LintRuleId, NoteRuleId } from '../model.ts';
import type { LintRule } from './rule.ts';
import { snippetUnreadable } from './rules/snippet-unreadable/index.ts';
import { requestMismatch } from './rules/request-mismatch/index.ts';
import { responseMismatch } from './rules/response-mismatch/index.ts';
import { returnShape } from './rules/return-shape/index.ts';
import { requestParameters } from './rules/request-parameters/index.ts';
import { requestSchema } from './rules/request-schema/index.ts';
import { responseSchema } from './rules/response-schema/index.ts';
import { routeUnknown } from './rules/route-unknown/index.ts';
import { routeDeprecated } from './rules/route-deprecated/index.ts';
import { requestResponseConflict } from './rules/request-response-conflict/index.ts';
import { secretInDocs } from './rules/secret-in-docs/index.ts';
import { snippetInvalidInLanguage } from './rules/snippet-invalid-in-language/index.ts';
import { cliShellUnsafe } from './rules/cli-shell-unsafe/index.ts';
import { curlResponseUnwrapped } from './rules/curl-response-unwrapped/index.ts';

/** The rules that report readers' notes, one per note id. */
const noteRules: Record<NoteRuleId, LintRule> = {
  'snippet-invalid-in-language': snippetInvalidInLanguage,
  'cli-shell-unsafe': cliShellUnsafe,
  'curl-response-unwrapped': curlResponseUnwrapped,
};

export const rules: readonly LintRule[] = [
  snippetUnreadable,
  requestMismatch,
  responseMismatch,
  returnShape,
  requestParameters,
  requestSchema,
  responseSchema,
  routeUnknown,
  routeDeprecated,
  requestResponseConflict,
  secretInDocs,
  ...Object.values(noteRules),
];

/** Every id a finding can carry, with the rule that reports it. */
const owners: Record<LintRuleId, LintRule> = {
  ...noteRules,
  'snippet-unreadable': snippetUnreadable,
  'request-mismatch': requestMismatch,
  'response-mismatch': responseMismatch,
  'response-artefact': responseMismatch,
  'return-shape': returnShape,
  'response-type': returnShape,
  'request-parameters': requestParameters,
  'request-schema': requestSchema,
  'response-schema': responseSchema,
  'route-unknown': routeUnknown,
  'route-deprecated': routeDeprecated,
  'parameter-deprecated': routeDeprecated,
  'request-response-conflict': requestResponseConflict,
  'secret-in-docs': secretInDocs,
};

/** Every id a finding can carry, with the rule that reports it. */
export function ruleIds(): Map<LintRuleId, LintRule> {
  return new Map(Object.entries(owners) as Array<[LintRuleId, LintRule]>);
}
