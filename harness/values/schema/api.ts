// An API's machine-readable description (an OpenAPI 3.0 document) as the checks need it: for
// each route, whether it exists or is deprecated, and what its parameters and its (unwrapped)
// response must look like. Schemas are normalized once into a digest (plain JSON a profile may
// keep between runs), and compiled on first use: a docs tree uses a few dozen of an API's
// hundreds of routes.
import type { Json, JsonObject } from '../../model.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NORMALIZE_MODULE, toJsonSchema, type JsonSchema, type NormalizeContext, type OpenApiSchema } from './normalize.ts';
import { SchemaValidator, type SchemaProblem } from './validate.ts';
import type { CompiledStore } from './store.ts';
import { pointer } from '../spans.ts';
import { isJsonObject } from '../json.ts';

export interface OpenApiOperation {
  deprecated?: boolean;
  parameters?: Array<{ in?: string; name?: string; required?: boolean; schema?: OpenApiSchema; deprecated?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
  [extension: string]: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** What an API's own extensions say about an operation, where OpenAPI has no standard field. */
export interface OpenApiReading {
  /** The key the response body wraps the resource in (null: nothing, a void route); undefined: unknown. */
  responseKey(operation: OpenApiOperation): string | null | undefined;
  /** Why the operation is deprecated, in the description's own words, if it says. */
  deprecation?(operation: OpenApiOperation): string | undefined;
  /** A response field docs need not show (see NormalizeContext). */
  optionalInDocs?(property: OpenApiSchema): boolean;
}

/** What the response of a route is, once unwrapped from its key. */
export type ResponseShape =
  | { kind: 'void' }
  | { kind: 'one'; schema: JsonSchema; name?: string }
  | { kind: 'list'; item: JsonSchema; name?: string };

export interface ApiRoute {
  path: string;
  methods: string[];
  /** Set when the route is deprecated: the description's note, or `deprecated`. */
  deprecated?: string;
  responseKey: string | null | undefined;
}

/** A response shape in a digest: a component's schema is named, not copied into every route. */
type DigestShape = { kind: 'void' } | { kind: 'one' | 'list'; schema: JsonSchema | { component: string }; name?: string };

/**
 * Everything the checks need from an API description, normalized, as plain JSON: what
 * `ApiDescription` is built from. Made once from the OpenAPI document (`digestOf`); a profile may
 * keep it between runs, so that a run loads a digest instead of the document (see profiles/seam/api.ts).
 */
export interface ApiDigest {
  routes: Record<string, ApiRoute>;
  /** Each route's parameters as one closed JSON Schema. */
  requests: Record<string, JsonSchema>;
  /** Each route's (unwrapped) response, where the description says. */
  responses: Record<string, DigestShape>;
  /** Top-level parameters each route marks deprecated, with the description's note. */
  deprecatedParameters: Record<string, Record<string, string>>;
  /** Normalized component schemas the responses name. */
  components: Record<string, JsonSchema>;
}

/**
 * Changes whenever the code that makes a digest does: a kept digest made by other code is not
 * used. (The sources of this module and of normalize.ts, hashed.)
 */
export function digestFingerprint(): string {
  const hash = createHash('sha256');
  for (const url of [import.meta.url, NORMALIZE_MODULE]) hash.update(readFileSync(fileURLToPath(url)));
  return hash.digest('hex').slice(0, 16);
}

/** Normalizes every route of the document (a tenth of a second for Seam's 300 routes). */
export function digestOf(document: OpenApiDocument, reading: OpenApiReading): ApiDigest {
  const context: NormalizeContext = {
    components: document.components?.schemas ?? {},
    ...(reading.optionalInDocs ? { optionalInDocs: (property: OpenApiSchema) => reading.optionalInDocs!(property) } : {}),
  };
  const digest: ApiDigest = { routes: {}, requests: {}, responses: {}, deprecatedParameters: {}, components: {} };
  const schemaOf = (schema: OpenApiSchema): JsonSchema | { component: string } => {
    const name = componentName(schema);
    if (name === undefined) return toJsonSchema(schema, context);
    digest.components[name] ??= toJsonSchema(schema, context);
    return { component: name };
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const operations = Object.values(item);
    // Every method of a route is the same operation; the one with a JSON body says the most.
    const operation = operations.find((op) => op.requestBody) ?? operations[0];
    if (!operation) continue;
    const deprecated = operations.some((op) => op.deprecated === true || reading.deprecation?.(op) !== undefined);
    const responseKey = reading.responseKey(operation);
    digest.routes[path] = {
      path,
      methods: Object.keys(item).map((method) => method.toUpperCase()),
      responseKey,
      ...(deprecated ? { deprecated: reading.deprecation?.(operation) ?? 'deprecated' } : {}),
    };
    const body = operation.requestBody?.content?.['application/json']?.schema;
    digest.requests[path] = toJsonSchema(body ?? queryObject(operation), context);
    const notes: Record<string, string> = {};
    for (const schema of body ? [body, ...((body.allOf as OpenApiSchema[] | undefined) ?? [])] : [queryObject(operation)]) {
      for (const [name, property] of Object.entries((schema.properties as Record<string, OpenApiSchema> | undefined) ?? {})) {
        if (property.deprecated === true) notes[name] = typeof property['x-deprecated'] === 'string' ? property['x-deprecated'] : 'deprecated';
      }
    }
    if (Object.keys(notes).length > 0) digest.deprecatedParameters[path] = notes;
    if (responseKey === null) digest.responses[path] = { kind: 'void' };
    if (!responseKey) continue;
    const wrapped = (operation.responses?.['200']?.content?.['application/json']?.schema?.properties as Record<string, OpenApiSchema> | undefined)?.[responseKey];
    if (!wrapped) continue;
    const list = wrapped.type === 'array' && wrapped.items !== undefined;
    const target = list ? (wrapped.items as OpenApiSchema) : wrapped;
    digest.responses[path] = { kind: list ? 'list' : 'one', schema: schemaOf(target), ...named(target) };
  }
  return digest;
}

/** Where a documented value breaks the route's schema, and the parameters it marks deprecated. */
export class ApiDescription {
  private readonly validator = new SchemaValidator();
  private readonly shapes = new Map<string, ResponseShape>();
  readonly routes: ReadonlyMap<string, ApiRoute>;

  constructor(private readonly digest: ApiDigest) {
    this.routes = new Map(Object.entries(digest.routes));
    // A component's schema is one object for every route that returns it: its compiled validator serves them all.
    for (const [path, shape] of Object.entries(digest.responses)) {
      if (shape.kind === 'void') {
        this.shapes.set(path, shape);
        continue;
      }
      const schema = isComponentRef(shape.schema) ? digest.components[shape.schema.component] : shape.schema;
      const name = shape.name === undefined ? {} : { name: shape.name };
      this.shapes.set(path, shape.kind === 'list' ? { kind: 'list', item: schema, ...name } : { kind: 'one', schema, ...name });
    }
  }

  /** Keeps compiled validators in `store` between runs (see store.ts). */
  useStore(store: CompiledStore): void {
    this.validator.store = store;
  }

  route(path: string): ApiRoute | undefined {
    return this.routes.get(path);
  }

  /** The parameters' schema: the JSON body's, else one built from the query parameters. */
  requestSchema(path: string): JsonSchema | undefined {
    return this.digest.requests[path];
  }

  /** The response's shape once unwrapped; undefined when the description does not say. */
  responseShape(path: string): ResponseShape | undefined {
    return this.shapes.get(path);
  }

  /** Top-level parameters the route marks deprecated, with the description's note. */
  deprecatedParameters(path: string): Map<string, string> {
    return new Map(Object.entries(this.digest.deprecatedParameters[path] ?? {}));
  }

  checkRequest(path: string, params: JsonObject): SchemaProblem[] {
    const schema = this.requestSchema(path);
    return schema === undefined ? [] : this.validator.check(schema, params);
  }

  /** Problems of a documented (unwrapped) response; a list's items are checked one by one. */
  checkResponse(path: string, value: Json): SchemaProblem[] {
    const shape = this.responseShape(path);
    if (shape === undefined || shape.kind === 'void') return [];
    if (shape.kind === 'one') return this.validator.check(shape.schema, value);
    if (!Array.isArray(value)) {
      const keys = isJsonObject(value) ? Object.keys(value) : [];
      if (keys.length === 1 && Array.isArray((value as JsonObject)[keys[0]])) {
        return [{ path: pointer([keys[0]]), at: 'key', keyword: 'wrapped', message: `the list is wrapped in \`${keys[0]}\`: the API returns the list itself here` }];
      }
      const what = isJsonObject(value) ? 'one object' : `the ${typeof value} ${JSON.stringify(value)}`;
      return [{ path: '', at: 'value', keyword: 'type', message: `expected a list${shape.name ? ` of ${shape.name}` : ''}, found ${what}` }];
    }
    return value.flatMap((item, index) =>
      this.validator.check(shape.item, item).map((problem) => ({ ...problem, path: pointer([index]) + problem.path })),
    );
  }
}

/** Normalized schemas keep only validation keywords, so `{ component }` is never one of them. */
function isComponentRef(schema: JsonSchema | { component: string }): schema is { component: string } {
  return typeof schema === 'object' && typeof schema.component === 'string' && Object.keys(schema).length === 1;
}

function componentName(schema: OpenApiSchema): string | undefined {
  return typeof schema.$ref === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1] : undefined;
}

function named(schema: OpenApiSchema): { name?: string } {
  const name = componentName(schema);
  return name === undefined ? {} : { name };
}

/** Query parameters as one object schema (routes with no JSON body). */
function queryObject(operation: OpenApiOperation): OpenApiSchema {
  const properties: Record<string, OpenApiSchema> = {};
  const required: string[] = [];
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'query' || !parameter.name) continue;
    properties[parameter.name] = { ...(parameter.schema ?? {}), ...(parameter.deprecated ? { deprecated: true } : {}) };
    if (parameter.required) required.push(parameter.name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}
