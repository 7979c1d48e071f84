import type { JsonObject, LanguageId } from './model.ts';
import type { ApiDescription } from './values/schema/api.ts';

/** How the docs name one language: by fence info string first, by tab title second. */
export interface LanguageSpec {
  id: LanguageId;
  /** How messages name it: `JavaScript`, `Seam CLI`, `cURL`. */
  label: string;
  /** Fence info strings that name it (`javascript`, `js`). */
  fences: string[];
  /** Tab titles that name it, compared case-insensitively once suffixes like ` TEST` are dropped. */
  titles: string[];
}

/**
 * Everything about one API's docs that the core must not hard-code: which languages its tabs
 * use, what its clients are called in snippets, where its real API lives, which strings are
 * secrets. The default profile is Seam's (`profiles/seam/`).
 */
export interface Profile {
  name: string;
  languages: LanguageSpec[];
  /** Words dropped from the end of a tab title before it is matched (`TEST`). */
  titleSuffixes: string[];
  /** The origin the docs' cURL tabs call, and the scope recordings are filed under. */
  apiOrigin: string;
  /**
   * The API key runners give clients: shaped like a real one so client-side checks pass, never
   * valid anywhere (clients only ever reach the local mock).
   */
  fakeApiKey: string;
  /** Patterns of secret values (API keys, tokens) scrubbed from anything written. */
  secretPatterns: RegExp[];
  /**
   * The class or struct name a typed client gives a resource, where it is not the resource's
   * PascalCase (`event` → `SeamEvent`). Used to tell a typed response that names another resource.
   */
  typeNames?: Record<string, string[]>;
  /** What replaces a secret in anything written, and in requests before they are matched. Default `<SECRET>`. */
  secretPlaceholder?: string;
  /**
   * The API's routes by path, loaded on first use (an API description can be large). A path
   * missing from the map is a route the API does not have; `deprecated` says when it has one
   * it means to remove (for a client that lacks the method the docs call, that is why).
   */
  loadRoutes?: () => Promise<ReadonlyMap<string, RouteInfo>>;
  /**
   * The API's machine-readable description, for checking documented requests and responses.
   * With `cacheDir`, the profile may keep what it derives from the description there between runs.
   */
  loadApi?: (options?: { cacheDir?: string }) => Promise<ApiDescription>;
  /** How a client follows a long-running action, if the API has such actions. */
  actionAttempts?: ActionAttemptPolling;
}

/** What the API's description says about one route. */
export interface RouteInfo {
  /** The HTTP methods it accepts, upper-case (`PATCH`, `POST`). */
  methods: string[];
  /** The key its response body wraps the resource in (`device`, `devices`); null for a void route. */
  responseKey: string | null;
  /** It answers with an action attempt that a client may poll. */
  actionAttempt: boolean;
  /** Set when the API marks the route deprecated: the description's own note (`Use /x instead.`), or `deprecated`. */
  deprecated?: string;
  /** Set when the API keeps the route out of its documentation: the description's note (`Will be removed.`). */
  undocumented?: string;
  /**
   * A value of each parameter's type (`0`, `''`, `false`, `['']`, `{…}`): what query-string text
   * is read back into when no recording of the route says.
   */
  paramTypes?: JsonObject;
}

/** The route a client polls for an action's progress: `POST /action_attempts/get {action_attempt_id}`. */
export interface ActionAttemptPolling {
  path: string;
  /** The parameter that names the attempt, and the attempt's own id field. */
  idKey: string;
  /** The response key that wraps an attempt. */
  responseKey: string;
}
