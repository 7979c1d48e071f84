import type { Json, Value } from '../model.ts';

/**
 * A stable text for a value: keys sorted, numbers by value (20 and 20.0 print alike). Two values
 * have the same canonical text exactly when they are equal in the canonical model.
 */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function canonicalValue(value: Value): string {
  return value.kind === 'void' ? 'void' : canonicalJson(value.json);
}
