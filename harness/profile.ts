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
  /**
   * The release of the data the profile loads (its API description), cheap to ask: part of the
   * result cache's key, so that a new API description judges every sample again.
   */
  dataVersion?: () => string;
  /**
   * Each language's client: which package is installed, at which release by default, and how a
   * runner points it at the mock. A language the profile describes no client for is not run.
   */
  clients: ClientDescriptions;
}

/**
 * A value a runner hands a client (a constructor option, an environment variable). In a string,
 * `{apiKey}` stands for the fake key and `{baseUrl}` for the sample's mock URL, both filled in
 * per sample (harness/run/client.ts).
 */
export type ClientValue = string | number | boolean | null | ClientValue[] | { [key: string]: ClientValue };

interface ClientBase {
  /** The name snippets use for the client they never declare (`seam`: `$seam` in PHP). */
  variable: string;
  /** Variables a client the snippet makes itself reads (`SEAM_API_KEY: '{apiKey}'`). */
  environment: Record<string, string>;
}

/** An npm package exporting a client class: `new Seam({ endpoint, apiKey })`. */
export interface JavaScriptClient extends ClientBase {
  package: string;
  /** The release a run installs unless `--sdk javascript=…` names another. */
  version: string;
  /** The class the package exports, also the name snippets construct it by (`new Seam(…)`). */
  className: string;
  /** The one argument of its constructor, pointed at the mock. */
  options: Record<string, ClientValue>;
}

/** A PyPI package: `seam.Seam(api_key=…, endpoint=…)`. */
export interface PythonClient extends ClientBase {
  /** The distribution pip installs (and importlib.metadata names). */
  package: string;
  version: string;
  /** The module snippets import, and its client class. */
  module: string;
  className: string;
  /** Keyword arguments of the constructor, pointed at the mock. */
  options: Record<string, ClientValue>;
  /** The module's class of API errors, whose `code` is the error type the API answered with. */
  apiError?: string;
  /** The oldest Python the package runs on (`3.11`). */
  minimumPython: string;
}

/** A gem: `Seam.new(api_key: …, endpoint: …)`. */
export interface RubyClient extends ClientBase {
  gem: string;
  /** What `require` loads, and the module whose `new` makes a client. */
  require: string;
  module: string;
  options: Record<string, ClientValue>;
  /**
   * A stand-in client with the gem's interface, for when the gem cannot be installed: its folder,
   * and the API description (an OpenAPI document) it learns the gem's methods and resources from.
   */
  builtIn?: { folder: string; api: OpenApiSource };
}

/** An OpenAPI document and where it comes from, cheap to ask (`@seamapi/types 1.977.0`). */
export interface OpenApiSource {
  source: () => string;
  load: () => Promise<unknown>;
}

/** A Composer package: `new Seam\SeamClient($api_key, $endpoint)`. */
export interface PhpClient extends ClientBase {
  package: string;
  /** What a default install asks Composer for (`^3`). */
  constraint: string;
  /** The client classes, the first one loaded is used (a package renamed it across releases). */
  classes: string[];
  /** A stand-in with the package's interface, for when Composer cannot install it. */
  builtIn?: { folder: string; model: string };
}

/** A Go module: `client.NewClient(option.WithBaseURL(…), option.WithApiKey(…))`. */
export interface GoClient {
  module: string;
  version: string;
  /** The variable snippets use undeclared (`client`). */
  variable: string;
  /** Package alias → import path, for the file that declares that variable; no alias may be `variable`. */
  imports: Record<string, string>;
  /** The variable's Go type, in those aliases (`*seamclient.Client`). */
  type: string;
  /** The expression that makes it, with `baseURL` and `apiKey` in scope. */
  construct: string;
}

/** The system's curl: only the variables the docs' commands expand (`$SEAM_API_KEY`). */
export interface CurlClient {
  environment: Record<string, string>;
}

/** An npm package with a command-line program (`seam devices get …`). */
export interface CliClient {
  package: string;
  version: string;
  /** The package's bin the docs' commands start with. */
  bin: string;
  /** Variables the program reads its key and endpoint from (`{baseUrl}`: per sample). */
  environment: Record<string, string>;
}

/** Each runner's client, by the language it runs. */
export interface ClientDescriptions {
  javascript?: JavaScriptClient;
  python?: PythonClient;
  ruby?: RubyClient;
  php?: PhpClient;
  go?: GoClient;
  curl?: CurlClient;
  seam_cli?: CliClient;
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
