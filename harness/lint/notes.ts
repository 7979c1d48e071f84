import type { NoteRuleId } from '../model.ts';
import type { LintRule } from './rule.ts';
import { label, languageOf } from './support.ts';

/**
 * A rule that reports the readers' notes filed under its id. Readers know a language's syntax;
 * rules decide what is reported, so `--rule` and severities work the same for every finding.
 * The registry holds one for every NoteRuleId, so no note goes unreported.
 */
export function noteRule(id: NoteRuleId, description: string): LintRule {
  return {
    id,
    description,
    severity: 'warning',
    check({ read, profile, report }) {
      for (const example of read.examples) {
        for (const { sample, request, response } of example.samples) {
          for (const [what, result] of [['request', request], ['response', response]] as const) {
            for (const note of result?.notes ?? []) {
              if (note.rule !== id) continue;
              report({
                severity: note.severity,
                line: note.line,
                column: note.column,
                ...(note.end ? { end: note.end } : {}),
                ...(note.fix ? { fix: note.fix } : {}),
                ...languageOf(sample),
                message: `${label(sample, profile)} ${what}: ${note.message}`,
              });
            }
          }
        }
      }
    },
  };
}
