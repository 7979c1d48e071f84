// The Seam API's routes, read from the OpenAPI document that @seamapi/types publishes. Loaded only
// when asked for: the document takes most of a tenth of a second and tens of MB to import.
import type { Json, JsonObject } from '../../harness/model.ts';
import type { RouteInfo } from '../../harness/profile.ts';
import { seamOpenApi } from './openapi.ts';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

interface Operation {
  'x-response-key'?: string | null;
  'x-action-attempt-type'?: string;
  'x-deprecated'?: string;
  'x-undocumented'?: string;
  deprecated?: boolean;
  requestBody?: { content?: { 'application/json'?: { schema?: Schema } } };
}

/** A value of the schema's type; for a union, of its first member (`string | boolean` reads as text). */
function typeHint(schema: Schema | undefined): Json | undefined {
  if (!schema) return undefined;
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return typeHint(union.find((member) => member.type !== 'null'));
  if (schema.allOf) {
    const merged: JsonObject = {};
    for (const member of schema.allOf) Object.assign(merged, typeHint(member));
    return merged;
  }
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'array': {
      const item = typeHint(schema.items);
      return item === undefined ? [] : [item];
    }
    case 'object': {
      const out: JsonObject = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const hint = typeHint(property);
        if (hint !== undefined) out[name] = hint;
      }
      return out;
    }
    default:
      return undefined;
  }
}

let table: Promise<ReadonlyMap<string, RouteInfo>> | undefined;

export function seamRoutes(): Promise<ReadonlyMap<string, RouteInfo>> {
  table ??= seamOpenApi().then((document) => {
    const openapi = document as { paths: unknown };
    const routes = new Map<string, RouteInfo>();
    for (const [path, item] of Object.entries(openapi.paths as Record<string, Record<string, Operation>>)) {
      const operations = Object.entries(item);
      // Every method of a Seam route is the same operation; the one with a JSON body says the most.
      const operation = operations.find(([, op]) => op.requestBody)?.[1] ?? operations[0]?.[1] ?? {};
      const paramTypes = typeHint(operation.requestBody?.content?.['application/json']?.schema);
      const deprecated = operations.map(([, op]) => op['x-deprecated'] ?? (op.deprecated ? 'deprecated' : undefined)).find(Boolean);
      const undocumented = operations.map(([, op]) => op['x-undocumented']).find(Boolean);
      routes.set(path, {
        methods: operations.map(([method]) => method.toUpperCase()),
        responseKey: operation['x-response-key'] ?? null,
        actionAttempt: operation['x-action-attempt-type'] !== undefined,
        ...(deprecated ? { deprecated } : {}),
        ...(undocumented ? { undocumented } : {}),
        ...(paramTypes !== null && typeof paramTypes === 'object' && !Array.isArray(paramTypes) ? { paramTypes } : {}),
      });
    }
    return routes;
  });
  return table;
}
