import type { SourceMap } from './spans.ts';
import type { CodeBlock, NoteRuleId, Point, ReadNote, ReadProblem, ReadResult, Severity, TextEdit } from '../model.ts';

/**
 * Maps a position inside a snippet (1-based line and column of `block.code`) to the markdown
 * file, so that every reader error points at the page's own line.
 */
export function locate(block: CodeBlock, line: number, column: number): Point {
  return {
    line: block.codeStart.line + line - 1,
    column: (line === 1 ? block.codeStart.column : 1 + block.indent) + column - 1,
  };
}

/** Same as `locate`, from a 0-based character offset into `block.code`. */
export function locateOffset(block: CodeBlock, offset: number): Point {
  const before = block.code.slice(0, Math.max(0, Math.min(offset, block.code.length)));
  const lines = before.split('\n');
  const line = lines.length;
  const column = lines[lines.length - 1].length + 1;
  return locate(block, line, column);
}

export function problemAt(block: CodeBlock, offset: number, message: string): ReadProblem {
  const { line, column } = locateOffset(block, offset);
  return { message, line, column };
}

/** A replacement inside a snippet, by 0-based offsets into `block.code`. */
export interface SnippetEdit {
  start: number;
  end: number;
  after: string;
}

/** What a note may add: where the noted text ends, and the edits that fix it. */
export interface NoteExtras {
  end?: number;
  fix?: SnippetEdit[];
}

export function noteAt(
  block: CodeBlock,
  offset: number,
  rule: NoteRuleId,
  message: string,
  severity: Severity = 'warning',
  extras: NoteExtras = {},
): ReadNote {
  const note: ReadNote = { ...problemAt(block, offset, message), rule, severity };
  if (extras.end !== undefined) note.end = locateOffset(block, extras.end);
  if (extras.fix) note.fix = extras.fix.map((edit) => textEdit(block, edit));
  return note;
}

/** A snippet edit at markdown positions, with the text it replaces (checked before it is applied). */
function textEdit(block: CodeBlock, edit: SnippetEdit): TextEdit {
  return {
    start: locateOffset(block, edit.start),
    end: locateOffset(block, edit.end),
    before: block.code.slice(edit.start, edit.end),
    after: edit.after,
  };
}

export function ok<T>(value: T, notes: ReadNote[] = [], map?: SourceMap): ReadResult<T> {
  const result: ReadResult<T> = { ok: true, value, notes };
  return map ? withMap(result, map) : result;
}

/**
 * Attaches where the value's parts stand. Not enumerable: it is a side table about the snippet,
 * not part of what was read, and it holds the code blocks, which a result written as JSON (a
 * report) or compared as a value must not carry.
 */
export function withMap<T>(result: ReadResult<T>, map: SourceMap): ReadResult<T> {
  if (!result.ok) return result;
  const copy = { ...result };
  Object.defineProperty(copy, 'map', { value: map, enumerable: false, writable: false, configurable: false });
  return copy;
}

export function fail<T>(error: ReadProblem, notes: ReadNote[] = []): ReadResult<T> {
  return { ok: false, error, notes };
}
