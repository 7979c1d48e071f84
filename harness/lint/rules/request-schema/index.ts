// The call the tabs agree on must be one the API accepts: every parameter declared by the route,
// of its type, format and enum, and every required one passed. Checked against the API's own
// description with a JSON Schema validator; one finding per defect, at the offending parameter
// in the first tab that shows it, saying which tabs share it.
import type { Sample } from '../../../model.ts';
import { agreedCall } from '../../../values/agreement.ts';
import { displayPath } from '../../../values/spans.ts';
import type { LintRule } from '../../rule.ts';
import { inTabs, languageOf, place } from '../../support.ts';

export const requestSchema: LintRule = {
  id: 'request-schema',
  description: "A request's parameters break the route's schema in the API description (unknown, mistyped, missing, not in the enum).",
  severity: 'error',
  check({ read, profile, api, report }) {
    if (!api) return;
    for (const example of read.examples) {
      const agreed = agreedCall(example, api);
      if (!agreed) continue;
      const all = agreed.kind === 'agreed' ? agreed.reference.items.length + agreed.others.reduce((n, g) => n + g.items.length, 0) : agreed.groups.reduce((n, g) => n + g.items.length, 0);
      // A tab that departs from the agreed call is request-mismatch's finding; in a conflict, each call is judged.
      const groups = agreed.kind === 'agreed' ? [agreed.reference] : agreed.groups;
      for (const group of groups) {
        const { call } = group.items[0];
        if (!api.route(call.path)) continue;
        const samples: Sample[] = group.items.map((entry) => entry.sample);
        for (const problem of api.checkRequest(call.path, call.params)) {
          const shown = group.items.find((entry) => entry.map?.values.has(problem.path) || entry.map?.keys.has(problem.path)) ?? group.items[0];
          const range = problem.at === 'key' ? shown.map?.key(problem.path) : shown.map?.value(problem.path);
          report({
            ...place(range ?? shown.map?.callee, shown.sample.request.codeStart),
            ...languageOf(shown.sample),
            message: `${displayPath(problem.path, 'params')}: ${problem.message} (${call.path}, ${inTabs(samples, all, profile)})`,
          });
        }
      }
    }
  },
};
