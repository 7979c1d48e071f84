// SDKs that send GET put parameters in the query string, where every value is text: `limit=5`,
// arrays as repeated keys (`a=1&a=2`, `a[]=1`), objects as `a.b=c` or `a[b]=c`. This reads such a
// query into a nested value, then gives each leaf back the type the recordings hold at the same
// place, so that `limit=5` meets a recorded `5` and a single `a=1` meets a recorded `["1"]`.
import type { Json, JsonObject } from '../model.ts';

type Raw = string | Raw[] | { [key: string]: Raw };

/** `a.b[c][]` → `['a', 'b', 'c', '']`; `''` means "append". */
function keyPath(key: string): string[] {
  const parts: string[] = [];
  for (const dotted of key.split('.')) {
    const match = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(dotted);
    if (!match) {
      parts.push(dotted);
      continue;
    }
    if (match[1] !== '') parts.push(match[1]);
    for (const bracket of match[2].matchAll(/\[([^\]]*)\]/g)) parts.push(bracket[1]);
  }
  return parts;
}

function put(target: { [key: string]: Raw }, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
    const existing = target[head];
    const appended = rest.length === 1;
    if (existing === undefined) target[head] = appended ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else target[head] = [existing as string, value];
    return;
  }
  const child = target[head];
  const next = child !== undefined && typeof child === 'object' && !Array.isArray(child) ? child : {};
  target[head] = next;
  put(next, rest, value);
}

export function parseQuery(search: string): { [key: string]: Raw } {
  const out: { [key: string]: Raw } = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const path = keyPath(key);
    if (path.length > 0 && path[0] !== '') put(out, path, value);
  }
  return out;
}

/** The values recorded at `key`, best hint first, nulls skipped. */
function hintAt(hints: readonly Json[], key: string | number): Json[] {
  const found: Json[] = [];
  for (const hint of hints) {
    if (hint === null || typeof hint !== 'object') continue;
    const value = Array.isArray(hint) ? (typeof key === 'number' ? hint[key] ?? hint[0] : undefined) : typeof key === 'string' ? hint[key] : undefined;
    if (value !== undefined && value !== null) found.push(value);
  }
  return found;
}

function retypeScalar(text: string, hints: readonly Json[]): Json {
  const hint = hints[0];
  if (typeof hint === 'number') {
    const number = Number(text);
    return text.trim() !== '' && Number.isFinite(number) ? number : text;
  }
  if (typeof hint === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (hint !== undefined && typeof hint === 'object') {
    // A client that JSON-encodes an object or array into one query value.
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  if (hint === undefined && text === 'null') return null;
  return text;
}

/** Gives a parsed query the types the recordings (`hints`, best first) hold at each place. */
export function retype(raw: Raw, hints: readonly Json[]): Json {
  const hint = hints[0];
  if (Array.isArray(hint)) {
    // An empty array travels as `a=` (or not at all); a one-item array as a single `a=x`.
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' && raw === '' ? [] : [raw];
    return items.map((item, index) => retype(item, hintAt(hints, index)));
  }
  if (Array.isArray(raw)) return raw.map((item, index) => retype(item, hintAt(hints, index)));
  if (typeof raw === 'string') return retypeScalar(raw, hints);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) out[key] = retype(value, hintAt(hints, key));
  return out;
}

/** Parses `search` and retypes it against the recorded parameter objects of the same route. */
export function queryParams(search: string, hints: readonly JsonObject[]): JsonObject {
  return retype(parseQuery(search), hints) as JsonObject;
}
