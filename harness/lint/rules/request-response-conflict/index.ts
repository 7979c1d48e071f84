// A documented response that contradicts its own request: the call sets `name: "Front door"` and
// the response shows `name: "Back door"`; it asks for `device_id: "a"` and documents device "b".
// Any parameter counts, its nested fields too, wherever the response has a field of that name at
// the same place: on one object, the parameter is echoed; on a list, it is a filter each item
// must match. What may legitimately differ is left alone: a parameter the response has no field
// for (pagination, limits, search text, options), a field of another type (the schema check's
// business), lists (order and membership are the API's), times that spell the same instant, and
// on a list, the id of the item resource itself (an input naming another object, as in
// `list_compatible_…_acs_systems({ acs_system_id })`).
import { show } from '../../../compare/format.ts';
import type { Json, JsonObject } from '../../../model.ts';
import { agreedCall, agreedPath, agreedResponse, representative } from '../../../values/agreement.ts';
import { isJsonObject } from '../../../values/json.ts';
import { displayPath, pointer, type Step } from '../../../values/spans.ts';
import type { LintRule } from '../../rule.ts';
import { languageOf, place } from '../../support.ts';

export const requestResponseConflict: LintRule = {
  id: 'request-response-conflict',
  description: 'A request parameter contradicts the same-named field of its own documented response.',
  severity: 'warning',
  check({ read, api, report }) {
    const declared = read.page.endpoint?.returns ?? read.page.returns;
    for (const example of read.examples) {
      const calls = agreedCall(example, api);
      if (calls?.kind !== 'agreed') continue;
      const path = agreedPath(calls);
      const responses = agreedResponse(example, path, api);
      if (responses?.kind !== 'agreed') continue;
      const { value } = representative(responses.reference);
      if (value.kind !== 'json') continue;
      const [{ call, sample, map }] = calls.reference.items;
      const shape = path !== undefined ? api?.responseShape(path) : undefined;
      const itemName = shape?.kind === 'list' ? shape.name : declared?.kind === 'list' ? declared.item : undefined;
      const list = Array.isArray(value.json);
      const items = list ? (value.json as Json[]) : [value.json];
      for (const conflict of conflicts(call.params, items, [])) {
        const [name] = conflict.path;
        if (list && itemName !== undefined && name === `${itemName}_id`) continue;
        const at = pointer(conflict.path);
        const field = displayPath(at, '').replace(/^\./, '');
        const where = list ? ` at ${displayPath(pointer([conflict.item, ...conflict.path]))}` : '';
        report({
          ...place(map?.value(at), sample.request.codeStart),
          ...languageOf(sample),
          message: `asks for ${field} ${show(conflict.asked)}, but the documented response has ${field} ${show(conflict.returned)}${where}`,
        });
      }
    }
  },
};

interface Conflict {
  path: Step[];
  asked: Json;
  returned: Json;
  /** The list item it was found in (0 for one object). */
  item: number;
}

/** Each scalar parameter (nested ones too) that the first item contradicting it shows otherwise. */
function conflicts(params: JsonObject, items: readonly Json[], prefix: Step[]): Conflict[] {
  const out: Conflict[] = [];
  for (const [name, asked] of Object.entries(params)) {
    const path = [...prefix, name];
    if (Array.isArray(asked)) continue;
    if (isJsonObject(asked)) {
      const inner = items.map((item) => (isJsonObject(item) && isJsonObject(item[name]) ? item[name] : null));
      for (const found of conflicts(asked, inner, path)) out.push(found);
      continue;
    }
    for (const [index, item] of items.entries()) {
      if (!isJsonObject(item) || !(name in item)) continue;
      const returned = item[name];
      if (returned === null || typeof returned !== typeof asked || typeof returned === 'object') continue;
      if (!sameValue(asked, returned)) {
        out.push({ path, asked, returned, item: index });
        break;
      }
    }
  }
  return out;
}

function sameValue(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') {
    const [ta, tb] = [instant(a), instant(b)];
    return ta !== undefined && ta === tb;
  }
  return false;
}

function instant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}
