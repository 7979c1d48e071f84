// The route the tabs call must exist in the API's description: a route it does not have is
// misspelled in every tab, or was removed. (A tab that alone calls another route is
// request-mismatch's finding.)
import { agreedCall } from '../../../values/agreement.ts';
import type { LintRule } from '../../rule.ts';
import { inTabs, languageOf, place } from '../../support.ts';

export const routeUnknown: LintRule = {
  id: 'route-unknown',
  description: 'The route the tabs call is not in the API description (misspelled, or removed).',
  severity: 'error',
  check({ read, profile, api, report }) {
    if (!api) return;
    for (const example of read.examples) {
      const agreed = agreedCall(example, api);
      if (!agreed) continue;
      const groups = agreed.kind === 'agreed' ? [agreed.reference] : agreed.groups;
      const all = example.samples.filter((s) => s.request?.ok).length;
      const reported = new Set<string>();
      for (const group of groups) {
        const [{ call, sample, map }] = group.items;
        if (api.route(call.path) || reported.has(call.path)) continue;
        reported.add(call.path);
        const samples = groups.flatMap((g) => g.items).filter((e) => e.call.path === call.path).map((e) => e.sample);
        report({
          ...place(map?.callee, sample.request.codeStart),
          ...languageOf(sample),
          message: `${call.path} is not a route of the API (${inTabs(samples, all, profile)})`,
        });
      }
    }
  },
};
