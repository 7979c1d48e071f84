import type { Json, JsonObject, Value } from '../model.ts';
import { toSnakeCase } from '../values/naming.ts';
import { isJsonObject } from '../values/json.ts';

/** One place where the documented value and the returned one part ways. */
export interface Difference {
  /** JSONPath-like: `$`, `$.status`, `$[0].device_id`. */
  path: string;
  /** `void`: one side is void and the other is not; the void side is left undefined. */
  kind: 'different' | 'missing' | 'extra' | 'length' | 'void';
  documented?: Json;
  returned?: Json;
}

export interface Comparison {
  equal: boolean;
  differences: Difference[];
  /**
   * Fields the SDK returned that the docs do not show, all null or empty: allowed outside strict
   * mode (real SDKs fill every schema field), counted so that the result can say so.
   */
  emptyExtras: number;
}

export interface CompareOptions {
  /** Demand equality: no extra field, not even a null one. */
  strict?: boolean;
}

/**
 * Compares a documented response with what a client returned. By default the documented value
 * must be contained in the returned one and every extra returned field must be null or empty;
 * `strict` demands equality. Keys compare by canonical snake_case, numbers by value, and two
 * strings that both spell the same instant as an ISO date are equal (SDKs reformat timestamps:
 * `Z` vs `+00:00`, trailing `.000`).
 */
export function compareValues(documented: Value, returned: Value, options: CompareOptions = {}): Comparison {
  const result: Comparison = { equal: true, differences: [], emptyExtras: 0 };
  if (documented.kind === 'void' || returned.kind === 'void') {
    if (documented.kind !== returned.kind) {
      result.differences.push({
        path: '$',
        kind: 'void',
        documented: documented.kind === 'void' ? undefined : documented.json,
        returned: returned.kind === 'void' ? undefined : returned.json,
      });
    }
  } else {
    walk(documented.json, returned.json, '$', options.strict ?? false, result);
  }
  result.equal = result.differences.length === 0;
  return result;
}

function walk(doc: Json, got: Json, path: string, strict: boolean, out: Comparison): void {
  if (isJsonObject(doc) && isJsonObject(got)) {
    const gotByKey = canonicalKeys(got);
    const seen = new Set<string>();
    for (const [rawKey, docValue] of Object.entries(doc)) {
      const key = toSnakeCase(rawKey);
      seen.add(key);
      const child = childPath(path, key);
      if (!gotByKey.has(key)) {
        out.differences.push({ path: child, kind: 'missing', documented: docValue });
        continue;
      }
      walk(docValue, gotByKey.get(key) as Json, child, strict, out);
    }
    for (const [key, gotValue] of gotByKey) {
      if (seen.has(key)) continue;
      if (!strict && isEmpty(gotValue)) {
        out.emptyExtras += 1;
        continue;
      }
      out.differences.push({ path: childPath(path, key), kind: 'extra', returned: gotValue });
    }
    return;
  }
  if (Array.isArray(doc) && Array.isArray(got)) {
    if (doc.length !== got.length) {
      out.differences.push({ path, kind: 'length', documented: doc, returned: got });
      return;
    }
    doc.forEach((item, index) => walk(item, got[index], `${path}[${index}]`, strict, out));
    return;
  }
  if (!sameScalar(doc, got)) out.differences.push({ path, kind: 'different', documented: doc, returned: got });
}

function sameScalar(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return sameInstant(a, b);
  return false;
}

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function sameInstant(a: string, b: string): boolean {
  if (!isoDate.test(a) || !isoDate.test(b)) return false;
  const ta = Date.parse(a);
  return !Number.isNaN(ta) && ta === Date.parse(b);
}

function canonicalKeys(object: JsonObject): Map<string, Json> {
  const map = new Map<string, Json>();
  for (const [key, value] of Object.entries(object)) map.set(toSnakeCase(key), value);
  return map;
}


/** null, "", [] or {}: what an SDK puts in a schema field the response did not carry. */
export function isEmpty(value: Json): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isJsonObject(value)) return Object.keys(value).length === 0;
  return false;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
