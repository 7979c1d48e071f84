// Strict JSON read at a Scanner's cursor, for values embedded in other syntax (an unquoted CLI
// flag value, a cURL heredoc) and for whole JSON responses. V8's JSON.parse reports some errors
// without a position and quotes the whole input in its message, so the structure is read here,
// with positioned one-line messages; string escapes are still decoded by JSON.parse itself.
import type { Json } from '../model.ts';
import type { Scanner } from './scanner.ts';

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const LITERALS: Record<string, Json> = { true: true, false: false, null: null };

/**
 * Reads one JSON value starting at the cursor (after space) and leaves the cursor after it,
 * recording where it and each of its members stand.
 */
export function readJson(s: Scanner): Json {
  return s.recorded(() => readValue(s));
}

function readValue(s: Scanner): Json {
  s.skipSpace();
  const start = s.pos;
  const c = s.text[start] ?? '';
  if (c === '{') return readObject(s);
  if (c === '[') return readArray(s);
  if (c === '"') return readString(s);
  if (c === '-' || (c >= '0' && c <= '9')) {
    const text = s.match(NUMBER);
    if (text === null) s.fail(`expected a JSON number, found ${s.found(start)}`, start);
    return Number(text);
  }
  const word = s.match(WORD);
  if (word !== null && Object.hasOwn(LITERALS, word)) return LITERALS[word];
  return s.fail(`expected a JSON value, found ${s.found(start)}`, start);
}

function readObject(s: Scanner): Json {
  const opened = s.pos;
  s.expect('{');
  const entries: Array<[string, Json]> = [];
  if (s.eat('}')) return {};
  for (;;) {
    s.skipSpace();
    if (s.text[s.pos] !== '"') {
      s.fail(`expected a double-quoted key in the object opened at ${s.where(opened)}, found ${s.found()}`);
    }
    const keyStart = s.pos;
    const key = readString(s);
    const keyEnd = s.pos;
    s.expect(':', ` after the key "${key}"`);
    entries.push([key, s.spans.member(key, () => readJson(s), { start: keyStart, end: keyEnd })]);
    if (s.eat(',')) continue;
    if (s.eat('}')) break;
    s.fail(`expected ',' or '}' in the object opened at ${s.where(opened)}, found ${s.found()}`);
  }
  // fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(entries);
}

function readArray(s: Scanner): Json {
  const opened = s.pos;
  s.expect('[');
  const items: Json[] = [];
  if (s.eat(']')) return items;
  for (;;) {
    items.push(s.spans.member(items.length, () => readJson(s)));
    if (s.eat(',')) continue;
    if (s.eat(']')) break;
    s.fail(`expected ',' or ']' in the array opened at ${s.where(opened)}, found ${s.found()}`);
  }
  return items;
}

function readString(s: Scanner): string {
  const start = s.pos;
  const text = s.match(STRING);
  if (text !== null) return JSON.parse(text) as string;
  // Find what broke it, to point there.
  for (let i = start + 1; i < s.text.length; i++) {
    const c = s.text[i];
    if (c === '"') break;
    if (c === '\n') s.fail(`unterminated string (opened at ${s.where(start)}): a line break must be written \\n`, i);
    if (c < ' ') s.fail(`control character U+${c.charCodeAt(0).toString(16).padStart(4, '0')} in a string: write it escaped`, i);
    if (c === '\\') {
      if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(s.text.slice(i + 1, i + 6))) {
        s.fail(`invalid escape \`\\${s.text[i + 1] ?? ''}\` in a JSON string`, i);
      }
      i++;
    }
  }
  return s.fail(`unterminated string (opened at ${s.where(start)})`, s.text.length);
}
