// All tabs of one example should document the same response. The value most tabs show is the
// reference; a tab that departs from it is an error, unless every difference is a display
// artefact of that tab's language (PHP `[]` for `{}`, Go `nil` for `[]`), which is reported
// under its own id at a lower severity.
import { compareValues } from '../../../compare/values.ts';
import { canonicalValue } from '../../../values/canonical.ts';
import { readResponses } from '../../../values/read-example.ts';
import { artefactFor } from '../../../../runners/registry.ts';
import type { LintRule } from '../../rule.ts';
import { describeDifference, groupByKey, label, labels } from '../../support.ts';

export const responseMismatch: LintRule = {
  id: 'response-mismatch',
  alsoReports: ['response-artefact'],
  description: 'Documented responses of one example disagree across tabs.',
  severity: 'error',
  check({ read, profile, report }) {
    for (const example of read.examples) {
      const groups = groupByKey(readResponses(example), (entry) => canonicalValue(entry.value));
      if (groups.length < 2) continue;
      const [reference, ...others] = groups;
      const referenceValue = reference.items[0].value;
      const there = labels(reference.items.map((entry) => entry.sample), profile);
      for (const group of others) {
        for (const { sample, value } of group.items) {
          const here = label(sample, profile);
          const artefact = artefactFor(sample.language);
          const real: string[] = [];
          const artefacts = new Set<string>();
          for (const difference of compareValues(referenceValue, value, { strict: true }).differences) {
            const name = artefact?.(difference.documented, difference.returned);
            if (name) artefacts.add(name);
            else real.push(describeDifference(difference, here, there, '$'));
          }
          const at = { line: sample.response.codeStart.line, column: sample.response.codeStart.column };
          if (real.length > 0) {
            report({ ...at, message: `${here} response differs from ${there}: ${real.join('; ')}` });
          } else {
            report({
              ...at,
              severity: 'info',
              rule: 'response-artefact',
              message: `${here} response differs from ${there} only by a display artefact: ${[...artefacts].join('; ')}`,
            });
          }
        }
      }
    }
  },
};
