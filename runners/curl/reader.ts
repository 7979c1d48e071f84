// cURL tabs: `curl --include --request POST "https://connect.getseam.com/<path>" --header … --json @- <<EOF
// {…} EOF` (or `--data`/`-d`, `-X`, no body, `\` continuations), and the HTTP body it prints,
// which wraps the resource in its response key (`{"access_code": {…}}`).
import type { Call, CodeBlock, Json, JsonObject, ReadNote, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { readJson } from '../../harness/values/json-reader.ts';
import { locateOffset, noteAt, withMap } from '../../harness/values/locate.ts';
import { Scanner, readWith } from '../../harness/values/scanner.ts';
import { pointer, type SourceMap } from '../../harness/values/spans.ts';
import { sayHazards, splitCommand, type HereDoc, type ShellWord } from '../../harness/values/shell.ts';

export const SHELL_UNSAFE = 'cli-shell-unsafe';
export const UNWRAPPED = 'curl-response-unwrapped';

/** Options that take a value (the next word, or the rest of a short option: `-XPOST`). */
const VALUE_OPTIONS = new Set([
  '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json',
  '--data-urlencode', '--url', '-u', '--user', '-o', '--output', '-A', '--user-agent', '-b', '--cookie', '-e',
  '--referer', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-F', '--form', '--retry',
]);
const BODY_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);
/** A shell expanding `$SEAM_API_KEY` is how the docs pass the key: not a hazard here. */
const REPORTED_HAZARDS = new Set(['split', 'brace', 'glob', 'operator', 'tilde']);
/** Fields of the response body beside the resource's key: the body's envelope, not the resource. */
const ENVELOPE_KEYS = new Set(['ok', 'pagination']);

interface Body {
  /** The option's word (`--json`), where messages about the body point. */
  word: ShellWord;
  option: string;
  value: string;
  /** The word holding the value: the option's own (`--data=…`, `-d…`) or the next one. */
  valueWord: ShellWord;
}

export function readRequest(block: CodeBlock): ReadResult<Call> {
  const notes: ReadNote[] = [];
  const s: Scanner = new Scanner(block, { what: 'curl request' });
  return readWith(notes, () => {
    s.skipSpace();
    const { words, heredocs } = splitCommand(s, { heredocs: true });
    for (const word of words) {
      const hazards = word.hazards.filter((h) => REPORTED_HAZARDS.has(h.kind));
      if (hazards.length > 0) {
        notes.push(noteAt(block, word.start, SHELL_UNSAFE, `unquoted word: a shell would ${sayHazards(hazards)}; wrap it in quotes`));
      }
    }
    const [program, ...rest] = words;
    if (program === undefined) s.fail('expected a `curl …` command, found end of snippet');
    if (program.text !== 'curl') s.fail(`expected the command to start with \`curl\`, found \`${program.raw}\``, program.start);

    let url: ShellWord | undefined;
    let body: Body | undefined;
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i];
      const option = optionOf(word.text);
      if (option === null) {
        if (url) s.fail(`expected one URL, found a second one (the first is at ${s.where(url.start)})`, word.start);
        url = word;
        continue;
      }
      let value = option.value;
      if (value === undefined && VALUE_OPTIONS.has(option.name)) {
        const next = rest[++i];
        if (next === undefined) s.fail(`expected a value after \`${option.name}\`, found end of command`, word.end);
        value = next.text;
      }
      if (option.name === '--url' && value !== undefined) url = { ...rest[i], text: value };
      if (BODY_OPTIONS.has(option.name) && value !== undefined) {
        if (body) s.fail(`expected one request body, found a second one (the first is at ${s.where(body.word.start)})`, word.start);
        body = { word, option: option.name, value, valueWord: rest[i] };
      }
    }
    if (url === undefined) s.fail('expected the request URL, found end of command', s.text.length);
    const { path, query } = splitUrl(s, url);
    // The URL names the route; a query parameter is pointed at through it.
    const urlRange = { block, start: url.start, end: url.end };
    s.spans.map.callee = urlRange;
    const params = new Map<string, Json>(query);
    for (const [key] of query) s.spans.map.values.set(pointer([key]), urlRange);
    if (body) {
      const read = readBody(block, s, body, heredocs);
      for (const [key, value] of Object.entries(read.json)) params.set(key, value);
      s.spans.map.graft(read.map, '');
    }
    return { path, params: Object.fromEntries(params) as JsonObject };
  }, s.spans);
}

/** `--name`, `--name=value`, `-X`, `-XPOST`; null for a word that is not an option. */
function optionOf(text: string): { name: string; value?: string } | null {
  if (text.startsWith('--') && text.length > 2) {
    const equals = text.indexOf('=');
    return equals === -1 ? { name: text } : { name: text.slice(0, equals), value: text.slice(equals + 1) };
  }
  if (/^-[A-Za-z]/.test(text)) {
    const name = text.slice(0, 2);
    return text.length > 2 && VALUE_OPTIONS.has(name) ? { name, value: text.slice(2) } : { name };
  }
  return null;
}

/** The route from the URL's path (any origin, or `$SEAM_ENDPOINT/…`) and its query parameters. */
function splitUrl(s: Scanner, word: ShellWord): { path: string; query: Array<[string, Json]> } {
  const text = word.text.replace(/^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/, 'http://endpoint');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return s.fail(`expected an http(s) URL, found \`${word.raw}\``, word.start);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') s.fail(`expected an http(s) URL, found \`${word.raw}\``, word.start);
  const query = new Map<string, Json>();
  for (const [key, value] of url.searchParams) {
    const previous = query.get(key);
    query.set(key, previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value]);
  }
  return { path: decodeURIComponent(url.pathname).replace(/(.)\/+$/, '$1'), query: [...query] };
}

/** The JSON body: inline (`-d '{…}'`) or from stdin (`@-`) fed by a here-document. */
function readBody(block: CodeBlock, s: Scanner, body: Body, heredocs: HereDoc[]): { json: JsonObject; map: SourceMap } {
  let text: string;
  let at: number;
  if (body.value === '@-') {
    const doc = heredocs[0];
    if (doc === undefined) s.fail(`expected a here-document (\`<<EOF\`) to feed \`${body.option} @-\`, found none`, body.word.start);
    text = doc.body;
    at = doc.bodyStart;
  } else if (body.value.startsWith('@')) {
    s.fail(`expected the body inline or from a here-document, found the file \`${body.value}\``, body.word.start);
  } else {
    text = body.value;
    // A single-quoted body stands in the snippet as is; otherwise point at the word.
    at = body.valueWord.raw === `'${text}'` ? body.valueWord.start + 1 : body.valueWord.start;
  }
  // Read the body as a snippet of its own that starts where it stands in the file.
  const start = locateOffset(block, at);
  const inner: Scanner = new Scanner(
    { ...block, code: text, codeStart: { line: start.line, column: start.column } },
    { what: 'curl request body' },
  );
  if (inner.atEnd()) return { json: {}, map: inner.spans.map };
  const json = readJson(inner);
  if (!inner.atEnd()) inner.fail(`expected the end of the JSON body, found ${inner.found()}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return inner.fail(`expected a JSON object of parameters, found ${Array.isArray(json) ? 'an array' : JSON.stringify(json)}`, 0);
  }
  return { json, map: inner.spans.map };
}

/**
 * The shown body wraps the resource in its response key; the value is the key's value and the key
 * is kept (`Value.key`) for checking against the route's declared response. `{}` (nothing but
 * envelope fields) is a void call. A body that does not wrap one key reads as shown, with a note.
 */
export function readResponse(block: CodeBlock): ReadResult<Value> {
  const notes: ReadNote[] = [];
  const s: Scanner = new Scanner(block, { what: 'curl response' });
  const result = readWith(notes, (): Value => {
    if (s.atEnd()) return { kind: 'void' };
    const start = s.pos;
    const json = readJson(s);
    if (!s.atEnd()) s.fail(`expected the end of the response after the JSON body, found ${s.found()}`);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      notes.push(noteAt(block, start, UNWRAPPED, `expected a JSON object wrapping the resource in its key, found ${Array.isArray(json) ? 'an array' : String(json)}`));
      return { kind: 'json', json };
    }
    const keys = Object.keys(json).filter((key) => !ENVELOPE_KEYS.has(key));
    if (keys.length === 0) return { kind: 'void' };
    if (keys.length === 1) return { kind: 'json', json: json[keys[0]], key: keys[0] };
    notes.push(
      noteAt(block, start, UNWRAPPED, `expected the body to wrap the resource in one key, found ${keys.length}: ${keys.join(', ')}; compared as shown`),
    );
    return { kind: 'json', json };
  }, s.spans);
  // Paths into the value start below the key that wraps it.
  if (result.ok && result.value.kind === 'json' && result.value.key !== undefined && result.map) {
    return withMap(result, result.map.below(pointer([result.value.key])));
  }
  return result;
}

export const reader: SampleReader = { readRequest, readResponse };
