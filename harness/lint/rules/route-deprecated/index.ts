// Docs should not teach what the API is removing: a call to a route the API description marks
// deprecated, or passing a parameter it marks deprecated, is a warning carrying the
// description's own note (`Use /x instead.`).
import { agreedCall } from '../../../values/agreement.ts';
import { pointer } from '../../../values/spans.ts';
import type { LintRule } from '../../rule.ts';
import { inTabs, languageOf, place } from '../../support.ts';

export const routeDeprecated: LintRule = {
  id: 'route-deprecated',
  alsoReports: ['parameter-deprecated'],
  description: 'A call to a route, or with a parameter, that the API description marks deprecated.',
  severity: 'warning',
  check({ read, profile, api, report }) {
    if (!api) return;
    for (const example of read.examples) {
      const agreed = agreedCall(example, api);
      if (!agreed) continue;
      const groups = agreed.kind === 'agreed' ? [agreed.reference] : agreed.groups;
      const all = example.samples.filter((s) => s.request?.ok).length;
      for (const group of groups) {
        const [{ call, sample, map }] = group.items;
        const route = api.route(call.path);
        if (!route) continue;
        const tabs = inTabs(group.items.map((e) => e.sample), all, profile);
        if (route.deprecated) {
          report({
            ...place(map?.callee, sample.request.codeStart),
            ...languageOf(sample),
            message: `${call.path} is deprecated: ${note(route.deprecated)} (${tabs})`,
          });
        }
        const deprecated = api.deprecatedParameters(call.path);
        for (const name of Object.keys(call.params)) {
          const why = deprecated.get(name);
          if (why === undefined) continue;
          report({
            ...place(map?.key(pointer([name])), sample.request.codeStart),
            ...languageOf(sample),
            rule: 'parameter-deprecated',
            message: `\`${name}\` of ${call.path} is deprecated: ${note(why)} (${tabs})`,
          });
        }
      }
    }
  },
};

function note(text: string): string {
  return text === 'deprecated' ? 'the API description marks it so' : text.trim().replace(/\s+/g, ' ');
}
