// The reader notices this while reading a cURL response (it knows the HTTP body's shape); the rule reports it.
import type { LintRule } from '../../rule.ts';
import { noteRule } from '../../notes.ts';

export const curlResponseUnwrapped: LintRule = noteRule(
  'curl-response-unwrapped',
  "A cURL tab's HTTP body that does not wrap the resource in one key, as the API's responses do.",
);
