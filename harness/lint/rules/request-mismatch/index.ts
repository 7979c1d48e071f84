// Every tab of one example must make the same call: same route, same parameters, same values.
// The call most tabs make is the reference; each tab that departs from it is a finding.
import { compareValues } from '../../../compare/values.ts';
import type { Call } from '../../../model.ts';
import { canonicalJson } from '../../../values/canonical.ts';
import { readCalls } from '../../../values/read-example.ts';
import type { LintRule } from '../../rule.ts';
import { describeDifference, groupByKey, label, labels } from '../../support.ts';

const callKey = (call: Call) => `${call.path} ${canonicalJson(call.params)}`;

export const requestMismatch: LintRule = {
  id: 'request-mismatch',
  description: 'Tabs of one example call different routes or pass different parameters or values.',
  severity: 'error',
  check({ read, profile, report }) {
    for (const example of read.examples) {
      const groups = groupByKey(readCalls(example), (entry) => callKey(entry.call));
      if (groups.length < 2) continue;
      const [reference, ...others] = groups;
      const referenceCall = reference.items[0].call;
      const there = labels(reference.items.map((entry) => entry.sample), profile);
      for (const group of others) {
        for (const { sample, call } of group.items) {
          const here = label(sample, profile);
          const clauses: string[] = [];
          if (call.path !== referenceCall.path) {
            const verb = reference.items.length === 1 ? 'calls' : 'call';
            clauses.push(`calls ${call.path}, ${there} ${verb} ${referenceCall.path}`);
          }
          const params = compareValues(
            { kind: 'json', json: referenceCall.params },
            { kind: 'json', json: call.params },
            { strict: true },
          );
          for (const difference of params.differences) clauses.push(describeDifference(difference, here, there, 'params'));
          report({
            line: sample.request.codeStart.line,
            column: sample.request.codeStart.column,
            message: `${here} request differs from ${there}: ${clauses.join('; ')}`,
          });
        }
      }
    }
  },
};
