// Reads the PHP literal subset the docs print: strings ('…' and "…" with escapes), ints (also
// hex/octal/binary, `_` separators), floats, true/false/null in any case, and arrays (`[…]` and
// `array(…)`) with or without `key =>`. An array becomes what json_encode makes of it: a list when
// its keys are 0…n-1 in order, an object otherwise; so `[]` is an empty list, though the docs
// print `{}` that way too (see artefacts.ts).
import type { Json } from '../../harness/model.ts';
import { readCNumber, type Scanner } from '../../harness/values/scanner.ts';
import { pointer } from '../../harness/values/spans.ts';

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const CONSTANTS: Record<string, Json> = { true: true, false: false, null: null };

/** Reads one value, recording where it and its members stand (`s.spans`). */
export function readValue(s: Scanner): Json {
  return s.recorded(() => readAny(s));
}

function readAny(s: Scanner): Json {
  s.skipSpace();
  const start = s.pos;
  const c = s.text[start] ?? '';
  if (c === '[') return readArray(s, '[', ']');
  if (c === '"') return readDoubleQuoted(s);
  if (c === "'") return readSingleQuoted(s);
  if (c === '-' || c === '+') {
    s.pos++;
    const value = readValue(s);
    if (typeof value !== 'number') s.fail(`expected a number after '${c}', found ${s.found(start + 1)}`, start + 1);
    return c === '-' ? -value : value;
  }
  if (/[\d.]/.test(c)) return readCNumber(s);
  const word = s.match(WORD);
  if (word !== null) {
    const lower = word.toLowerCase();
    if (Object.hasOwn(CONSTANTS, lower)) return CONSTANTS[lower];
    if (lower === 'array' && s.peekChar() === '(') return readArray(s, '(', ')');
  }
  return s.fail(`expected a value (string, number, true/false/null or array), found ${s.found(start)}`, start);
}


const DOUBLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', '\\': '\\', $: '$', '"': '"' };

function readDoubleQuoted(s: Scanner): string {
  const open = s.pos;
  let out = '';
  let i = open + 1;
  const text = s.text;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      s.pos = i + 1;
      return out;
    }
    if (c === '$' && /[A-Za-z_{]/.test(text[i + 1] ?? '')) {
      s.fail('expected a literal string, found an interpolated variable (write it in single quotes or escape the `$`)', i);
    }
    if (c === '{' && text[i + 1] === '$') s.fail('expected a literal string, found an interpolated expression `{$…}`', i);
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1] ?? '';
    let m: RegExpExecArray | null;
    if (Object.hasOwn(DOUBLE_ESCAPES, next)) {
      out += DOUBLE_ESCAPES[next];
      i += 2;
    } else if ((m = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4)))) {
      out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += 1 + m[0].length;
    } else if ((m = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(i + 1, i + 4)))) {
      out += String.fromCharCode(parseInt(m[1], 16));
      i += 1 + m[0].length;
    } else if ((m = /^u\{([0-9a-fA-F]+)\}/.exec(text.slice(i + 1)))) {
      const code = parseInt(m[1], 16);
      if (code > 0x10ffff) s.fail(`invalid Unicode escape \`\\${m[0]}\``, i);
      out += String.fromCodePoint(code);
      i += 1 + m[0].length;
    } else {
      // PHP keeps an unknown escape as written, backslash included.
      out += c;
      i++;
    }
  }
  return s.fail(`expected a closing " for the string opened at ${s.where(open)}, found end of snippet`, text.length);
}

function readSingleQuoted(s: Scanner): string {
  const open = s.pos;
  const text = s.text;
  let out = '';
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      s.pos = i + 1;
      return out;
    }
    if (c === '\\' && (text[i + 1] === "'" || text[i + 1] === '\\')) {
      out += text[i + 1];
      i++;
    } else {
      out += c;
    }
  }
  return s.fail(`expected a closing ' for the string opened at ${s.where(open)}, found end of snippet`, text.length);
}

/** PHP array keys: an integer-like string is an int key, as PHP itself stores it. */
type Key = string | number;

function arrayKey(value: Json, s: Scanner, at: number): Key {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') return /^(?:0|-?[1-9]\d{0,15})$/.test(value) ? Number(value) : value;
  return s.fail(`expected an array key (a string or an integer), found ${s.found(at)}`, at);
}

function readArray(s: Scanner, open: string, close: string): Json {
  const opened = s.pos;
  s.expect(open);
  const entries = new Map<Key, Json>();
  let next = 0;
  while (!s.eat(close)) {
    s.skipSpace();
    const at = s.pos;
    if (s.atEnd()) s.fail(`expected '${close}' to close the array opened at ${s.where(opened)}, found end of snippet`);
    // Whether this is a key or a value is known only after it: what it recorded waits till then.
    const first = s.spans.capture(() => readValue(s));
    let value = first.result;
    let key: Key;
    if (s.eat('=>')) {
      key = arrayKey(value, s, at);
      const keyRange = first.map.values.get('');
      value = s.spans.member(key, () => readValue(s), keyRange && { start: keyRange.start, end: keyRange.end });
    } else {
      key = next;
      s.spans.map.graft(first.map, pointer([...s.spans.path, key]));
    }
    if (typeof key === 'number' && key >= next) next = key + 1;
    entries.set(key, value);
    if (s.eat(',')) continue;
    if (s.peekChar() === close) continue;
    if (s.atEnd()) s.fail(`expected '${close}' to close the array opened at ${s.where(opened)}, found end of snippet`);
    s.fail(`expected ',' or '${close}' in the array opened at ${s.where(opened)}, found ${s.found()}`);
  }
  const keys = [...entries.keys()];
  if (keys.every((key, i) => key === i)) return [...entries.values()];
  return Object.fromEntries([...entries].map(([key, value]) => [String(key), value]));
}
