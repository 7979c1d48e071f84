// A request that asks for one thing and a documented response that shows another: the
// parameter `device_id: "a"` and a returned `device_id: "b"` (on a list, in any item). A
// warning. Only identifying parameters count (`…_id`): other fields may legitimately come back
// changed. On a list, the item resource's own id (`acs_system_id` on a list of acs_systems) is
// an input naming another object, not a filter the items must match.
import type { Json, JsonObject } from '../../../model.ts';
import { canonicalJson } from '../../../values/canonical.ts';
import { readCalls, readResponses } from '../../../values/read-example.ts';
import type { LintRule } from '../../rule.ts';
import { groupByKey } from '../../support.ts';
import { show } from '../../../compare/format.ts';
import { isJsonObject } from '../../../values/json.ts';

export const requestResponseConflict: LintRule = {
  id: 'request-response-conflict',
  description: 'A request parameter contradicts the same-named field of its own documented response.',
  severity: 'warning',
  check({ read, report }) {
    const declared = read.page.endpoint?.returns ?? read.page.returns;
    const itemId = declared?.kind === 'list' ? `${declared.item}_id` : null;
    for (const example of read.examples) {
      const [calls] = groupByKey(readCalls(example), (entry) => canonicalJson(entry.call.params) + entry.call.path);
      const [responses] = groupByKey(readResponses(example), (entry) => JSON.stringify(entry.value));
      if (!calls || !responses) continue;
      const value = responses.items[0].value;
      if (value.kind !== 'json') continue;
      const items = Array.isArray(value.json) ? value.json : [value.json];
      const { call, sample } = calls.items[0];
      for (const [name, asked] of Object.entries(call.params)) {
        if (!isIdentifying(name) || isStructured(asked)) continue;
        if (Array.isArray(value.json) && name === itemId) continue;
        const conflicting = items.filter(
          (item): item is JsonObject => isJsonObject(item) && name in item && !isStructured(item[name]) && item[name] !== asked,
        );
        if (conflicting.length === 0) continue;
        const returned = conflicting[0][name];
        report({
          line: sample.request.codeStart.line,
          column: sample.request.codeStart.column,
          message: `asks for ${name} ${show(asked)}, but the documented response has ${name} ${show(returned)}`,
        });
      }
    }
  },
};

function isIdentifying(name: string): boolean {
  return /(^|_)id$/.test(name);
}

function isStructured(value: Json): boolean {
  return typeof value === 'object' && value !== null;
}

