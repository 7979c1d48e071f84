// Independent checks of what extraction reports, computed from the markdown text itself.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CodeBlock, Page } from '../../harness/model.ts';

/** 1-based number of the line holding the nth (1-based) occurrence of `needle`. */
export function lineOf(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" occurs fewer than ${nth} times`);
  }
  return text.slice(0, at).split('\n').length;
}

/** Lines of `text`, 1-based: `lines[n]` is line n. */
export function linesOf(text: string): string[] {
  return ['', ...text.split('\n').map((l) => l.replace(/\r$/, ''))];
}

/**
 * The block's code stands in the file where the block says: its first line at `codeStart`, every
 * further line after `indent` columns, and fences on the lines of `position`.
 */
export function expectBlockInFile(block: CodeBlock, lines: string[]): void {
  const code = block.code === '' ? [] : block.code.split('\n');
  code.forEach((line, i) => {
    const fileLine = lines[block.codeStart.line + i];
    const column = i === 0 ? block.codeStart.column : block.indent + 1;
    expect(fileLine.slice(column - 1), `line ${block.codeStart.line + i}`).toBe(line);
  });
  expect(lines[block.position.start.line].slice(block.position.start.column - 1)).toMatch(/^(```|~~~)/);
  expect(lines[block.position.end.line].trim()).toMatch(/^(```|~~~)$/);
  expect(block.position.end.line).toBe(block.codeStart.line + code.length);
  expect(block.position.start.line).toBe(block.codeStart.line - 1);
  if (block.position.start.offset !== undefined && block.codeStart.offset !== undefined) {
    expect(lines.slice(1).join('\n').slice(block.codeStart.offset, block.codeStart.offset + (code[0]?.length ?? 0))).toBe(code[0] ?? '');
  }
}

export function expectPagePositions(page: Page, file = page.file): void {
  const lines = linesOf(readFileSync(file, 'utf8'));
  for (const example of page.examples) {
    expect(lines[example.line].slice(example.column - 1)).toMatch(/^\{%\s*tabs?\b/);
    for (const sample of example.samples) {
      expect(lines[sample.position.start.line].slice(sample.position.start.column - 1)).toMatch(/^\{%\s*tab\s+title=/);
      expectBlockInFile(sample.request, lines);
      expectBlockInFile(sample.response, lines);
    }
  }
}
