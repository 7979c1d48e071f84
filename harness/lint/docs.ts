// Every finding links to its rule's doc page: one short markdown page per rule, in the rule's own
// folder. A rule that also reports under a second id documents it in a section of its page.
import type { ExtractionRuleId, LintRuleId } from '../model.ts';

/**
 * The page documenting a lint rule, relative to the doc-harness package: the rule's own, and for
 * an id a rule also reports under, that id's section of it.
 */
export function lintRuleDoc(owner: LintRuleId, id: LintRuleId = owner): string {
  return `harness/lint/rules/${owner}/README.md${id === owner ? '' : `#${id}`}`;
}

/** Extraction's findings share one page, a section per id. */
export function extractionRuleDoc(id: ExtractionRuleId): string {
  return `harness/extract/rules.md#${id}`;
}
