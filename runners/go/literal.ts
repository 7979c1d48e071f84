// Reads the Go expression subset the docs print: string (interpreted and raw), number, bool and
// nil literals; one-argument helper calls and conversions (`api.String("x")`, `float64(2)`) read
// as their argument; composite literals of slices, arrays, maps, structs and named types
// (`[]api.Device{…}`, `map[string]interface{}{…}`, `struct{}{}`, `&api.T{…}`), elided element
// types included. A struct's field names map back to snake_case; map keys stay as written.
import type { Json } from '../../harness/model.ts';
import { toSnakeCase } from '../../harness/values/naming.ts';
import { C_NUMBER, readCNumber, type Scanner } from '../../harness/values/scanner.ts';
import { pointer } from '../../harness/values/spans.ts';

export type GoType =
  | { kind: 'slice' | 'array' | 'pointer'; elem: GoType; text: string }
  | { kind: 'map'; elem: GoType; text: string }
  | { kind: 'struct' | 'interface'; text: string }
  | { kind: 'named'; name: string; text: string };

export interface LiteralHooks {
  /** Called for a pointer helper (`api.String(…)`) as an element of a composite of plain values. */
  onPointerMismatch?: (offset: number, helper: string, composite: GoType) => void;
}

/** What a literal read to, with the type it was written with (for a response's type hint). */
export interface Literal {
  json: Json;
  type?: GoType;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const BUILTIN = new Set([
  'string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'float32', 'float64', 'byte', 'rune', 'any',
]);
/** The Go SDK's helpers that take a value and return a pointer to it. */
const POINTER_HELPERS = new Set(['String', 'Bool', 'Int', 'Int64', 'Float64', 'Time']);

/**
 * `expected` is the element type a composite literal gives the value, `composite` that literal's
 * type. Records where the value and its members stand (`s.spans`).
 */
export function readValue(s: Scanner, hooks: LiteralHooks, expected?: GoType, composite?: GoType): Literal {
  return s.recorded(() => readAny(s, hooks, expected, composite));
}

function readAny(s: Scanner, hooks: LiteralHooks, expected?: GoType, composite?: GoType): Literal {
  s.skipSpace();
  const start = s.pos;
  const c = s.text[start] ?? '';
  if (c === '"') return { json: readInterpreted(s) };
  if (c === '`') return { json: readRaw(s) };
  if (c === '-' || c === '+') {
    s.pos++;
    const { json } = readValue(s, hooks);
    if (typeof json !== 'number') s.fail(`expected a number after '${c}', found ${s.found(start + 1)}`, start + 1);
    return { json: c === '-' ? -json : json };
  }
  if (/[\d.]/.test(c)) return { json: readCNumber(s) };
  if (c === '&') {
    s.pos++;
    s.skipSpace();
    if (s.text[s.pos] === '{' && expected?.kind === 'pointer') return readComposite(s, expected.elem, hooks);
    const type = readType(s);
    if (s.peekChar() !== '{') s.fail(`expected '{' after &${type.text}, found ${s.found()}`);
    return readComposite(s, type, hooks);
  }
  if (c === '{') {
    // An element whose type the enclosing slice or map literal already gave.
    const elem = expected?.kind === 'pointer' ? expected.elem : expected;
    return readComposite(s, elem ?? { kind: 'struct', text: 'struct{…}' }, hooks);
  }
  if (c === '[') {
    const type = readType(s);
    if (s.peekChar() !== '{') s.fail(`expected '{' after ${type.text}, found ${s.found()}`);
    return readComposite(s, type, hooks);
  }
  const word = s.match(WORD);
  if (word === null) return s.fail(`expected a Go value, found ${s.found(start)}`, start);
  if (word === 'true' || word === 'false') return { json: word === 'true' };
  // The docs print an empty list as `nil` too (see artefacts.ts).
  if (word === 'nil') return { json: null };
  s.pos = start;
  const type = readType(s);
  if (s.peekChar() === '{') return readComposite(s, type, hooks);
  if (s.peekChar() === '(' && type.kind === 'named') {
    const value = readCall(s, type.name, start, hooks, expected, composite);
    // The SDK's enum types convert a value and take its address with `.Ptr()`:
    // `api.ThermostatsSetFanModeRequestFanModeSetting("on").Ptr()` is the value "on".
    const before = s.pos;
    if (!(s.eat('.') && s.match(/Ptr\b/y) !== null && s.eat('(') && s.eat(')'))) s.pos = before;
    return value;
  }
  return s.fail(`expected a literal value, found \`${type.text}\` (a constant or variable the docs cannot show)`, start);
}

/** `api.String("x")`, `float64(2)`: a helper or conversion of one value reads as that value. */
function readCall(
  s: Scanner,
  name: string,
  start: number,
  hooks: LiteralHooks,
  expected?: GoType,
  composite?: GoType,
): Literal {
  s.expect('(');
  const args: Literal[] = [];
  while (!s.eat(')')) {
    if (s.atEnd()) s.fail(`expected ')' to close ${name}( opened at ${s.where(start)}, found end of snippet`);
    args.push(readValue(s, hooks));
    if (!s.eat(',') && s.peekChar() !== ')') s.fail(`expected ',' or ')' in ${name}(…), found ${s.found()}`);
  }
  if (args.length !== 1) s.fail(`expected a literal value, found the call ${name}(…) with ${args.length} arguments`, start);
  const helper = name.slice(name.lastIndexOf('.') + 1);
  if (name.includes('.') && POINTER_HELPERS.has(helper) && composite && expected && isBuiltin(expected)) {
    hooks.onPointerMismatch?.(start, name, composite);
  }
  return args[0];
}

function isBuiltin(type: GoType): boolean {
  return type.kind === 'named' && BUILTIN.has(type.name);
}

type Untexted = GoType extends infer T ? (T extends GoType ? Omit<T, 'text'> : never) : never;

export function readType(s: Scanner): GoType {
  s.skipSpace();
  const start = s.pos;
  const done = (type: Untexted): GoType => ({ ...type, text: s.text.slice(start, s.pos).replace(/\s+/g, '') }) as GoType;
  if (s.eat('*')) return done({ kind: 'pointer', elem: readType(s) });
  if (s.eat('[')) {
    if (s.eat(']')) return done({ kind: 'slice', elem: readType(s) });
    if (!s.eat('...') && s.match(C_NUMBER) === null) s.fail(`expected ']' or an array length, found ${s.found()}`);
    s.expect(']', ' to close the array length');
    return done({ kind: 'array', elem: readType(s) });
  }
  const word = s.match(WORD);
  if (word === null) return s.fail(`expected a Go type, found ${s.found(start)}`, start);
  if (word === 'map') {
    s.expect('[', ' after map');
    readType(s);
    s.expect(']', ' after the map key type');
    return done({ kind: 'map', elem: readType(s) });
  }
  if (word === 'struct' || word === 'interface') {
    s.expect('{', ` after ${word}`);
    skipBalanced(s, s.pos - 1);
    return done({ kind: word });
  }
  let name = word;
  if (s.text[s.pos] === '.') {
    s.pos++;
    const member = s.match(WORD);
    if (member === null) s.fail(`expected a name after '${word}.', found ${s.found()}`);
    name = `${word}.${member}`;
  }
  return done({ kind: 'named', name });
}

/** Skips to the brace that closes the one at `open` (a `struct{…}` type's field list). */
function skipBalanced(s: Scanner, open: number): void {
  let depth = 1;
  for (let i = open + 1; i < s.text.length; i++) {
    if (s.text[i] === '{') depth++;
    else if (s.text[i] === '}' && --depth === 0) {
      s.pos = i + 1;
      return;
    }
  }
  s.fail(`expected '}' to close the '{' opened at ${s.where(open)}, found end of snippet`, s.text.length);
}

function readComposite(s: Scanner, type: GoType, hooks: LiteralHooks): Literal {
  s.skipSpace();
  const opened = s.pos;
  s.expect('{');
  const elem = type.kind === 'slice' || type.kind === 'array' || type.kind === 'map' ? type.elem : undefined;
  const items: Json[] = [];
  const fields = new Map<string, Json>();
  while (!s.eat('}')) {
    if (s.atEnd()) s.fail(`expected '}' to close ${type.text}{ opened at ${s.where(opened)}, found end of snippet`);
    const at = s.pos;
    const field = s.match(WORD);
    if (field !== null && s.peekChar() === ':' && !s.text.startsWith(':=', s.pos)) {
      s.expect(':');
      const key = toSnakeCase(field);
      if (fields.has(key)) s.fail(`field \`${field}\` repeated in ${type.text}{…}`, at);
      fields.set(key, s.spans.member(key, () => readValue(s, hooks, elem, type).json, { start: at, end: at + field.length }));
    } else {
      s.pos = at;
      // A map key or a list item: which one is known only after it, and so is where it is recorded.
      const captured = s.spans.capture(() => readValue(s, hooks, elem, type));
      const first = captured.result;
      if (s.eat(':')) {
        if (typeof first.json !== 'string') s.fail(`expected a string map key in ${type.text}{…}, found ${s.found(at)}`, at);
        const key = first.json;
        const keyRange = captured.map.values.get('');
        fields.set(key, s.spans.member(key, () => readValue(s, hooks, elem, type).json, keyRange && { start: keyRange.start, end: keyRange.end }));
      } else {
        s.spans.map.graft(captured.map, pointer([...s.spans.path, items.length]));
        items.push(first.json);
      }
    }
    if (s.eat(',') || s.peekChar() === '}') continue;
    if (s.atEnd()) s.fail(`expected '}' to close ${type.text}{ opened at ${s.where(opened)}, found end of snippet`);
    s.fail(`expected ',' or '}' in ${type.text}{…}, found ${s.found()}`);
  }
  if (items.length > 0 && fields.size > 0) s.fail(`expected every element of ${type.text}{…} to be keyed or none, found both`, opened);
  if (items.length > 0 && type.kind !== 'slice' && type.kind !== 'array' && type.kind !== 'named') {
    s.fail(`expected field names (\`Name: value\`) in ${type.text}{…}, found a value without one`, opened);
  }
  const isList = type.kind === 'slice' || type.kind === 'array' || items.length > 0;
  return { json: isList ? items : Object.fromEntries(fields), type };
}


const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

function readInterpreted(s: Scanner): string {
  const open = s.pos;
  const text = s.text;
  let out = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      s.pos = i + 1;
      return out;
    }
    if (c === '\n') break;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const rest = text.slice(i + 1, i + 11);
    let m: RegExpExecArray | null;
    if (Object.hasOwn(ESCAPES, rest[0] ?? '')) {
      out += ESCAPES[rest[0]];
      i += 2;
    } else if ((m = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3}))/.exec(rest))) {
      const code = m[1] ? parseInt(m[1], 16) : m[2] ? parseInt(m[2], 16) : m[3] ? parseInt(m[3], 16) : parseInt(m[4], 8);
      if (code > 0x10ffff) s.fail(`invalid escape \`\\${m[0]}\` in a Go string`, i);
      out += String.fromCodePoint(code);
      i += 1 + m[0].length;
    } else {
      s.fail(`invalid escape \`\\${rest[0] ?? ''}\` in a Go string`, i);
    }
  }
  return s.fail(`expected a closing " for the string opened at ${s.where(open)}, found ${i < text.length ? 'end of line' : 'end of snippet'}`, i);
}

function readRaw(s: Scanner): string {
  const open = s.pos;
  const close = s.text.indexOf('`', open + 1);
  if (close === -1) s.fail(`expected a closing \` for the raw string opened at ${s.where(open)}, found end of snippet`, s.text.length);
  s.pos = close + 1;
  // Go drops carriage returns from raw strings.
  return s.text.slice(open + 1, close).replace(/\r/g, '');
}

/** The name a type hint keeps: `api.Device` → `Device`; a list's item type; none for built-ins. */
export function typeHint(type: GoType | undefined): string | undefined {
  if (type === undefined) return undefined;
  if (type.kind === 'slice' || type.kind === 'array' || type.kind === 'pointer') return typeHint(type.elem);
  if (type.kind !== 'named' || BUILTIN.has(type.name)) return undefined;
  return type.name.slice(type.name.lastIndexOf('.') + 1);
}
