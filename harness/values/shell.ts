// Splits one shell command line (a Seam CLI or cURL tab) into the words a program would receive,
// keeping each word's place in the snippet and what a real shell would do to it besides removing
// quotes (split, glob, brace-expand, expand `$…`). The docs print unquoted JSON as flag values;
// with `json` set such a value is read JSON-aware as one word, and the hazards say why a shell
// would not pass it through.
import type { Json } from '../model.ts';
import { readJson } from './json-reader.ts';
import type { Scanner } from './scanner.ts';
import type { SourceMap } from './spans.ts';

export type HazardKind = 'split' | 'brace' | 'glob' | 'quotes' | 'escapes' | 'expand' | 'operator' | 'tilde';

export interface Hazard {
  kind: HazardKind;
  /** What the shell would do, to follow "a shell would …". */
  says: string;
}

export interface ShellWord {
  /** Offsets into the snippet: the word's first character and the one after its last. */
  start: number;
  end: number;
  raw: string;
  /** The word after quote removal and backslash escapes. */
  text: string;
  /** Some part of the word was quoted or escaped: the docs' sign that a value is a string. */
  quoted: boolean;
  /**
   * An unquoted JSON value read JSON-aware, either the whole word or the part after `--flag=`;
   * `map` says where its members stand.
   */
  json?: { value: Json; start: number; map: SourceMap };
  hazards: Hazard[];
}

/** A here-document: `<<EOF` on the command line, its body on the lines after it. */
export interface HereDoc {
  delimiter: string;
  /** Offset of the `<<`. */
  start: number;
  body: string;
  /** Offset of the body's first character. */
  bodyStart: number;
  /** An unquoted delimiter lets the shell expand `$…` inside the body. */
  expands: boolean;
}

export interface ShellCommand {
  words: ShellWord[];
  heredocs: HereDoc[];
}

export interface ShellOptions {
  /** Read a word (or a `--flag=` value) that starts with `{` or `[` as one JSON value. */
  json?: boolean;
  /** Accept `<<EOF` here-documents. */
  heredocs?: boolean;
}

const BLANK = /[ \t\r]/;

/**
 * Reads one command from the cursor to the end of the snippet: words up to the first unescaped
 * line break, then the bodies of its here-documents. Anything after that is a second command,
 * which is an error (a request is one command).
 */
export function splitCommand(s: Scanner, options: ShellOptions = {}): ShellCommand {
  const text = s.text;
  const words: ShellWord[] = [];
  const heredocs: HereDoc[] = [];
  const pending: Array<{ delimiter: string; start: number; strip: boolean; expands: boolean }> = [];
  let i = s.pos;
  while (i < text.length) {
    const c = text[i];
    if (BLANK.test(c)) {
      i++;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
    } else if (c === '\n' && words.length === 0 && pending.length === 0) {
      i++;
    } else if (c === '\n') {
      i++;
      for (const doc of pending) i = readHereDoc(s, i, doc, heredocs);
      pending.length = 0;
      const rest = text.slice(i).search(/\S/);
      if (rest !== -1) s.fail('expected one command (a request is one call), found a second line', i + rest);
      i = text.length;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (options.heredocs && text.startsWith('<<', i)) {
      i = readHereDocStart(s, i, pending);
    } else {
      const word = readWord(s, i, options);
      words.push(word);
      i = word.end;
    }
  }
  if (pending.length > 0) {
    const doc = pending[0];
    s.fail(`expected the lines of the here-document \`<<${doc.delimiter}\` after the command, found end of snippet`, doc.start);
  }
  s.pos = i;
  return { words, heredocs };
}

/** `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`: registers a body to read after the line ends. */
function readHereDocStart(
  s: Scanner,
  at: number,
  pending: Array<{ delimiter: string; start: number; strip: boolean; expands: boolean }>,
): number {
  let i = at + 2;
  const strip = s.text[i] === '-';
  if (strip) i++;
  while (BLANK.test(s.text[i] ?? '')) i++;
  if (i >= s.text.length || /\s/.test(s.text[i])) s.fail(`expected a delimiter word after \`<<\`, found ${s.found(i)}`, i);
  const word = readWord(s, i, {});
  pending.push({ delimiter: word.text, start: at, strip, expands: !word.quoted });
  return word.end;
}

function readHereDoc(
  s: Scanner,
  from: number,
  doc: { delimiter: string; start: number; strip: boolean; expands: boolean },
  out: HereDoc[],
): number {
  const text = s.text;
  let lineStart = from;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let line = text.slice(lineStart, lineEnd);
    if (doc.strip) line = line.replace(/^\t+/, '');
    if (line === doc.delimiter) {
      out.push({
        delimiter: doc.delimiter,
        start: doc.start,
        body: text.slice(from, Math.max(from, lineStart - 1)),
        bodyStart: from,
        expands: doc.expands,
      });
      return newline === -1 ? text.length : newline + 1;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return s.fail(`expected a line \`${doc.delimiter}\` to end the here-document opened here, found end of snippet`, doc.start);
}

function readWord(s: Scanner, start: number, options: ShellOptions): ShellWord {
  const text = s.text;
  const hazards: Hazard[] = [];
  const add = (kind: HazardKind, says: string) => {
    if (!hazards.some((h) => h.kind === kind)) hazards.push({ kind, says });
  };
  let out = '';
  let quoted = false;
  let json: ShellWord['json'];
  // A JSON value may start the word, or follow the `=` of `--flag=`.
  let jsonAt = start;
  const isFlag = text.startsWith('--', start);
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) break;
    if (options.heredocs && text.startsWith('<<', i)) break;
    if (options.json && i === jsonAt && (c === '{' || c === '[')) {
      s.pos = i;
      const { result: value, map } = s.spans.capture(() => readJson(s));
      const raw = text.slice(i, s.pos);
      json = { value, start: i, map };
      for (const h of jsonHazards(raw)) add(h.kind, h.says);
      out += raw.replace(/"/g, '');
      i = s.pos;
      if (i < text.length && !/\s/.test(text[i])) {
        s.fail(`expected a space after the JSON value that starts at ${s.where(json.start)}, found ${s.found(i)}`, i);
      }
      break;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      out += text[i + 1] ?? '';
      quoted = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) s.fail(`expected a closing ' for the quote opened at ${s.where(i)}, found end of snippet`, text.length);
      out += text.slice(i + 1, close);
      quoted = true;
      i = close + 1;
      continue;
    }
    if (c === '"') {
      i = readDoubleQuoted(s, i, (part) => (out += part), add);
      quoted = true;
      continue;
    }
    bareHazard(text, i, start, add);
    out += c;
    i++;
    if (isFlag && c === '=' && jsonAt === start) jsonAt = i;
  }
  return { start, end: i, raw: text.slice(start, i), text: out, quoted, json, hazards };
}

/** Reads `"…"` at `open`; returns the offset after the closing quote. */
function readDoubleQuoted(
  s: Scanner,
  open: number,
  emit: (part: string) => void,
  add: (kind: HazardKind, says: string) => void,
): number {
  const text = s.text;
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return i + 1;
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      emit('$`"\\'.includes(next) ? next : c + next);
      i += 2;
      continue;
    }
    if (c === '$' && /[A-Za-z_{(0-9@*#?$!-]/.test(text[i + 1] ?? '')) add('expand', `expand \`${expansionAt(text, i)}\``);
    if (c === '`') add('expand', 'run the text between backquotes as a command');
    emit(c);
    i++;
  }
  return s.fail(`expected a closing " for the quote opened at ${s.where(open)}, found end of snippet`, text.length);
}

function expansionAt(text: string, at: number): string {
  const m = /\$(?:\{[^}]*\}|\([^)]*\)|[A-Za-z_][A-Za-z0-9_]*|.)/y;
  m.lastIndex = at;
  return m.exec(text)?.[0] ?? '$';
}

/** What a shell does with an unquoted character of a plain word. */
function bareHazard(text: string, i: number, wordStart: number, add: (kind: HazardKind, says: string) => void): void {
  const c = text[i];
  if (c === '*' || c === '?' || c === '[') add('glob', `match \`${c}\` against file names (a glob pattern)`);
  else if (c === '$' && /[A-Za-z_{(0-9@*#?$!-]/.test(text[i + 1] ?? '')) add('expand', `expand \`${expansionAt(text, i)}\``);
  else if (c === '`') add('expand', 'run the text between backquotes as a command');
  else if (c === ';' || c === '&' || c === '|') add('operator', `end the command at \`${c}\``);
  else if (c === '<' || c === '>') add('operator', `take \`${c}\` as a redirection`);
  else if (c === '(' || c === ')') add('operator', `stop with a syntax error at \`${c}\``);
  else if (c === '~' && i === wordStart) add('tilde', 'replace `~` with a home folder');
  else if (c === '{' && /^\{[^\s{}]*,[^\s{}]*\}/.test(text.slice(i))) add('brace', 'brace-expand `{…,…}` into separate words');
}

/** What a shell does to an unquoted JSON value: its strings are shell double quotes, the rest is bare. */
export function jsonHazards(raw: string): Hazard[] {
  const found = new Map<HazardKind, string>();
  let inString = false;
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === '\\') {
        if ('"\\'.includes(raw[i + 1] ?? '')) found.set('escapes', 'rewrite its backslash escapes');
        i++;
      } else if (c === '"') inString = false;
      else if (c === '$') found.set('expand', `expand \`${expansionAt(raw, i)}\``);
      else if (c === '`') found.set('expand', 'run the text between backquotes as a command');
      continue;
    }
    if (c === '"') {
      inString = true;
      found.set('quotes', 'remove its double quotes');
    } else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth > 0) found.set('brace', 'brace-expand `{…,…}` into separate words');
    else if (c === '[') found.set('glob', 'match `[…]` against file names (a glob pattern)');
    else if (/\s/.test(c)) found.set('split', 'split it into several words at its spaces');
  }
  const order: HazardKind[] = ['split', 'brace', 'glob', 'expand', 'escapes', 'quotes'];
  return order.filter((kind) => found.has(kind)).map((kind) => ({ kind, says: found.get(kind) as string }));
}

/** "a, b and c" */
export function sayHazards(hazards: readonly Hazard[]): string {
  const says = hazards.map((h) => h.says);
  return says.length <= 1 ? (says[0] ?? '') : `${says.slice(0, -1).join(', ')} and ${says[says.length - 1]}`;
}
