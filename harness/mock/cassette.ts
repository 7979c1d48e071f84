// A cassette is a nock definition file: a JSON array of {scope, method, path, body, status,
// response}, one per doc page. doc-harness adds one field nock ignores, `example`: the id of the
// example the answer belongs to (absent: any request may take it). `body` holds the request's
// parameters with the query string merged in. Files are written in one stable form (fixed field
// order, sorted keys, 2-space indent, trailing newline) so that a re-recording diffs cleanly, and
// `nock.load()` still reads them as they are.
import type { Json, JsonObject } from '../model.ts';

export interface Definition {
  example?: string;
  scope: string;
  method: string;
  path: string;
  body: JsonObject;
  status: number;
  /** The response body; `{}` for a void route. */
  response?: Json;
  /** Response headers as nock records them, `[name, value, …]`. */
  rawHeaders?: string[];
}

/** One problem in one cassette file, already a one-line message. */
export interface CassetteError {
  file: string;
  message: string;
}

const FIELD_ORDER = ['example', 'scope', 'method', 'path', 'body', 'status', 'response', 'rawHeaders'] as const;

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: JsonObject = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
    return sorted;
  }
  return value;
}

export function formatCassette(definitions: readonly Definition[]): string {
  const ordered = definitions.map((definition) => {
    const out: JsonObject = {};
    for (const field of FIELD_ORDER) {
      const value = definition[field];
      if (value !== undefined) out[field] = field === 'rawHeaders' ? (value as Json) : sortKeys(value as Json);
    }
    return out;
  });
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The cassette file for a doc page, relative to the recordings folder: `acs/users/get.md` → `acs/users/get.json`. */
export function cassetteFileFor(pagePath: string): string {
  return `${pagePath.replace(/\.(md|markdown)$/i, '')}.json`;
}

/** The page an example id belongs to: `acs/users/get.md#2` → `acs/users/get.md`. */
export function pageOfExample(exampleId: string): string {
  const hash = exampleId.lastIndexOf('#');
  return hash === -1 ? exampleId : exampleId.slice(0, hash);
}

/** Where unattributed recordings (requests that named no example) are filed. */
export const UNATTRIBUTED_FILE = '__unattributed__.json';

/**
 * Reads a cassette. A definition that is not the format is left out with an error naming its
 * line and JSON path; the others load.
 */
export function parseCassette(text: string, file: string): { definitions: Definition[]; errors: CassetteError[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = at ? `:${lineAt(text, Number(at[1]))}` : '';
    return { definitions: [], errors: [{ file, message: `${file}${where}: not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}` }] };
  }
  if (!Array.isArray(data)) {
    return { definitions: [], errors: [{ file, message: `${file}: $: expected an array of recordings` }] };
  }
  const lines = elementLines(text);
  const definitions: Definition[] = [];
  const errors: CassetteError[] = [];
  data.forEach((item, index) => {
    const problem = checkDefinition(item);
    if (problem === null) definitions.push(toDefinition(item as Record<string, unknown>));
    else {
      const line = lines[index] === undefined ? '' : `:${lines[index]}`;
      errors.push({ file, message: `${file}${line}: $[${index}]${problem}` });
    }
  });
  return { definitions, errors };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Null when `item` is a usable definition, else `.<field>: <what is wrong>`. */
function checkDefinition(item: unknown): string | null {
  if (!isObject(item)) return ': expected an object';
  for (const field of ['scope', 'method', 'path'] as const) {
    if (typeof item[field] !== 'string') return `.${field}: expected a string`;
  }
  if (!(item.path as string).startsWith('/')) return '.path: expected a path starting with /';
  if (item.example !== undefined && typeof item.example !== 'string') return '.example: expected an example id string';
  if (item.status !== undefined && (typeof item.status !== 'number' || !Number.isInteger(item.status) || item.status < 100 || item.status > 599)) {
    return '.status: expected a number';
  }
  const body = parseMaybe(item.body);
  if (body !== undefined && !isObject(body)) return '.body: expected an object of request parameters';
  if (item.responseIsBinary === true) return '.responseIsBinary: binary responses are not supported (replay speaks JSON)';
  if (item.rawHeaders !== undefined && !(Array.isArray(item.rawHeaders) && item.rawHeaders.every((h) => typeof h === 'string'))) {
    return '.rawHeaders: expected an array of strings';
  }
  return null;
}

/** nock's recorder stores JSON bodies as strings, and no body as `""`; every spelling loads. */
function parseMaybe(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function toDefinition(item: Record<string, unknown>): Definition {
  const definition: Definition = {
    scope: item.scope as string,
    method: (item.method as string).toUpperCase(),
    path: item.path as string,
    body: (parseMaybe(item.body) as JsonObject | undefined) ?? {},
    status: (item.status as number | undefined) ?? 200,
  };
  if (typeof item.example === 'string') definition.example = item.example;
  if (item.response !== undefined) definition.response = parseMaybe(item.response) as Json;
  if (item.rawHeaders !== undefined) definition.rawHeaders = item.rawHeaders as string[];
  return definition;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line each element of a top-level JSON array starts on (the text is known to parse). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') line++;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (depth === 1 && expectElement && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return lines;
}
