// A character cursor over one snippet, for the hand-written recursive-descent readers of literal
// subsets that no JavaScript library parses (Python reprs, Ruby hashes, …). It knows where it is
// in the markdown file, so every failure it raises is already a positioned one-line message.
import type { CodeBlock, ReadNote, ReadProblem, ReadResult } from '../model.ts';
import { fail, locateOffset, ok, problemAt } from './locate.ts';
import { SpanRecorder } from './spans.ts';

/** Abandons a read; `readWith` turns it into a `{ ok: false }` result. */
export class ReadFailure extends Error {
  constructor(readonly problem: ReadProblem) {
    super(problem.message);
  }
}

export interface ScannerOptions {
  /** Prefix of every message, naming language and side: `python response`. */
  what: string;
  /** Opener of a comment that runs to the end of the line (`#`, `//`); skipped like space. */
  lineComment?: string;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?\.?\d[\w.]*/y;

export class Scanner {
  /** 0-based offset into `text`. */
  pos = 0;
  readonly text: string;
  /** Where each value read stands: literal readers record into it as they go. */
  readonly spans: SpanRecorder;

  constructor(
    readonly block: CodeBlock,
    readonly options: ScannerOptions,
  ) {
    this.text = block.code;
    this.spans = new SpanRecorder(block);
  }

  /** Reads one value with `read` and records where it stands (from after any space to the cursor). */
  recorded<T>(read: () => T): T {
    this.skipSpace();
    const start = this.pos;
    const value = read();
    this.spans.value(start, this.pos);
    return value;
  }

  /** Skips whitespace, line breaks and line comments. */
  skipSpace(): void {
    const comment = this.options.lineComment;
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
      if (comment && this.text.startsWith(comment, this.pos)) {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end === -1 ? this.text.length : end;
        continue;
      }
      return;
    }
  }

  /** True when only space and comments remain. */
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  /** The next character after space, without consuming anything. */
  peekChar(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  /** Consumes `token` if it comes next (after space). */
  eat(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  /** Consumes `token` or fails with "expected 'token'<context>, found …". */
  expect(token: string, context = ''): void {
    if (!this.eat(token)) this.fail(`expected '${token}'${context}, found ${this.found()}`);
  }

  /** Matches a sticky regular expression at the cursor (after space) and consumes it. */
  match(pattern: RegExp): string | null {
    this.skipSpace();
    if (!pattern.sticky) throw new Error('Scanner.match needs a sticky (y) pattern');
    pattern.lastIndex = this.pos;
    const m = pattern.exec(this.text);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }

  /** Matches an identifier (ASCII letters, digits, `_`). */
  word(): string | null {
    return this.match(WORD);
  }

  /** What stands at `offset`, for "found …" in messages: `end of snippet`, `` `foo` ``, `a string`. */
  found(offset?: number): string {
    if (offset === undefined) this.skipSpace();
    const at = offset ?? this.pos;
    if (at >= this.text.length) return 'end of snippet';
    for (const pattern of [WORD, NUMBER]) {
      pattern.lastIndex = at;
      const m = pattern.exec(this.text);
      if (m) return pattern === WORD ? `\`${m[0]}\`` : `number \`${m[0]}\``;
    }
    const c = this.text[at];
    if (c === '"' || c === "'") return 'a string';
    if (c === '\n') return 'end of line';
    return `\`${c}\``;
  }

  /** The file position of `offset` as `line:column`, for "opened at 12:1". */
  where(offset: number): string {
    const p = locateOffset(this.block, offset);
    return `${p.line}:${p.column}`;
  }

  /** Throws a positioned failure: `<what>: <message>` at `offset` (default: the cursor). */
  fail(message: string, offset = this.pos): never {
    throw new ReadFailure(problemAt(this.block, offset, `${this.options.what}: ${message}`));
  }
}

/**
 * The callee of a client call, `seam.acs.users.get`: a receiver of any name, then one or more
 * member words. `text` is the callee as written, for messages ("to close seam.acs.users.get(").
 */
export function readMemberChain(s: Scanner, separator = '.'): { words: string[]; text: string } {
  s.skipSpace();
  const start = s.pos;
  let end = start;
  const words: string[] = [];
  if (s.word() !== null) {
    while (s.eat(separator)) {
      const name = s.word();
      if (name === null) s.fail(`expected a method name after '${separator}', found ${s.found()}`);
      words.push(name);
      end = s.pos;
    }
  }
  if (words.length === 0) {
    s.fail(`expected a client call like \`seam.devices.get(…)\`, found ${s.found(start)}`, start);
  }
  s.spans.map.callee = { block: s.block, start, end };
  return { words, text: s.text.slice(start, end) };
}

/**
 * Runs a reader body that may throw `ReadFailure` and wraps its outcome. Notes pushed into
 * `notes` before a failure are kept, so a snippet's other findings are not lost. With `spans`,
 * a read that succeeds carries what they recorded.
 */
export function readWith<T>(notes: ReadNote[], body: () => T, spans?: SpanRecorder): ReadResult<T> {
  try {
    const value = body();
    return ok(value, notes, spans?.map);
  } catch (error) {
    if (error instanceof ReadFailure) return fail(error.problem, notes);
    throw error;
  }
}

/** A C-family number literal: `42`, `2.5`, `.5`, `1e3`, `0x1F`, `0b101`, `0o17`, `017`, `1_000`. */
export const C_NUMBER = /0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d[\d_]*)?/y;

/** Reads a C-family number literal (Go, PHP) at the cursor, by its base. */
export function readCNumber(s: Scanner): number {
  const start = s.pos;
  const text = s.match(C_NUMBER);
  if (text === null) return s.fail(`expected a number, found ${s.found(start)}`, start);
  const digits = text.replace(/_/g, '');
  if (/^0[xX]/.test(digits)) return parseInt(digits.slice(2), 16);
  if (/^0[bB]/.test(digits)) return parseInt(digits.slice(2), 2);
  if (/^0[oO]/.test(digits)) return parseInt(digits.slice(2), 8);
  if (/^0\d+$/.test(digits)) return parseInt(digits.slice(1), 8);
  return Number(digits);
}
