// Reads the Python literal subset the docs print: str (with escapes, prefixes r/u, adjacent
// concatenation), int/float, True/False/None, list, tuple, dict, and, in responses, the
// generator's `ClassName(key=value, …)` display of SDK objects.
import type { Json, JsonObject } from '../../harness/model.ts';
import type { Scanner } from '../../harness/values/scanner.ts';

/** A JSON-style word (`true`, `false`, `null`) the docs print where Python needs another. */
export interface ForeignWord {
  word: string;
  offset: number;
}

export interface LiteralContext {
  /** Accept `ClassName(k=v)` (responses); requests pass plain data. */
  instances: boolean;
  /** Called for every `true`/`false`/`null`: read as JSON, but a NameError in Python. */
  onForeignWord: (found: ForeignWord) => void;
}

/** The value read, plus the class name when it was a `ClassName(…)` display. */
export interface Literal {
  json: Json;
  type?: string;
}

const KEYWORDS: Record<string, Json> = { True: true, False: false, None: null };
const FOREIGN: Record<string, Json> = { true: true, false: false, null: null };
/** Python's spelling of each JSON-style word, for the note's advice. */
export const PYTHON_SPELLING: Record<string, string> = { true: 'True', false: 'False', null: 'None' };

const STRING_START = /([rRuUbBfF]{0,2})('''|"""|'|")/y;
const DECIMAL = /[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?/y;
const RADIX = /[-+]?0(?:[xX][\da-fA-F_]+|[oO][0-7_]+|[bB][01_]+)/y;

/** Reads one value, recording where it and its members stand (`s.spans`). */
export function readLiteral(s: Scanner, ctx: LiteralContext): Literal {
  return s.recorded(() => readAny(s, ctx));
}

function readAny(s: Scanner, ctx: LiteralContext): Literal {
  s.skipSpace();
  const start = s.pos;
  const c = s.text[start] ?? '';
  if (c === '[') return list(readSequence(s, ctx, '[', ']', 'list').items);
  if (c === '(') return readParenthesized(s, ctx);
  if (c === '{') return { json: readDict(s, ctx) };
  if (isStringStart(s)) return { json: readStrings(s) };
  if (/[-+.\d]/.test(c)) return { json: readNumber(s) };
  const name = s.word();
  if (name === null) return s.fail(`expected a value, found ${s.found()}`);
  if (Object.hasOwn(KEYWORDS, name)) return { json: KEYWORDS[name] };
  if (Object.hasOwn(FOREIGN, name)) {
    ctx.onForeignWord({ word: name, offset: start });
    return { json: FOREIGN[name] };
  }
  if (ctx.instances && s.peekChar() === '(') return readInstance(s, ctx, name, start);
  return s.fail(`expected a value, found \`${name}\``, start);
}

/** `ClassName(key=value, …)`: the class name is kept as a type hint. */
function readInstance(s: Scanner, ctx: LiteralContext, name: string, start: number): Literal {
  s.expect('(');
  return { json: readKeywordArguments(s, ctx, name, start), type: name };
}

/**
 * The `key=value, …)` after an opening parenthesis, for calls and class displays alike;
 * `owner` and `opened` name the call in messages.
 */
export function readKeywordArguments(s: Scanner, ctx: LiteralContext, owner: string, opened: number): JsonObject {
  const result = new Map<string, Json>();
  const close = `to close ${owner}( opened at ${s.where(opened)}`;
  while (!s.eat(')')) {
    s.skipSpace();
    const at = s.pos;
    const name = s.word();
    if (name === null || s.peekChar() !== '=' || s.text.startsWith('==', s.pos)) {
      if (s.atEnd()) s.fail(`expected ')' ${close}, found end of snippet`);
      s.fail(`expected a keyword argument \`name=value\` in ${owner}(…), found ${s.found(at)}`, at);
    }
    s.expect('=');
    if (result.has(name)) s.fail(`keyword argument \`${name}\` repeated in ${owner}(…)`, at);
    result.set(name, s.spans.member(name, () => readLiteral(s, ctx).json, { start: at, end: at + name.length }));
    if (s.eat(',')) continue;
    if (s.peekChar() === ')') continue;
    s.fail(s.atEnd() ? `expected ')' ${close}, found end of snippet` : `expected ',' or ')' ${close}, found ${s.found()}`);
  }
  return Object.fromEntries(result);
}

/** A list's type hint is its items' class, when they all share one. */
function list(items: Literal[]): Literal {
  const types = new Set(items.map((item) => item.type));
  const [type] = types;
  return { json: items.map((item) => item.json), ...(types.size === 1 && type !== undefined ? { type } : {}) };
}

function readSequence(s: Scanner, ctx: LiteralContext, open: string, close: string, kind: string) {
  const opened = s.pos;
  s.expect(open);
  const items: Literal[] = [];
  let commas = 0;
  const closing = `'${close}' to close the ${kind} opened at ${s.where(opened)}`;
  while (!s.eat(close)) {
    if (s.atEnd()) s.fail(`expected ${closing}, found end of snippet`);
    items.push(s.spans.member(items.length, () => readLiteral(s, ctx)));
    if (s.eat(',')) {
      commas++;
      continue;
    }
    if (s.peekChar() === close) continue;
    s.fail(`expected ',' or ${closing}, found ${s.found()}`);
  }
  return { items, commas };
}

/** `(x)` is x; `()`, `(x,)` and `(x, y)` are tuples, read as lists as JSON has no tuple. */
function readParenthesized(s: Scanner, ctx: LiteralContext): Literal {
  const { items, commas } = readSequence(s, ctx, '(', ')', 'tuple');
  return items.length === 1 && commas === 0 ? items[0] : list(items);
}

function readDict(s: Scanner, ctx: LiteralContext): JsonObject {
  const opened = s.pos;
  s.expect('{');
  const entries: Array<[string, Json]> = [];
  const closing = `'}' to close the dict opened at ${s.where(opened)}`;
  while (!s.eat('}')) {
    if (s.atEnd()) s.fail(`expected ${closing}, found end of snippet`);
    s.skipSpace();
    const at = s.pos;
    const key = readLiteral(s, ctx).json;
    if (typeof key !== 'string') s.fail(`dict keys must be strings to be JSON, found ${s.found(at)}`, at);
    const keyEnd = s.pos;
    s.expect(':', ' after a dict key');
    entries.push([key, s.spans.member(key, () => readLiteral(s, ctx).json, { start: at, end: keyEnd })]);
    if (s.eat(',')) continue;
    if (s.peekChar() === '}') continue;
    s.fail(`expected ',' or ${closing}, found ${s.found()}`);
  }
  return Object.fromEntries(entries);
}

function isStringStart(s: Scanner): boolean {
  STRING_START.lastIndex = s.pos;
  return STRING_START.test(s.text);
}

/** One string, or several adjacent ones, which Python joins. */
function readStrings(s: Scanner): string {
  let text = '';
  for (;;) {
    text += readString(s);
    s.skipSpace();
    if (!isStringStart(s)) return text;
  }
}

function readString(s: Scanner): string {
  const start = s.pos;
  const [, prefix, quote] = /([rRuUbBfF]{0,2})('''|"""|'|")/y.exec(s.text.slice(start)) ?? [];
  const flags = prefix.toLowerCase();
  if (flags.includes('f')) s.fail('f-strings are not literal values', start);
  if (flags.includes('b')) s.fail('bytes are not JSON; expected a str', start);
  const raw = flags.includes('r');
  s.pos = start + prefix.length + quote.length;
  let out = '';
  for (;;) {
    if (s.pos >= s.text.length) s.fail(`unterminated string opened at ${s.where(start)}, found end of snippet`);
    if (s.text.startsWith(quote, s.pos)) {
      s.pos += quote.length;
      return out;
    }
    const c = s.text[s.pos];
    if (c === '\n' && quote.length === 1) s.fail(`unterminated string opened at ${s.where(start)}, found end of line`);
    if (c === '\\' && !raw) {
      out += readEscape(s);
      continue;
    }
    if (c === '\\' && raw && s.pos + 1 < s.text.length) {
      out += c + s.text[s.pos + 1];
      s.pos += 2;
      continue;
    }
    out += c;
    s.pos++;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

function readEscape(s: Scanner): string {
  const at = s.pos;
  const c = s.text[at + 1] ?? '';
  if (Object.hasOwn(SIMPLE_ESCAPES, c)) {
    s.pos += 2;
    return SIMPLE_ESCAPES[c];
  }
  const hexLength = { x: 2, u: 4, U: 8 }[c];
  if (hexLength) {
    const digits = s.text.slice(at + 2, at + 2 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) s.fail(`expected ${hexLength} hex digits after \\${c}`, at);
    s.pos = at + 2 + hexLength;
    return String.fromCodePoint(parseInt(digits, 16));
  }
  const octal = /^[0-7]{1,3}/.exec(s.text.slice(at + 1, at + 4));
  if (octal) {
    s.pos = at + 1 + octal[0].length;
    return String.fromCodePoint(parseInt(octal[0], 8));
  }
  if (c === 'N') s.fail('named escapes \\N{…} are not supported; use \\u', at);
  // Python keeps an unknown escape as written, backslash included.
  s.pos = at + 1;
  return '\\';
}

function readNumber(s: Scanner): number {
  const start = s.pos;
  const text = s.match(RADIX) ?? s.match(DECIMAL);
  if (text === null) return s.fail(`expected a number, found ${s.found()}`);
  const clean = text.replace(/_/g, '');
  const value = /0[xXoObB]/.test(clean) ? signedRadix(clean) : Number(clean);
  if (Number.isNaN(value)) s.fail(`\`${text}\` is not a number`, start);
  return value;
}

function signedRadix(text: string): number {
  const negative = text.startsWith('-');
  const digits = text.replace(/^[-+]/, '');
  return (negative ? -1 : 1) * Number(digits.toLowerCase());
}
