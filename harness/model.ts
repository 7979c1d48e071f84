// The types that flow through doc-harness, in the order data moves:
// markdown → Page/Example/Sample (extract) → Call/Value (runner readers) → Recording (mock)
// → Outcome (runners) → Verdict (compare) → report.
import type { SourceMap } from './values/spans.ts';

/** A place in a file: 1-based line and column, as unist reports them. */
export interface Point {
  line: number;
  column: number;
  /** 0-based character offset into the file, when known. */
  offset?: number;
}

export interface Span {
  start: Point;
  end: Point;
}

export type Severity = 'error' | 'warning' | 'info';

// ---------------------------------------------------------------- message ids

/** The lint rules (harness/lint/rules/<id>/), each with its own doc page. */
export type LintRuleId =
  | 'snippet-unreadable'
  | 'request-mismatch'
  | 'response-mismatch'
  | 'response-artefact'
  | 'return-shape'
  | 'response-type'
  | 'request-parameters'
  | 'request-schema'
  | 'response-schema'
  | 'route-deprecated'
  | 'route-unknown'
  | 'parameter-deprecated'
  | 'request-response-conflict'
  | 'secret-in-docs'
  | NoteRuleId;

/**
 * The rules that report what readers note while reading a snippet. A reader's note must name one
 * of these, and the lint registry must hold a rule for each (a `Record` over this type), so a
 * note no rule reports cannot be written.
 */
export type NoteRuleId = 'snippet-invalid-in-language' | 'cli-shell-unsafe' | 'curl-response-unwrapped';

/** What extraction reports (harness/extract/rules.ts describes each). */
export type ExtractionRuleId =
  | 'path-not-found'
  | 'no-markdown'
  | 'file-unreadable'
  | 'file-too-large'
  | 'file-not-utf8'
  | 'file-empty'
  | 'mojibake'
  | 'tabs-reopened'
  | 'tabs-unclosed'
  | 'tabs-empty'
  | 'tab-outside-tabs'
  | 'tab-unclosed'
  | 'endtab-unopened'
  | 'endtabs-unopened'
  | 'fence-unclosed'
  | 'code-outside-tab'
  | 'tab-missing-request'
  | 'tab-missing-response'
  | 'tab-empty'
  | 'tab-extra-code'
  | 'tab-language-mismatch'
  | 'duplicate-language'
  | 'unknown-language'
  | 'tabs-not-example'
  | 'annotation-unattached';

/** What deriving recordings from the docs reports (harness/mock/derive.ts). */
export type RecordRuleId =
  | 'record-no-request'
  | 'record-no-response'
  | 'record-tabs-disagree'
  | 'record-tabs-conflict'
  | 'record-unknown-route'
  | 'record-void-response'
  | 'record-response-shape'
  | 'record-missing';

/** What a `test` run reports about its inputs besides samples (harness/engine/). */
export type RunRuleId = 'recordings-root' | 'recording-invalid';

export type RuleId = LintRuleId | ExtractionRuleId | RecordRuleId | RunRuleId;

/** The languages doc-harness reads; a tab in another language keeps its fence's own word. */
export const KNOWN_LANGUAGES = ['javascript', 'python', 'ruby', 'php', 'go', 'curl', 'seam_cli'] as const;
export type KnownLanguageId = (typeof KNOWN_LANGUAGES)[number];

export function isKnownLanguage(id: string): id is KnownLanguageId {
  return (KNOWN_LANGUAGES as readonly string[]).includes(id);
}

/** One replacement in a file, at markdown positions; `before` is what must stand there now. */
export interface TextEdit {
  start: Point;
  end: Point;
  before: string;
  after: string;
}

/** One positioned message, shared by extraction, readers, lint and runs (vfile-message/eslint style). */
export interface Diagnostic {
  severity: Severity;
  file: string;
  line: number;
  column: number;
  /** Where the offending text ends (exclusive), when the finding is about a stretch of text. */
  endLine?: number;
  endColumn?: number;
  message: string;
  rule: RuleId;
  /** The rule's doc page, relative to the doc-harness package (`harness/lint/rules/<id>/README.md`). */
  url?: string;
  /** The tab the finding is about, when it is about one. */
  language?: KnownLanguageId;
  /** Edits that fix it, when the fix is mechanical and certain (`lint --fix` applies them). */
  fix?: TextEdit[];
}

/**
 * A tab's language as extraction resolved it: a KnownLanguageId for a tab doc-harness reads
 * (`isKnownLanguage` tells), else the word its fence or title used (kept, reported, never run).
 * Kept a plain string so that tables keyed by language may hold only the languages seen.
 */
export type LanguageId = string;

/** A fenced code block exactly as it stands in the markdown. */
export interface CodeBlock {
  /** The text between the fences (no trailing newline). Empty for an empty fence. */
  code: string;
  /** The fence's info string (`javascript`), or null for a bare fence. */
  info: string | null;
  /** The whole fence, from the opening ``` to the closing one. */
  position: Span;
  /**
   * Where the first character of `code` stands in the file. A snippet's own
   * (line, column) maps to the file as (codeStart.line + line - 1, column + indent).
   */
  codeStart: Point;
  /** Columns of indentation the markdown stripped from every code line (fences inside lists). */
  indent: number;
}

/** One tab of an example group: one language's request and its documented response. */
export interface Sample {
  /** `${example.id}:${language}`; unique within a run. */
  id: string;
  language: LanguageId;
  /** False when the profile does not know the language: kept, reported, never run. */
  supported: boolean;
  /** The tab title as written (`JavaScript TEST`). */
  title: string;
  /** Prose inside the tab, before the request (generations 2 and 3). */
  description?: string;
  request: CodeBlock;
  /** The documented response; an empty `code` means an empty fence (void in generation 3). */
  response: CodeBlock;
  /** The `{% tab %}` … `{% endtab %}` region. */
  position: Span;
  /** Why the docs say not to run it: the reason of a `<!-- doc-harness: skip … -->` before its tab or group. */
  skip?: string;
}

/** The declared return shape of an endpoint, in any of its three spellings. */
export type ReturnShape =
  | { kind: 'void' }
  /** `⇒ { device }`, `[device](./)`, `**[access_code](.)**` */
  | { kind: 'resource'; key: string }
  /** `⇒ { devices: [device, …] }`, `**Array of [connect_webviews](.)**` */
  | { kind: 'list'; key: string; item: string }
  | { kind: 'unknown'; text: string };

/** The endpoint line: `PATCH /acs/credentials/assign ⇒ void`. */
export interface Endpoint {
  method: string;
  path: string;
  /** The shape declared on the endpoint line itself, if any. */
  returns: ReturnShape | null;
  text: string;
  position: Span;
  /**
   * `call`: the page states no endpoint line (later generations), so this is the route the tabs
   * call, with the method the API description gives it. Absent: the page states it.
   */
  source?: 'call';
}

/** One `### \`name\`` entry of the Request Parameters section. */
export interface Parameter {
  name: string;
  type: string | null;
  required: boolean;
  position: Span;
}

/** One tab group holding request/response pairs: the unit that is run and compared. */
export interface Example {
  /** Stable id: `${file relative to the run root}#${index}`; used in recordings and results. */
  id: string;
  file: string;
  /** Position of the `{% tabs %}` tag. */
  line: number;
  column: number;
  /** 1-based index of the example group within its page. */
  index: number;
  /** The `### …` title under `## Examples`, or the page title. */
  title: string;
  description?: string;
  endpoint: Endpoint | null;
  samples: Sample[];
  /**
   * Tabs that lack their request or their response (each also reported as an error diagnostic):
   * kept so that nothing is lost, never run as samples. Absent when every tab is complete.
   */
  incomplete?: IncompleteTab[];
}

/** A tab of an example group that is not a whole sample: reported, kept, not run. */
export interface IncompleteTab extends Omit<Sample, 'request' | 'response'> {
  request: CodeBlock | null;
  response: CodeBlock | null;
  problem: 'missing-request' | 'missing-response' | 'empty';
}

/** A tab group that is not an example (a resource's JSON sample, guide tabs): counted, not run. */
export interface OtherGroup {
  file: string;
  line: number;
  column: number;
  reason: string;
  tabs: string[];
}

export interface Page {
  file: string;
  title: string;
  endpoint: Endpoint | null;
  /** The declared return from `## Return Type` / `## Response` (generations 2 and 3 state it only there). */
  returns: ReturnShape | null;
  parameters: Parameter[];
  examples: Example[];
  others: OtherGroup[];
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------- canonical values

/** The JSON data model. Keys of documented objects are canonical snake_case. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/**
 * What a response is: nothing (void), or a JSON value. `type` keeps a class/struct name a
 * language showed (`ActionAttempt`, `api.Device`) as a hint; for a list, the item's type.
 */
export type Value =
  | { kind: 'void' }
  | {
      kind: 'json';
      json: Json;
      type?: string;
      /** The key that wrapped the value in a shown HTTP body (cURL `{"access_code": {…}}`). */
      key?: string;
    };

/** One API call as a request snippet makes it: the route and its parameters (snake_case keys). */
export interface Call {
  path: string;
  params: JsonObject;
}

/** A problem a reader found, at the markdown's own file position. */
export interface ReadProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * A finding about a snippet that still reads: what a person copying it into its language would
 * hit (Python `true`, a shell-splitting CLI line). `rule` names the lint rule that reports it.
 */
export interface ReadNote extends ReadProblem {
  rule: NoteRuleId;
  severity: Severity;
  /** Where the noted text ends. */
  end?: Point;
  /** The edits that make the snippet right, when they are mechanical and certain. */
  fix?: TextEdit[];
}

export type ReadResult<T> =
  /** `map` says where each part of the value stands in the snippet. */
  | { ok: true; value: T; notes: ReadNote[]; map?: SourceMap }
  | { ok: false; error: ReadProblem; notes: ReadNote[] };

/** Reads one language's documented request and response into the canonical model. Pure: no I/O. */
export interface SampleReader {
  readRequest(block: CodeBlock): ReadResult<Call>;
  readResponse(block: CodeBlock): ReadResult<Value>;
}
