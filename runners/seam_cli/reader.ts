// Seam CLI tabs: `seam acs users create --full_name "Jane" --access_schedule {"starts_at":"…"}`
// and the JSON it prints.
//
// Values follow the docs' typing convention, not the argv a program would get (a shell passes
// `"25"` and `25` alike; the real CLI types them by its schema): a quoted value is a string,
// a bare number/true/false/null is that JSON value, a bare word is a string, an unquoted JSON
// object or array is that JSON. A quoted value whose text is a JSON object or array (the
// shell-safe `'{"a":1}'`) is that JSON too, so that fixing the quoting does not change the call.
import type { Call, CodeBlock, Json, JsonObject, ReadNote, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { readJson } from '../../harness/values/json-reader.ts';
import { noteAt, type SnippetEdit } from '../../harness/values/locate.ts';
import { pointer } from '../../harness/values/spans.ts';
import { Scanner, readWith } from '../../harness/values/scanner.ts';
import { sayHazards, splitCommand, type ShellWord } from '../../harness/values/shell.ts';

export const SHELL_UNSAFE = 'cli-shell-unsafe';

const PROGRAM = 'seam';
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const COMMAND_WORD = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const BARE: Record<string, Json> = { true: true, false: false, null: null };

export function readRequest(block: CodeBlock): ReadResult<Call> {
  const notes: ReadNote[] = [];
  const s: Scanner = new Scanner(block, { what: 'seam_cli request' });
  return readWith(notes, () => {
    s.skipSpace();
    const { words } = splitCommand(s, { json: true });
    for (const word of words) {
      if (word.hazards.length > 0) notes.push(shellNote(block, word));
    }
    const [program, ...rest] = words;
    if (program === undefined) s.fail(`expected a command like \`${PROGRAM} devices get --device_id …\`, found end of snippet`);
    if (program.text !== PROGRAM) s.fail(`expected the command to start with \`${PROGRAM}\`, found \`${program.raw}\``, program.start);

    const path: string[] = [];
    let i = 0;
    let calleeEnd = program.end;
    for (; i < rest.length && !rest[i].text.startsWith('-'); i++) {
      const word = rest[i];
      if (word.quoted || !COMMAND_WORD.test(word.text)) {
        s.fail(`expected a command word like \`access-codes\` or a \`--flag\`, found \`${word.raw}\``, word.start);
      }
      path.push(word.text.replace(/-/g, '_'));
      calleeEnd = word.end;
    }
    s.spans.map.callee = { block, start: program.start, end: calleeEnd };
    if (path.length === 0) {
      s.fail(`expected the command words after \`${PROGRAM}\` (\`${PROGRAM} devices get\`), found ${rest[0] ? `\`${rest[0].raw}\`` : 'end of snippet'}`, rest[0]?.start ?? program.end);
    }

    const params = new Map<string, Json>();
    const repeated = new Set<string>();
    while (i < rest.length) {
      const flag = rest[i++];
      if (!flag.text.startsWith('--') || flag.text.length === 2 || flag.text.startsWith('--=')) {
        s.fail(`expected a \`--flag\` (values follow their flag), found \`${flag.raw}\``, flag.start);
      }
      const equals = flag.text.indexOf('=');
      const name = (equals === -1 ? flag.text.slice(2) : flag.text.slice(2, equals)).replace(/-/g, '_');
      let value: Json;
      let valueWord: ShellWord = flag;
      if (equals !== -1) value = flagValue(flag, flag.text.slice(equals + 1));
      else if (i < rest.length && !rest[i].text.startsWith('--')) value = flagValue((valueWord = rest[i]), rest[i++].text);
      else value = true;
      if (!params.has(name)) record(s, name, flag, valueWord, equals);
      // Repeating a flag passes a list, as the CLI's argument parser does.
      const previous = params.get(name);
      if (previous === undefined) params.set(name, value);
      else if (repeated.has(name)) (previous as Json[]).push(value);
      else {
        repeated.add(name);
        params.set(name, [previous, value]);
      }
    }
    return { path: '/' + path.join('/'), params: Object.fromEntries(params) as JsonObject };
  }, s.spans);
}

/** Where a flag's name and value stand: the value's JSON members too, when it is unquoted JSON. */
function record(s: Scanner, name: string, flag: ShellWord, value: ShellWord, equals: number): void {
  const at = pointer([name]);
  const nameEnd = equals === -1 ? flag.end : flag.start + flag.raw.indexOf('=');
  s.spans.map.keys.set(at, { block: s.block, start: flag.start, end: nameEnd });
  if (value.json) {
    s.spans.map.graft(value.json.map, at);
    return;
  }
  const start = value === flag ? (equals === -1 ? flag.start : nameEnd + 1) : value.start;
  s.spans.map.values.set(at, { block: s.block, start, end: value.end });
}

function flagValue(word: ShellWord, text: string): Json {
  if (word.json) return word.json.value;
  if (word.quoted) {
    if (/^\s*[[{]/.test(text)) {
      try {
        const parsed = JSON.parse(text) as Json;
        if (typeof parsed === 'object' && parsed !== null) return parsed;
      } catch {
        // Not JSON after all: a string that happens to start with a bracket.
      }
    }
    return text;
  }
  if (Object.hasOwn(BARE, text)) return BARE[text];
  if (NUMBER.test(text)) return Number(text);
  return text;
}

function shellNote(block: CodeBlock, word: ShellWord): ReadNote {
  const what = word.json ? 'unquoted JSON value' : word.quoted ? 'value' : 'unquoted value';
  const consequence = word.json ? `\`${PROGRAM}\` would not receive this JSON` : `\`${PROGRAM}\` would receive something else`;
  const start = word.json?.start ?? word.start;
  return noteAt(
    block,
    start,
    SHELL_UNSAFE,
    `${what}: a shell would ${sayHazards(word.hazards)}, so ${consequence}; wrap it in single quotes`,
    'warning',
    { end: word.end, ...(word.json ? quoteFix(block, word.json.start, word.end) : {}) },
  );
}

/**
 * Single quotes around an unquoted JSON value pass it to the program as it stands (the reader
 * reads the quoted form as the same JSON); not offered when the JSON itself holds a single quote.
 */
function quoteFix(block: CodeBlock, start: number, end: number): { fix?: SnippetEdit[] } {
  if (block.code.slice(start, end).includes("'")) return {};
  return { fix: [{ start, end: start, after: "'" }, { start: end, end, after: "'" }] };
}

/**
 * The docs print the unwrapped resource as JSON, and `{}` for a void call (what the CLI prints
 * then). `{}` reads as void, so that the tab comparison on a void page sees void everywhere; where
 * other tabs show a real empty object, artefacts.ts names the difference.
 */
export function readResponse(block: CodeBlock): ReadResult<Value> {
  const s: Scanner = new Scanner(block, { what: 'seam_cli response' });
  return readWith([], () => {
    if (s.atEnd()) return { kind: 'void' };
    const json = readJson(s);
    if (!s.atEnd()) s.fail(`expected the end of the response after the JSON value, found ${s.found()}`);
    if (typeof json === 'object' && json !== null && !Array.isArray(json) && Object.keys(json).length === 0) return { kind: 'void' };
    return { kind: 'json', json };
  }, s.spans);
}

export const reader: SampleReader = { readRequest, readResponse };
