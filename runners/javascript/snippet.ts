// A JavaScript request snippet turned into the function the driver evaluates: the snippet's own
// lines, untouched, inside `(async function (seam, Seam) { … })` (the page's set-up: a client on
// the mock, and the SDK's class for a snippet that makes its own; both named by the profile), with `return ` put before its
// last expression statement so that the awaited value is what the function resolves to. Positions
// the driver reports (V8's, in the wrapper's lines) are mapped back to the snippet with the one
// line the header adds and the one column shift the insertion made.
import { parse } from 'acorn';
import type { CodeBlock } from '../../harness/model.ts';
import type { PreparedSource } from '../../harness/run/driver.ts';
import { locate } from '../../harness/values/locate.ts';

const FOOTER = '})';
const RETURN = 'return ';

/** What the snippet's set-up is called: the client variable and the client class (the profile's). */
export interface SnippetNames {
  variable: string;
  className: string;
}

export function prepareSnippet(block: CodeBlock, names: SnippetNames): PreparedSource | { ok: false; error: { message: string; line: number; column: number } } {
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
    return { ok: false, error: { message: `SyntaxError: ${message.replace(/ \(\d+:\d+\)$/, '')}`, line: at.line, column: at.column } };
  }
  const last = program.body[program.body.length - 1];
  let code = block.code;
  let inserted: { line: number; column: number } | undefined;
  if (last?.type === 'ExpressionStatement' && last.loc) {
    code = code.slice(0, last.start) + RETURN + code.slice(last.start);
    inserted = { line: last.loc.start.line, column: last.loc.start.column + 1 };
  }
  const lines = block.code.split('\n').length;
  return {
    ok: true,
    source: `(async function (${names.variable}, ${names.className}) {\n${code}\n${FOOTER}`,
    // V8's line 1 is the header; the snippet starts on line 2.
    map(line, column) {
      const own = line - 1;
      if (own < 1 || own > lines) return null;
      if (inserted && own === inserted.line && column >= inserted.column) return { line: own, column: Math.max(inserted.column, column - RETURN.length) };
      return { line: own, column };
    },
    // An error with no position of its own points at the statement whose value is returned.
    fallback: inserted,
  };
}
