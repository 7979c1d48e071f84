// The response the tabs agree on must be what the API returns for the route they call: its
// shape (a list, one object, nothing), every field the schema requires, no field it lacks, each
// value of its type, format and enum. Checked against the API's own description with a JSON
// Schema validator; one finding per defect, at the offending value (or key) in the first tab
// that shows it, saying which tabs share it. The same defect in several items of a list is one
// finding, at the first. A wrong shape the page's own declared return already contradicts is
// return-shape's finding, not also this rule's.
import type { Sample } from '../../../model.ts';
import { agreedCall, agreedPath, agreedResponse } from '../../../values/agreement.ts';
import { displayPath, stepsOf } from '../../../values/spans.ts';
import type { ReadResponse } from '../../../values/read-example.ts';
import type { SchemaProblem } from '../../../values/schema/validate.ts';
import type { LintRule } from '../../rule.ts';
import { inTabs, languageOf, place } from '../../support.ts';

export const responseSchema: LintRule = {
  id: 'response-schema',
  description: "A documented response breaks the route's response schema in the API description.",
  severity: 'error',
  check({ read, profile, api, report }) {
    if (!api) return;
    for (const example of read.examples) {
      const path = agreedPath(agreedCall(example, api));
      if (path === undefined) continue;
      const shape = api.route(path) ? api.responseShape(path) : undefined;
      if (!shape) continue;
      const agreed = agreedResponse(example, path, api);
      if (!agreed) continue;
      const groups = agreed.kind === 'agreed' ? [agreed.reference] : agreed.groups;
      const all = groups.concat(agreed.kind === 'agreed' ? agreed.others : []).reduce((n, g) => n + g.items.length, 0);
      for (const group of groups) {
        const samples: Sample[] = group.items.map((entry) => entry.sample);
        const tabs = inTabs(samples, all, profile);
        const first = group.items[0];
        const { value } = first;
        const at = (entry: ReadResponse) => ({ ...place(undefined, entry.sample.response.codeStart), ...languageOf(entry.sample) });
        if (value.kind === 'void') {
          if (shape.kind !== 'void') report({ ...at(first), message: `documents no response, but ${path} answers ${answers(shape)} (${tabs})` });
          continue;
        }
        if (shape.kind === 'void') {
          report({ ...at(first), message: `documents a response, but ${path} answers nothing (${tabs})` });
          continue;
        }
        // A list where the page declares one object (or the reverse) is return-shape's finding already.
        const declared = read.page.endpoint?.returns ?? read.page.returns;
        const shapeSaid = (declared?.kind === 'list') !== Array.isArray(value.json) && (declared?.kind === 'list' || declared?.kind === 'resource');
        for (const { problem, more } of onePerDefect(api.checkResponse(path, value.json))) {
          if (shapeSaid && problem.path === '' && problem.keyword === 'type') continue;
          const shown = group.items.find((entry) => entry.map?.values.has(problem.path) || entry.map?.keys.has(problem.path)) ?? first;
          const range = problem.at === 'key' ? shown.map?.key(problem.path) : shown.map?.value(problem.path);
          const again = more > 0 ? `; the same in ${more} more item${more > 1 ? 's' : ''}` : '';
          report({
            ...place(range, shown.sample.response.codeStart),
            ...languageOf(shown.sample),
            message: `${displayPath(problem.path)}: ${problem.message} (${answers(shape)}, ${tabs}${again})`,
          });
        }
      }
    }
  },
};

function answers(shape: { kind: string; name?: string }): string {
  const name = 'name' in shape && shape.name ? shape.name : 'resource';
  return shape.kind === 'list' ? `a list of ${name}` : shape.kind === 'one' ? `one ${name}` : 'nothing';
}

/** A defect repeated in items of a list (`/0/x`, `/1/x`, same message) is reported once. */
function onePerDefect(problems: readonly SchemaProblem[]): Array<{ problem: SchemaProblem; more: number }> {
  const seen = new Map<string, { problem: SchemaProblem; more: number }>();
  for (const problem of problems) {
    const key = `${stepsOf(problem.path).map((step) => (/^\d+$/.test(step) ? '#' : step)).join('/')} ${problem.keyword} ${problem.message}`;
    const known = seen.get(key);
    if (known) known.more++;
    else seen.set(key, { problem, more: 0 });
  }
  return [...seen.values()];
}
