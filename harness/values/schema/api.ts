// An API's machine-readable description (an OpenAPI 3.0 document) as the checks need it: for
// each route, whether it exists or is deprecated, and what its parameters and its (unwrapped)
// response must look like. Schemas are normalized and compiled on first use, one route at a time:
// a docs tree uses a few dozen of an API's hundreds of routes.
import type { Json, JsonObject } from '../../model.ts';
import { toJsonSchema, type JsonSchema, type NormalizeContext, type OpenApiSchema } from './normalize.ts';
import { SchemaValidator, type SchemaProblem } from './validate.ts';
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

/** Where a documented value breaks the route's schema, and the parameters it marks deprecated. */
export class ApiDescription {
  private readonly validator = new SchemaValidator();
  private readonly components = new Map<string, JsonSchema>();
  private readonly requests = new Map<string, JsonSchema>();
  private readonly responses = new Map<string, ResponseShape | undefined>();
  private readonly context: NormalizeContext;
  readonly routes = new Map<string, ApiRoute>();

  constructor(
    private readonly document: OpenApiDocument,
    private readonly reading: OpenApiReading,
  ) {
    this.context = {
      components: document.components?.schemas ?? {},
      ...(reading.optionalInDocs ? { optionalInDocs: (property: OpenApiSchema) => reading.optionalInDocs!(property) } : {}),
    };
    for (const [path, item] of Object.entries(document.paths)) {
      const operation = this.operation(path);
      if (!operation) continue;
      const deprecated = Object.values(item).some((op) => op.deprecated === true || reading.deprecation?.(op) !== undefined);
      this.routes.set(path, {
        path,
        methods: Object.keys(item).map((method) => method.toUpperCase()),
        responseKey: reading.responseKey(operation),
        ...(deprecated ? { deprecated: reading.deprecation?.(operation) ?? 'deprecated' } : {}),
      });
    }
  }

  route(path: string): ApiRoute | undefined {
    return this.routes.get(path);
  }

  /** The parameters' schema: the JSON body's, else one built from the query parameters. */
  requestSchema(path: string): JsonSchema | undefined {
    if (!this.routes.has(path)) return undefined;
    let schema = this.requests.get(path);
    if (schema === undefined) {
      const operation = this.operation(path)!;
      const body = operation.requestBody?.content?.['application/json']?.schema;
      schema = body ? toJsonSchema(body, this.context) : toJsonSchema(queryObject(operation), this.context);
      this.requests.set(path, schema);
    }
    return schema;
  }

  /** The response's shape once unwrapped; undefined when the description does not say. */
  responseShape(path: string): ResponseShape | undefined {
    if (this.responses.has(path)) return this.responses.get(path);
    const shape = this.readResponse(path);
    this.responses.set(path, shape);
    return shape;
  }

  /** Top-level parameters the route marks deprecated, with the description's note. */
  deprecatedParameters(path: string): Map<string, string> {
    const out = new Map<string, string>();
    const operation = this.operation(path);
    const body = operation?.requestBody?.content?.['application/json']?.schema;
    for (const schema of body ? [body, ...((body.allOf as OpenApiSchema[] | undefined) ?? [])] : [queryObject(operation ?? {})]) {
      for (const [name, property] of Object.entries((schema.properties as Record<string, OpenApiSchema> | undefined) ?? {})) {
        if (property.deprecated === true) out.set(name, typeof property['x-deprecated'] === 'string' ? property['x-deprecated'] : 'deprecated');
      }
    }
    return out;
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
      const what = isJsonObject(value) ? 'one object' : `the ${typeof value} ${JSON.stringify(value)}`;
      return [{ path: '', at: 'value', keyword: 'type', message: `expected a list${shape.name ? ` of ${shape.name}` : ''}, found ${what}` }];
    }
    return value.flatMap((item, index) =>
      this.validator.check(shape.item, item).map((problem) => ({ ...problem, path: pointer([index]) + problem.path })),
    );
  }

  /** The operation that says the most (the one with a JSON body), for routes that take several methods. */
  private operation(path: string): OpenApiOperation | undefined {
    const item = this.document.paths[path];
    if (!item) return undefined;
    const operations = Object.values(item);
    return operations.find((op) => op.requestBody) ?? operations[0];
  }

  private readResponse(path: string): ResponseShape | undefined {
    const route = this.routes.get(path);
    const operation = this.operation(path);
    if (!route || !operation || route.responseKey === undefined) return undefined;
    if (route.responseKey === null) return { kind: 'void' };
    const body = operation.responses?.['200']?.content?.['application/json']?.schema;
    const wrapped = (body?.properties as Record<string, OpenApiSchema> | undefined)?.[route.responseKey];
    if (!wrapped) return undefined;
    if (wrapped.type === 'array' && wrapped.items) {
      const items = wrapped.items as OpenApiSchema;
      return { kind: 'list', item: this.schemaOf(items), ...named(items) };
    }
    return { kind: 'one', schema: this.schemaOf(wrapped), ...named(wrapped) };
  }

  /** A component is normalized once, so that its compiled validator serves every route returning it. */
  private schemaOf(schema: OpenApiSchema): JsonSchema {
    const name = componentName(schema);
    if (name === undefined) return toJsonSchema(schema, this.context);
    let normalized = this.components.get(name);
    if (normalized === undefined) this.components.set(name, (normalized = toJsonSchema(schema, this.context)));
    return normalized;
  }
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
