// Later generations of the docs state no endpoint line: an example then gets its endpoint from
// the call itself, the route its tabs agree on, with the method the API description gives that
// route. Seam routes take several methods (`GET` and `POST`, `PATCH` and `POST`); the docs' own
// endpoint lines name PATCH or PUT where a route takes it, else POST, and so does this (checked
// against every endpoint line of the corpus).
import type { Endpoint, Example, Page } from '../model.ts';
import type { Profile, RouteInfo } from '../profile.ts';
import { agreedCall, agreedPath } from '../values/agreement.ts';
import { readExample } from '../values/read-example.ts';

const PREFERRED = ['PATCH', 'PUT', 'POST'];

/** Gives each example that has no endpoint the one its call names (`source: 'call'`); needs the API's routes only then. */
export async function endpointsFromCalls(pages: readonly Page[], profile: Profile): Promise<void> {
  const pending = pages.flatMap((page) => page.examples.filter((example) => example.endpoint === null));
  if (pending.length === 0) return;
  const routes = await profile.loadRoutes?.();
  for (const example of pending) {
    const endpoint = endpointFromCall(example, routes);
    if (endpoint) example.endpoint = endpoint;
  }
}

function endpointFromCall(example: Example, routes: ReadonlyMap<string, RouteInfo> | undefined): Endpoint | null {
  const path = agreedPath(agreedCall(readExample(example)));
  if (path === undefined) return null;
  const methods = routes?.get(path)?.methods ?? [];
  const method = PREFERRED.find((m) => methods.includes(m)) ?? methods[0] ?? 'POST';
  const first = example.samples[0];
  return {
    method,
    path,
    returns: null,
    text: `${method} ${path}`,
    position: first ? first.request.position : { start: { line: example.line, column: example.column }, end: { line: example.line, column: example.column } },
    source: 'call',
  };
}
