// Go reports positions through the line directives the rewrite put in: the markdown line
// itself, and the column in bytes of the snippet's line. Runners report snippet coordinates
// (line 1 is the snippet's first, columns count characters as the markdown does); this is the
// conversion, shaped as a driver.ts PreparedSource so that decodeDriverResult maps the rest.
import type { CodeBlock } from '../../harness/model.ts';
import type { PreparedSource } from '../../harness/run/driver.ts';

export function goPositions(block: CodeBlock): PreparedSource {
  const lines = block.code.split('\n');
  const firstCharacter = (line: number) => {
    const text = lines[line - 1] ?? '';
    return text.length - text.trimStart().length + 1;
  };
  return {
    ok: true,
    source: block.code,
    map(markdownLine, byteColumn) {
      const line = markdownLine - block.codeStart.line + 1;
      if (line < 1 || line > lines.length) return null;
      // 0: Go knows the line only (a panic's frame, a hang): its first character.
      if (byteColumn <= 0) return { line, column: firstCharacter(line) };
      const bytes = Buffer.from(lines[line - 1], 'utf8');
      return { line, column: bytes.subarray(0, byteColumn - 1).toString('utf8').length + 1 };
    },
    fallback: { line: 1, column: firstCharacter(1) },
  };
}
