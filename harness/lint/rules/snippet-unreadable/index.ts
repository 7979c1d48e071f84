// A request or documented response that its language's reader cannot read: nothing else can be
// checked about that tab, so say exactly where the reading stopped.
import type { LintRule } from '../../rule.ts';
import { label, languageOf } from '../../support.ts';

export const snippetUnreadable: LintRule = {
  id: 'snippet-unreadable',
  description: 'A request or response that does not parse in its own language.',
  severity: 'error',
  check({ read, profile, report }) {
    for (const example of read.examples) {
      for (const { sample, request, response } of example.samples) {
        for (const [what, result] of [['request', request], ['response', response]] as const) {
          if (result && !result.ok) {
            report({
              line: result.error.line,
              column: result.error.column,
              ...languageOf(sample),
              // Readers name the language and part themselves; say it once.
              message: `${label(sample, profile)} ${what} does not read: ${result.error.message.replace(/^[\w ]+ (request|response): /, '')}`,
            });
          }
        }
      }
    }
  },
};
