// All tabs of one example should document the same response. The value the tabs agree on (the
// most tabs, or the one the API's schema accepts) is the reference; a tab that departs from it is
// an error at the first place it departs, unless every difference is a display artefact of that
// tab's language (PHP `[]` for `{}`, Go `nil` for `[]`), reported under its own id as info. With
// no majority there is no reference: every tab is reported, naming the tabs on each side.
import { compareValues } from '../../../compare/values.ts';
import { agreedCall, agreedPath, agreedResponse, representative } from '../../../values/agreement.ts';
import { canonicalValue } from '../../../values/canonical.ts';
import type { Range } from '../../../values/spans.ts';
import { artefactFor } from '../../../../runners/registry.ts';
import type { LintRule } from '../../rule.ts';
import { describeDifference, label, labels, languageOf, place, pointerOfPath } from '../../support.ts';

export const responseMismatch: LintRule = {
  id: 'response-mismatch',
  alsoReports: ['response-artefact'],
  description: 'Documented responses of one example disagree across tabs.',
  severity: 'error',
  check({ read, profile, api, report }) {
    for (const example of read.examples) {
      const agreed = agreedResponse(example, agreedPath(agreedCall(example, api)), api);
      if (!agreed) continue;
      if (agreed.kind === 'conflict') {
        const sides = agreed.groups.map((group) => labels(group.items.map((e) => e.sample), profile)).join(' | ');
        for (const group of agreed.groups) {
          for (const entry of group.items) {
            report({
              ...place(undefined, entry.sample.response.codeStart),
              ...languageOf(entry.sample),
              message: `${label(entry.sample, profile)} response: the tabs document different responses and none is shown by more tabs than the others (${sides})`,
            });
          }
        }
        continue;
      }
      const referenceValue = representative(agreed.reference).value;
      const shown = canonicalValue(referenceValue);
      const [same, near] = partition(agreed.reference.items, (entry) => canonicalValue(entry.value) === shown);
      const there = labels(same.map((entry) => entry.sample), profile);
      // Tabs of the reference group that differ from it only by display artefacts, then the rest.
      for (const { sample, value, map } of [...near, ...agreed.others.flatMap((group) => group.items)]) {
        const here = label(sample, profile);
        const artefact = artefactFor(sample.language);
        const real: string[] = [];
        const artefacts = new Set<string>();
        let where: Range | undefined;
        for (const difference of compareValues(referenceValue, value, { strict: true }).differences) {
          const name = artefact?.(difference.documented, difference.returned, {
            path: difference.path,
            kind: difference.kind,
            type: value.kind === 'json' ? value.type : undefined,
          });
          if (name) {
            artefacts.add(name);
            continue;
          }
          real.push(describeDifference(difference, here, there, '$'));
          if (!where && map) {
            const at = pointerOfPath(difference.path);
            where = difference.kind === 'extra' ? map.key(at) : map.value(at);
          }
        }
        const at = { ...place(where, sample.response.codeStart), ...languageOf(sample) };
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
  },
};

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
