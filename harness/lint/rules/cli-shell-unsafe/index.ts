// The reader notices this while reading a snippet (it knows the language); the rule reports it.
import type { LintRule } from '../../rule.ts';
import { noteRule } from '../../notes.ts';

export const cliShellUnsafe: LintRule = noteRule(
  'cli-shell-unsafe',
  'A CLI line that a shell would split, glob or brace-expand.',
);
