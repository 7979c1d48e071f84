// The built-in Ruby client's knowledge of the API, read from the OpenAPI document the profile
// gives (Seam's: the one @seamapi/types publishes, which the real seam gem is generated from). The client itself is
// generic (client/seam/routes.rb turns any method on any namespace into a request); this index
// tells it what the gem's generated code knows and a Ruby snippet can see: which words are
// namespaces and which are methods (`seam.access_codes.unmanaged` vs `seam.devices.list`, both
// called without arguments), each method's keyword arguments, its response key and resource
// class, and each resource's attribute readers.
import type { OpenApiSource } from '../../harness/profile.ts';

/** One route, as the generated gem method for it behaves. */
export interface IndexedRoute {
  /** The key of the body that holds the result; null: the method returns nil. */
  responseKey: string | null;
  /** The resource schema the result is made of (`device`); null when it is not a resource. */
  resource: string | null;
  /** The result is a list (`devices`), else one object; null when it is neither (or void). */
  list: boolean | null;
  /** Every keyword the method takes (documented parameters only, as the gem's generator does). */
  params: string[];
  /** The keywords without a default (`def get(device_id:, …)`). */
  required: string[];
}

export interface IndexedResource {
  /** Attribute readers (documented properties). */
  properties: string[];
  /** Readers that parse the value into a Time (`date_accessor`). */
  dates: string[];
}

export interface ApiIndex {
  /** Where the index was read from, for messages. */
  source: string;
  routes: Record<string, IndexedRoute>;
  resources: Record<string, IndexedResource>;
}

/** Bump when the index's shape or reading changes, so a cached index is rebuilt. */
export const INDEX_FORMAT = 3;

interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  'x-undocumented'?: string;
}

interface Operation {
  'x-response-key'?: string | null;
  'x-undocumented'?: string;
  requestBody?: { content?: { 'application/json'?: { schema?: Schema } } };
  responses?: Record<string, { content?: { 'application/json'?: { schema?: Schema } } }>;
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** The index of the profile's API description. */
export async function apiIndex(api: OpenApiSource): Promise<ApiIndex> {
  return buildIndex((await api.load()) as OpenApi, api.source());
}

const METHOD_NAME = /^[a-z_][a-z0-9_]*$/;

export function buildIndex(openapi: OpenApi, source: string): ApiIndex {
  const routes: Record<string, IndexedRoute> = {};
  for (const [path, item] of Object.entries(openapi.paths)) {
    // `/seam/webhooks/{provider}/…`, `/…/validate-config`: no Ruby method can be named so.
    if (!path.split('/').slice(1).every((word) => METHOD_NAME.test(word))) continue;
    const operations = Object.entries(item);
    // Every method of a Seam route is one operation; POST (or the one with a body) says the most.
    const operation = item.post ?? operations.find(([, op]) => op.requestBody)?.[1] ?? operations[0]?.[1];
    // The gem is generated from the documented routes only (`/user_identities/enrollment_automations/*`
    // are marked "Will be removed." and have no methods).
    if (!operation || operation['x-undocumented']) continue;
    const responseKey = operation['x-response-key'] ?? null;
    const body = operation.requestBody?.content?.['application/json']?.schema;
    const result = responseKey === null ? undefined : operation.responses?.['200']?.content?.['application/json']?.schema?.properties?.[responseKey];
    routes[path] = {
      responseKey,
      resource: refName(result?.$ref ?? result?.items?.$ref),
      list: result?.type === 'array' ? true : result?.$ref || result?.type === 'object' ? false : null,
      params: [...documentedProperties(body).keys()].sort(),
      required: [...requiredOf(body)].sort(),
    };
  }
  const resources: Record<string, IndexedResource> = {};
  for (const [name, schema] of Object.entries(openapi.components.schemas)) {
    const properties = documentedProperties(schema);
    resources[name] = {
      properties: [...properties.keys()].sort(),
      dates: [...properties].filter(([, property]) => property.format === 'date-time').map(([key]) => key).sort(),
    };
  }
  return { source, routes, resources };
}

function refName(ref: string | undefined): string | null {
  return ref ? ref.slice(ref.lastIndexOf('/') + 1) : null;
}

/** The documented properties of an object schema and of every member of its unions. */
function documentedProperties(schema: Schema | undefined, into = new Map<string, Schema>()): Map<string, Schema> {
  if (!schema) return into;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (!property['x-undocumented'] && !into.has(key)) into.set(key, property);
  }
  for (const member of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) documentedProperties(member, into);
  return into;
}

/** Keywords every accepted body must hold: required at the top, in every allOf, or in all of a union's members. */
function requiredOf(schema: Schema | undefined): Set<string> {
  const required = new Set<string>();
  if (!schema) return required;
  for (const key of schema.required ?? []) if (!schema.properties?.[key]?.['x-undocumented']) required.add(key);
  for (const member of schema.allOf ?? []) for (const key of requiredOf(member)) required.add(key);
  const union = schema.oneOf ?? schema.anyOf;
  if (union?.length) {
    const [first, ...rest] = union.map(requiredOf);
    for (const key of first) if (rest.every((other) => other.has(key))) required.add(key);
  }
  return required;
}
