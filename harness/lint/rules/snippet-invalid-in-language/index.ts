// The reader notices this while reading a snippet (it knows the language); the rule reports it.
import type { LintRule } from '../../rule.ts';
import { noteRule } from '../../notes.ts';

export const snippetInvalidInLanguage: LintRule = noteRule(
  'snippet-invalid-in-language',
  'A snippet that reads, but would not run or parse if copied into its language (Python `true`, Ruby nested `null`).',
);
