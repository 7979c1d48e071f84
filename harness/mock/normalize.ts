// One request, however a client spelled it, in the one form recordings are kept in: the API path,
// the parameters (query string and body merged, `_strict` dropped, query text retyped, secrets
// scrubbed), and whether the method is one the route accepts. Six SDKs send the same call six
// ways (see shared notes, "What each client sends"); after this they compare equal.
import type { Json, JsonObject } from '../model.ts';
import type { RouteInfo } from '../profile.ts';
import { queryParams } from './query.ts';
import type { Scrubber } from './scrub.ts';
import { CLIENT_HEADER, EXAMPLE_HEADER, splitExamplePath } from './slug.ts';

export interface NormalRequest {
  exampleId: string | null;
  /** The client tag of the base URL, when the run set one. */
  client: string | null;
  /** As sent, upper-case. */
  method: string;
  path: string;
  params: JsonObject;
  /** The route accepts this method (any of GET/POST/PATCH/PUT/DELETE when the route is unknown). */
  methodAllowed: boolean;
}

export const ANY_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

/** Parameters SDKs add that say how to answer, not what to do. */
const CLIENT_FLAGS = ['_strict'];

export interface NormalizeContext {
  routes?: ReadonlyMap<string, RouteInfo>;
  scrubber: Scrubber;
  /** Recorded parameter objects for a route (the example's own first): the types query text is read back into. */
  hints(path: string, exampleId: string | null): JsonObject[];
}

export function allowedMethods(routes: ReadonlyMap<string, RouteInfo> | undefined, path: string): string[] {
  return routes?.get(path)?.methods ?? ANY_METHODS;
}

/** `//devices/get/` → `/devices/get`. */
export function cleanPath(path: string): string {
  const clean = path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  return clean.startsWith('/') ? clean : `/${clean}`;
}

/** What query text is read back into: the recordings of the route first, then its declared parameter types. */
function typeHints(ctx: NormalizeContext, path: string, exampleId: string | null): JsonObject[] {
  const declared = ctx.routes?.get(path)?.paramTypes;
  const recorded = ctx.hints(path, exampleId);
  return declared ? [...recorded, declared] : recorded;
}

export function readBodyParams(body: Buffer, contentType: string | undefined, hints: readonly JsonObject[]): JsonObject {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  if (contentType?.includes('application/x-www-form-urlencoded')) return queryParams(text, hints);
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    throw new Error(`the request body is not JSON: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`);
  }
  // PHP's json_encode writes an empty parameter array as `[]`; `null` is "no parameters" too.
  if (parsed === null || (Array.isArray(parsed) && parsed.length === 0)) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the request body is JSON but not an object of parameters');
  return parsed;
}

/** Throws with a one-line reason when the body cannot be read as parameters. */
export function normalizeRequest(
  request: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: Buffer },
  ctx: NormalizeContext,
): NormalRequest {
  const url = new URL(request.url, 'http://mock.invalid');
  const split = splitExamplePath(url.pathname);
  const header = request.headers[EXAMPLE_HEADER];
  const exampleId = split.exampleId ?? (typeof header === 'string' && header !== '' ? header : null);
  const tag = request.headers[CLIENT_HEADER];
  const client = split.client ?? (typeof tag === 'string' && tag !== '' ? tag : null);
  // A key can stand in a path segment too (`/keys/seam_…/revoke`): scrubbed like any value.
  const path = ctx.scrubber.text(cleanPath(split.path));
  const method = request.method.toUpperCase();
  const contentType = request.headers['content-type'];
  const hints = typeHints(ctx, path, exampleId);
  const fromQuery = queryParams(url.search, hints);
  const fromBody = readBodyParams(request.body, typeof contentType === 'string' ? contentType : undefined, hints);
  const params: JsonObject = { ...fromQuery, ...fromBody };
  for (const flag of CLIENT_FLAGS) delete params[flag];
  return {
    exampleId,
    client,
    method,
    path,
    params: ctx.scrubber.json(params),
    methodAllowed: allowedMethods(ctx.routes, path).includes(method),
  };
}

/**
 * The method a recording is written with: POST when the route takes it (every Seam route does),
 * so that re-recording with another client does not churn the cassette; else the route's first.
 */
export function recordedMethod(routes: ReadonlyMap<string, RouteInfo> | undefined, path: string, sent: string): string {
  const allowed = routes?.get(path)?.methods;
  if (!allowed) return sent.toUpperCase();
  return allowed.includes('POST') ? 'POST' : allowed[0];
}
