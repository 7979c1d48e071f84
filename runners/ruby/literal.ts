// Reads the Ruby literal subset the docs print: strings ('…', "…", adjacent ones joined),
// symbols, integers with `_` separators, floats, true/false/nil, arrays, `%w[…]`/`%i[…]`
// word arrays, and hashes in every key spelling (`"k" => v`, `k: v`, `"k": v`).
import type { Json, JsonObject } from '../../harness/model.ts';
import type { Scanner } from '../../harness/values/scanner.ts';

export interface LiteralContext {
  /** Called for a JSON `null`: read as null, but a NameError in Ruby. */
  onNull: (offset: number) => void;
}

const KEYWORDS: Record<string, Json> = { true: true, false: false, nil: null };

const NUMBER = /[-+]?(?:0[xX][\da-fA-F_]+|0[bB][01_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][-+]?\d[\d_]*)?)/y;
const SYMBOL = /:[A-Za-z_][A-Za-z0-9_]*[?!]?/y;
/** A hash key written `name:` (not `name::`), as in `{ starts_at: "…" }` and keyword arguments. */
export const LABEL = /[A-Za-z_][A-Za-z0-9_]*[?!]?:(?!:)/y;
const WORD_ARRAY = /%[wWiI]([[({<]|[^\sA-Za-z0-9])/y;
const CLOSERS: Record<string, string> = { '[': ']', '(': ')', '{': '}', '<': '>' };

/** Reads one value, recording where it and its members stand (`s.spans`). */
export function readLiteral(s: Scanner, ctx: LiteralContext): Json {
  return s.recorded(() => readAny(s, ctx));
}

function readAny(s: Scanner, ctx: LiteralContext): Json {
  s.skipSpace();
  const start = s.pos;
  const c = s.text[start] ?? '';
  if (c === '[') return readArray(s, ctx);
  if (c === '{') return readHash(s, ctx);
  if (c === '"' || c === "'") return readStrings(s);
  if (c === ':' && (s.text[start + 1] === '"' || s.text[start + 1] === "'")) {
    s.pos++;
    return readString(s);
  }
  const symbol = s.match(SYMBOL);
  if (symbol !== null) return symbol.slice(1);
  if (c === '%') return readWordArray(s);
  if (/[-+\d]/.test(c)) return readNumber(s);
  const name = s.word();
  if (name === null) return s.fail(`expected a value, found ${s.found()}`);
  if (Object.hasOwn(KEYWORDS, name)) return KEYWORDS[name];
  if (name === 'null') {
    ctx.onNull(start);
    return null;
  }
  return s.fail(`expected a value, found \`${name}\``, start);
}

function readArray(s: Scanner, ctx: LiteralContext): Json[] {
  const opened = s.pos;
  s.expect('[');
  const items: Json[] = [];
  while (!s.eat(']')) {
    if (s.atEnd()) s.fail(closeMessage(s, ']', 'the array', opened));
    items.push(s.spans.member(items.length, () => readLiteral(s, ctx)));
    if (s.eat(',')) continue;
    if (s.peekChar() === ']') continue;
    s.fail(closeMessage(s, ']', 'the array', opened));
  }
  return items;
}

function readHash(s: Scanner, ctx: LiteralContext): JsonObject {
  const opened = s.pos;
  s.expect('{');
  const entries: Array<[string, Json]> = [];
  while (!s.eat('}')) {
    if (s.atEnd()) s.fail(closeMessage(s, '}', 'the hash', opened));
    const { key, range } = readKeyRange(s, ctx, '=>');
    entries.push([key, s.spans.member(key, () => readLiteral(s, ctx), range)]);
    if (s.eat(',')) continue;
    if (s.peekChar() === '}') continue;
    s.fail(closeMessage(s, '}', 'the hash', opened));
  }
  return Object.fromEntries(entries);
}

/** `readKey`, with where the key stands (its separator left out). */
export function readKeyRange(s: Scanner, ctx: LiteralContext, arrow: '=>' | null): { key: string; range: { start: number; end: number } } {
  s.skipSpace();
  const start = s.pos;
  const key = readKey(s, ctx, arrow);
  let end = s.pos;
  while (end > start && /[\s:=>]/.test(s.text[end - 1])) end--;
  return { key, range: { start, end } };
}

/**
 * One hash key or keyword-argument name with its separator: `name:`, `"name":`, or (where
 * `arrow` is given) any string or symbol followed by `=>`. Ruby's symbol/string distinction is
 * a display detail here: both read as the JSON key.
 */
export function readKey(s: Scanner, ctx: LiteralContext, arrow: '=>' | null): string {
  s.skipSpace();
  const at = s.pos;
  const label = s.match(LABEL);
  if (label !== null) return label.slice(0, -1);
  const quote = s.text[at];
  if (quote === '"' || quote === "'") {
    const key = readString(s);
    if (s.text[s.pos] === ':' && s.text[s.pos + 1] !== ':') {
      s.pos++;
      return key;
    }
    if (arrow !== null) {
      s.expect(arrow, ' after a hash key');
      return key;
    }
    return s.fail(`expected ':' right after the keyword name, found ${s.found()}`);
  }
  if (arrow === null) return s.fail(`expected a keyword argument \`name: value\`, found ${s.found(at)}`, at);
  const key = readLiteral(s, ctx);
  if (typeof key !== 'string') s.fail(`hash keys must be strings or symbols to be JSON, found ${s.found(at)}`, at);
  s.expect(arrow, ' after a hash key');
  return key;
}

function closeMessage(s: Scanner, close: string, what: string, opened: number): string {
  const to = `to close ${what} opened at ${s.where(opened)}`;
  return s.atEnd() ? `expected '${close}' ${to}, found end of snippet` : `expected ',' or '${close}' ${to}, found ${s.found()}`;
}

/** One string, or several on one line, which Ruby joins (`"a" "b"`). */
function readStrings(s: Scanner): string {
  let text = readString(s);
  for (;;) {
    const gap = /[ \t]*(?=["'])/y;
    gap.lastIndex = s.pos;
    if (!gap.exec(s.text)) return text;
    s.pos = gap.lastIndex;
    text += readString(s);
  }
}

const DOUBLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', s: ' ', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\n': '',
};

/** One '…' or "…" string; the cursor stands on its opening quote. */
function readString(s: Scanner): string {
  const start = s.pos;
  const quote = s.text[start];
  s.pos++;
  let out = '';
  for (;;) {
    if (s.pos >= s.text.length) s.fail(`unterminated string opened at ${s.where(start)}, found end of snippet`);
    const c = s.text[s.pos];
    if (c === quote) {
      s.pos++;
      return out;
    }
    if (quote === '"' && c === '#' && s.text[s.pos + 1] === '{') s.fail('string interpolation #{…} is not a literal value');
    if (c !== '\\') {
      out += c;
      s.pos++;
      continue;
    }
    const next = s.text[s.pos + 1] ?? '';
    if (quote === "'") {
      // Single quotes only escape the quote and the backslash.
      out += next === "'" || next === '\\' ? next : c + next;
      s.pos += 2;
      continue;
    }
    out += readEscape(s, next);
  }
}

function readEscape(s: Scanner, c: string): string {
  const at = s.pos;
  if (Object.hasOwn(DOUBLE_ESCAPES, c)) {
    s.pos += 2;
    return DOUBLE_ESCAPES[c];
  }
  const unicode = /^u(?:\{([\da-fA-F]{1,6})\}|([\da-fA-F]{4}))/.exec(s.text.slice(at + 1));
  const hex = /^x([\da-fA-F]{1,2})/.exec(s.text.slice(at + 1));
  const octal = /^[0-7]{1,3}/.exec(s.text.slice(at + 1));
  const escape = unicode ?? hex;
  if (escape) {
    s.pos = at + 1 + escape[0].length;
    return String.fromCodePoint(parseInt(escape[1] ?? escape[2], 16));
  }
  if (octal) {
    s.pos = at + 1 + octal[0].length;
    return String.fromCodePoint(parseInt(octal[0], 8));
  }
  if (c === 'u' || c === 'x') s.fail(`invalid \\${c} escape`, at);
  // Any other escaped character stands for itself (`\"`, `\\`, `\#`).
  s.pos += 2;
  return c;
}

/** `%w[a b]` (strings) and `%i[a b]` (symbols): both read as a list of strings. */
function readWordArray(s: Scanner): string[] {
  const opened = s.pos;
  const head = s.match(WORD_ARRAY);
  if (head === null) return s.fail(`expected a value, found ${s.found()}`);
  const open = head[head.length - 1];
  const close = CLOSERS[open] ?? open;
  const end = s.text.indexOf(close, s.pos);
  if (end === -1) {
    s.fail(`expected '${close}' to close the word array opened at ${s.where(opened)}, found end of snippet`, s.text.length);
  }
  const words = s.text.slice(s.pos, end).split(/\s+/).filter(Boolean);
  s.pos = end + 1;
  return words;
}

function readNumber(s: Scanner): number {
  const start = s.pos;
  const text = s.match(NUMBER);
  if (text === null) return s.fail(`expected a number, found ${s.found()}`);
  const clean = text.replace(/_/g, '');
  const negative = clean.startsWith('-');
  const value = /0[xXbB]/.test(clean) ? (negative ? -1 : 1) * Number(clean.replace(/^[-+]/, '')) : Number(clean);
  if (Number.isNaN(value)) s.fail(`\`${text}\` is not a number`, start);
  return value;
}
