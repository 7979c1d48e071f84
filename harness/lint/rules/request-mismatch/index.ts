// Every tab of one example must make the same call: same route, same parameters, same values.
// The call the tabs agree on (the most tabs, or the one the API's schema accepts) is the
// reference, and each tab that departs from it is a finding at the first place it departs. With
// no majority there is no reference: every tab is reported, naming the calls in conflict.
import { compareValues } from '../../../compare/values.ts';
import { show } from '../../../compare/format.ts';
import { agreedCall } from '../../../values/agreement.ts';
import type { ReadCall } from '../../../values/read-example.ts';
import type { LintRule } from '../../rule.ts';
import { describeDifference, label, labels, languageOf, place, pointerOfPath } from '../../support.ts';

export const requestMismatch: LintRule = {
  id: 'request-mismatch',
  description: 'Tabs of one example call different routes or pass different parameters or values.',
  severity: 'error',
  check({ read, profile, api, report }) {
    for (const example of read.examples) {
      const agreed = agreedCall(example, api);
      if (!agreed) continue;
      if (agreed.kind === 'conflict') {
        const calls = agreed.groups.map((group) => `${labels(group.items.map((e) => e.sample), profile)}: ${describeCall(group.items[0])}`).join(' | ');
        for (const group of agreed.groups) {
          for (const entry of group.items) {
            report({
              ...place(entry.map?.callee, entry.sample.request.codeStart),
              ...languageOf(entry.sample),
              message: `${label(entry.sample, profile)} request: the tabs make different calls and no call is made by more tabs than the others (${calls})`,
            });
          }
        }
        continue;
      }
      const { reference } = agreed;
      const referenceCall = reference.items[0].call;
      const there = labels(reference.items.map((entry) => entry.sample), profile);
      for (const group of agreed.others) {
        for (const entry of group.items) {
          const { sample, call, map } = entry;
          const here = label(sample, profile);
          const clauses: string[] = [];
          let where = map?.callee;
          if (call.path !== referenceCall.path) {
            const verb = reference.items.length === 1 ? 'calls' : 'call';
            clauses.push(`calls ${call.path}, ${there} ${verb} ${referenceCall.path}`);
          }
          const params = compareValues({ kind: 'json', json: referenceCall.params }, { kind: 'json', json: call.params }, { strict: true });
          for (const difference of params.differences) {
            clauses.push(describeDifference(difference, here, there, 'params'));
            if (call.path === referenceCall.path && where === map?.callee) {
              // A parameter this tab lacks has no place of its own: its call stands for it.
              const at = pointerOfPath(difference.path);
              if (difference.kind === 'extra') where = map?.key(at) ?? where;
              else if (difference.kind !== 'missing') where = map?.value(at) ?? where;
            }
          }
          report({
            ...place(where, sample.request.codeStart),
            ...languageOf(sample),
            message: `${here} request differs from ${there}: ${clauses.join('; ')}`,
          });
        }
      }
    }
  },
};

function describeCall({ call }: ReadCall): string {
  return `${call.path} ${show(call.params)}`;
}
