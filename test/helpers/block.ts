import type { CodeBlock } from '../../harness/model.ts';

/**
 * A code block as extraction would produce it for `code` fenced at `fenceLine` (the ``` line),
 * for reader unit tests that need no markdown.
 */
export function makeBlock(code: string, fenceLine = 10, info: string | null = null, indent = 0): CodeBlock {
  const lines = code.split('\n');
  return {
    code,
    info,
    position: {
      start: { line: fenceLine, column: 1 + indent },
      end: { line: fenceLine + lines.length + 1, column: 4 + indent },
    },
    codeStart: { line: fenceLine + 1, column: 1 + indent },
    indent,
  };
}
