// OpenAPI 3.0 schemas → the JSON Schema a validator checks documented values against. Three
// things differ from feeding the OpenAPI schema to a validator as it stands, each so that a
// finding is a real defect of the docs and never an artefact of how the schema is written:
//
// - `nullable: true` (OpenAPI's, not JSON Schema's) becomes a `null` type or enum member.
// - `oneOf` becomes `anyOf`: a documented value must be one of the shapes the API allows; that
//   it also fits a second, looser shape is no fault of the docs.
// - Objects are closed: a field the schema does not declare is reported (a misspelling, a field
//   the API does not have), where OpenAPI leaves objects open. `allOf` parts are merged into one
//   object first, so that closing one part does not reject the fields of another; an object the
//   schema leaves free-form (no `properties`, or its own `additionalProperties`) stays open.
//
// `$ref`s to components are inlined (no component of the Seam API refers to itself), so that a
// validator's error paths lead through every union branch they took.

/** This module, whose source is part of a kept digest's fingerprint (api.ts). */
export const NORMALIZE_MODULE = import.meta.url;

export type OpenApiSchema = { [key: string]: unknown };
export type JsonSchema = { [key: string]: unknown } | boolean;

/** Keywords kept: what constrains a value. Annotations (`description`, `x-…`, `default`) go. */
const KEPT = new Set([
  'type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems',
  'required', 'minProperties', 'maxProperties',
]);

const NUMERIC_FORMATS = new Set(['float', 'double', 'int32', 'int64']);

/** Above this many branches, distributing an `allOf` over unions is given up (left open). */
const MAX_BRANCHES = 64;

export interface NormalizeContext {
  /** `#/components/schemas/<name>` → its schema. */
  components: Record<string, OpenApiSchema>;
  /**
   * A field the docs need not show though the API always returns it: one the description keeps
   * out of the docs, or deprecated. It stays allowed, but is not required of a documented value.
   */
  optionalInDocs?: (property: OpenApiSchema) => boolean;
}

/** The closed JSON Schema of an OpenAPI schema. */
export function toJsonSchema(schema: unknown, ctx: NormalizeContext): JsonSchema {
  return close(open(schema, ctx, []));
}

/** Normalized, with every nested value closed but the top-level object left open (for merging). */
function open(schema: unknown, ctx: NormalizeContext, refs: readonly string[]): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object') return true;
  const node = schema as OpenApiSchema;
  if (typeof node.$ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1];
    const target = name === undefined ? undefined : ctx.components[name];
    // An unknown or self-referring target says nothing we can check.
    if (target === undefined || refs.includes(node.$ref)) return true;
    return open(target, ctx, [...refs, node.$ref]);
  }
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(node)) if (KEPT.has(key)) out[key] = value;
  // OpenAPI's numeric formats say how wide a number is stored, not which numbers are valid.
  if (typeof out.format === 'string' && NUMERIC_FORMATS.has(out.format)) delete out.format;
  // OpenAPI 3.0's boolean exclusive bounds are JSON Schema's numeric ones.
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] && typeof out[bound] === 'number') out[flag] = out[bound];
      else delete out[flag];
      if (typeof out[flag] === 'number') delete out[bound];
    }
  }
  if (isObject(node.properties) && Array.isArray(out.required) && ctx.optionalInDocs) {
    const properties = node.properties as Record<string, OpenApiSchema>;
    out.required = (out.required as string[]).filter((name) => !(isObject(properties[name]) && ctx.optionalInDocs!(properties[name])));
  }
  if (isObject(node.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([name, property]) => [name, close(open(property, ctx, refs))]),
    );
  }
  if (node.items !== undefined) out.items = close(open(node.items, ctx, refs));
  if (node.additionalProperties !== undefined) {
    out.additionalProperties = typeof node.additionalProperties === 'boolean' ? node.additionalProperties : close(open(node.additionalProperties, ctx, refs));
  }
  let result: JsonSchema = out;
  const union = (node.oneOf ?? node.anyOf) as unknown[] | undefined;
  if (Array.isArray(union)) result = merge(result, { anyOf: union.map((member) => close(open(member, ctx, refs))) });
  if (Array.isArray(node.allOf)) {
    for (const member of node.allOf) result = merge(result, open(member, ctx, refs));
  }
  return node.nullable === true ? orNull(result) : result;
}

/** Closes the top-level object (and each top-level union branch): undeclared fields are rejected. */
function close(schema: JsonSchema): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (Array.isArray(schema.anyOf)) {
    return { ...schema, anyOf: (schema.anyOf as JsonSchema[]).map(close) };
  }
  if (isObject(schema.properties) && schema.additionalProperties === undefined && !('allOf' in schema)) {
    return { ...schema, additionalProperties: false };
  }
  return schema;
}

/** A schema that also admits null. A schema with no constraint already does. */
function orNull(schema: JsonSchema): JsonSchema {
  if (schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) return true;
  if (schema === false) return { type: 'null' };
  if (typeof schema.type === 'string' && !('anyOf' in schema) && !('allOf' in schema)) {
    const out: { [key: string]: unknown } = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = schema.enum.includes(null) ? schema.enum : [...schema.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, schema] };
}

/**
 * Both schemas at once, as one schema where it can be: two objects become one object with the
 * fields and requirements of both; a union distributes (`A ∧ (B ∨ C)` = `(A ∧ B) ∨ (A ∧ C)`).
 * What cannot be merged stays an `allOf`, which `close` leaves open.
 */
function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (a === true || isEmpty(a)) return b;
  if (b === true || isEmpty(b)) return a;
  if (a === false || b === false) return false;
  const branchesA = branchesOf(a);
  const branchesB = branchesOf(b);
  if (branchesA.length > 1 || branchesB.length > 1 || 'anyOf' in a || 'anyOf' in b) {
    if (branchesA.length * branchesB.length > MAX_BRANCHES) return { allOf: [a, b] };
    return { anyOf: branchesA.flatMap((x) => branchesB.map((y) => merge(x, y))) };
  }
  const out: { [key: string]: unknown } = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!(key in out)) {
      out[key] = value;
      continue;
    }
    if (key === 'properties') {
      const properties = { ...(out.properties as Record<string, JsonSchema>) };
      for (const [name, property] of Object.entries(value as Record<string, JsonSchema>)) {
        properties[name] = name in properties ? mergeProperty(properties[name], property) : property;
      }
      out.properties = properties;
    } else if (key === 'required') {
      out.required = [...new Set([...(out.required as string[]), ...(value as string[])])];
    } else if (JSON.stringify(out[key]) !== JSON.stringify(value)) {
      return { allOf: [a, b] };
    }
  }
  return out;
}

/** The same field declared by two parts of an `allOf`: both apply. */
function mergeProperty(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  return close(merge(reopen(a), reopen(b)));
}

/** The alternatives a schema stands for: each union branch with the schema's own constraints. */
function branchesOf(schema: { [key: string]: unknown }): JsonSchema[] {
  if (!Array.isArray(schema.anyOf)) return [schema];
  const rest = withoutKey(schema, 'anyOf');
  return (schema.anyOf as JsonSchema[]).map((branch) => merge(rest, reopen(branch)));
}

/**
 * A closed object, open again for merging with another part. A schema's own
 * `additionalProperties: false` comes back when the merged result is closed.
 */
function reopen(schema: JsonSchema): JsonSchema {
  if (typeof schema === 'boolean' || schema.additionalProperties !== false || !isObject(schema.properties)) return schema;
  return withoutKey(schema, 'additionalProperties');
}

function withoutKey(schema: { [key: string]: unknown }, key: string): JsonSchema {
  const { [key]: _dropped, ...rest } = schema;
  return rest;
}

function isEmpty(schema: JsonSchema): boolean {
  return typeof schema === 'object' && Object.keys(schema).length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
