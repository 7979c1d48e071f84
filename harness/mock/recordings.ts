// The loaded recordings, in the normal form requests are compared in, indexed by example and by
// route. Also where an example's action attempt becomes the answer to polling it: an example that
// answers with an attempt is given, unless its cassette already holds one, the recording
// "poll this attempt's id → this attempt".
import type { Json, JsonObject } from '../model.ts';
import type { ActionAttemptPolling, Profile, RouteInfo } from '../profile.ts';
import type { CassetteError, Definition } from './cassette.ts';
import { canonicalJson } from '../values/canonical.ts';
import { allowedMethods, cleanPath } from './normalize.ts';
import { queryParams } from './query.ts';
import type { Scrubber } from './scrub.ts';

export interface Recording {
  /** null: recorded for no example; only requests that name no example may take it. */
  exampleId: string | null;
  /** As recorded, upper-case. */
  method: string;
  methodAllowed: boolean;
  path: string;
  params: JsonObject;
  status: number;
  response?: Json;
  rawHeaders?: string[];
  /** The cassette it came from, or `implied by <file>` for an attempt's poll answer. */
  source: string;
}

export interface SourcedDefinition extends Definition {
  file: string;
  /** The definition's line in its file, when known. */
  line?: number;
}

/** `https://x.com:443/` and `https://x.com` are one origin. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export class RecordingIndex {
  readonly recordings: Recording[] = [];
  readonly errors: CassetteError[] = [];
  private readonly byExample = new Map<string | null, Recording[]>();
  private readonly paramsByRoute = new Map<string, JsonObject[]>();

  constructor(
    definitions: readonly SourcedDefinition[],
    profile: Profile,
    private readonly routes: ReadonlyMap<string, RouteInfo> | undefined,
    scrubber: Scrubber,
  ) {
    for (const definition of definitions) {
      if (originOf(definition.scope) !== originOf(profile.apiOrigin)) {
        this.errors.push({
          file: definition.file,
          message: `${definition.file}: a recording for ${definition.method} ${definition.path} has scope ${definition.scope}, not the API origin ${profile.apiOrigin}: not loaded`,
        });
        continue;
      }
      // A path recorded with its query string (nock's own recorder does that) joins the parameters.
      const url = new URL(definition.path, 'http://mock.invalid');
      const path = cleanPath(url.pathname);
      const declared = routes?.get(path)?.paramTypes;
      const params = scrubber.json({ ...queryParams(url.search, declared ? [declared] : []), ...definition.body });
      this.add({
        exampleId: definition.example ?? null,
        method: definition.method.toUpperCase(),
        methodAllowed: allowedMethods(routes, path).includes(definition.method.toUpperCase()),
        path,
        params,
        status: definition.status,
        response: definition.response,
        rawHeaders: definition.rawHeaders,
        source: definition.file,
      });
    }
    if (profile.actionAttempts) this.addPollAnswers(profile.actionAttempts);
  }

  private add(recording: Recording): void {
    this.recordings.push(recording);
    const own = this.byExample.get(recording.exampleId) ?? [];
    own.push(recording);
    this.byExample.set(recording.exampleId, own);
    const route = this.paramsByRoute.get(recording.path) ?? [];
    route.push(recording.params);
    this.paramsByRoute.set(recording.path, route);
  }

  private addPollAnswers(polling: ActionAttemptPolling): void {
    const known = new Set(this.recordings.map((r) => `${r.exampleId}\u0000${r.path}\u0000${canonicalJson(r.params)}`));
    for (const recording of [...this.recordings]) {
      const response = recording.response;
      if (response === null || typeof response !== 'object' || Array.isArray(response)) continue;
      const attempt = response[polling.responseKey];
      if (attempt === null || typeof attempt !== 'object' || Array.isArray(attempt)) continue;
      const id = attempt[polling.idKey];
      if (typeof id !== 'string') continue;
      const params = { [polling.idKey]: id };
      const key = `${recording.exampleId}\u0000${polling.path}\u0000${canonicalJson(params)}`;
      if (known.has(key)) continue;
      known.add(key);
      this.add({
        exampleId: recording.exampleId,
        method: 'POST',
        methodAllowed: allowedMethods(this.routes, polling.path).includes('POST'),
        path: polling.path,
        params,
        status: 200,
        response: { [polling.responseKey]: attempt },
        source: `implied by ${recording.source}`,
      });
    }
  }

  /** What a request naming `exampleId` (or none) may be answered from. */
  candidates(exampleId: string | null): Recording[] {
    return exampleId === null ? this.recordings : (this.byExample.get(exampleId) ?? []);
  }

  hasExample(exampleId: string): boolean {
    return this.byExample.has(exampleId);
  }

  /** Recorded parameter objects of a route, the example's own first: the types query text is read back into. */
  hints(path: string, exampleId: string | null): JsonObject[] {
    const all = this.paramsByRoute.get(path) ?? [];
    if (exampleId === null) return all;
    const own = (this.byExample.get(exampleId) ?? []).filter((r) => r.path === path).map((r) => r.params);
    return own.length > 0 ? [...own, ...all] : all;
  }
}
