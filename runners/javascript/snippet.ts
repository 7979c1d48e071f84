// A JavaScript request snippet turned into the function the driver evaluates: the snippet's own
// lines, untouched, inside `(async function (seam, Seam) { … })` (the page's set-up: a client on
// the mock, and the SDK's class for a snippet that makes its own), with `return ` put before its last
// expression statement so that the awaited value is what the function resolves to. Positions the
// driver reports (V8's, in the file's own lines thanks to lineOffset) are mapped back to the
// markdown with the one column shift the insertion made.
import { parse } from 'acorn';
import type { CodeBlock, Point } from '../../harness/model.ts';
import { locate } from '../../harness/values/locate.ts';
import type { RunError } from '../../harness/run/types.ts';

export interface PreparedSnippet {
  source: string;
  /** Shown in stack traces: the markdown file. */
  filename: string;
  /** Makes V8 number the snippet's lines as the markdown file does. */
  lineOffset: number;
  /** Where `return ` was inserted, in snippet coordinates (1-based). */
  inserted?: { line: number; column: number };
}

const HEADER = '(async function (seam, Seam) {';
const FOOTER = '})';
const RETURN = 'return ';

export function prepareSnippet(block: CodeBlock, filename: string): { ok: true; snippet: PreparedSnippet } | { ok: false; error: RunError } {
  let program;
  try {
    program = parse(block.code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (error) {
    const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
    const at = loc ? locate(block, loc.line, loc.column + 1) : block.codeStart;
    return {
      ok: false,
      error: { kind: 'syntax', message: `SyntaxError: ${message.replace(/ \(\d+:\d+\)$/, '')}`, line: at.line, column: at.column },
    };
  }
  const last = program.body[program.body.length - 1];
  let code = block.code;
  let inserted: PreparedSnippet['inserted'];
  if (last?.type === 'ExpressionStatement' && last.loc) {
    code = code.slice(0, last.start) + RETURN + code.slice(last.start);
    inserted = { line: last.loc.start.line, column: last.loc.start.column + 1 };
  }
  return {
    ok: true,
    snippet: {
      source: `${HEADER}\n${code}\n${FOOTER}`,
      filename,
      lineOffset: block.codeStart.line - 2,
      inserted,
    },
  };
}

/**
 * A position the driver reported (a line as V8 displays it with `lineOffset`, a 1-based column)
 * as a markdown position; null when it lies outside the snippet (the wrapper's own lines).
 */
export function mapPosition(block: CodeBlock, snippet: PreparedSnippet, line: number, column: number): Point | null {
  const snippetLine = line - snippet.lineOffset - 1;
  const lines = block.code.split('\n').length;
  if (snippetLine < 1 || snippetLine > lines) return null;
  let snippetColumn = column;
  const at = snippet.inserted;
  if (at && snippetLine === at.line && column >= at.column) {
    snippetColumn = Math.max(at.column, column - RETURN.length);
  }
  return locate(block, snippetLine, snippetColumn);
}

/** Where an error with no usable position points: the start of the snippet's statement. */
export function statementStart(block: CodeBlock, snippet: PreparedSnippet): Point {
  return snippet.inserted ? locate(block, snippet.inserted.line, snippet.inserted.column) : block.codeStart;
}
