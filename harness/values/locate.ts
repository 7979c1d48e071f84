import type { CodeBlock, Point, ReadNote, ReadProblem, ReadResult, Severity } from '../model.ts';

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

export function noteAt(
  block: CodeBlock,
  offset: number,
  rule: string,
  message: string,
  severity: Severity = 'warning',
): ReadNote {
  return { ...problemAt(block, offset, message), rule, severity };
}

export function ok<T>(value: T, notes: ReadNote[] = []): ReadResult<T> {
  return { ok: true, value, notes };
}

export function fail<T>(error: ReadProblem, notes: ReadNote[] = []): ReadResult<T> {
  return { ok: false, error, notes };
}
