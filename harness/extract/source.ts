import type { Point, Span } from '../model.ts';

/**
 * The markdown text with a line table, so that every position the harness reports is computed
 * from the file itself (character columns, as editors and compilers count them), whatever
 * pruning or re-parsing happened on the way.
 */
export class SourceText {
  readonly text: string;
  private readonly starts: number[];

  constructor(text: string) {
    this.text = text;
    this.starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 1-based line's text, without its line ending. */
  line(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    const text = this.text.slice(start, end);
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }

  offsetAt(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
    return Math.min(start + column - 1, this.text.length);
  }

  point(line: number, column: number): Point {
    return { line, column, offset: this.offsetAt(line, column) };
  }

  pointAt(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1, offset };
  }

  slice(span: Span): string {
    return this.text.slice(this.offsetAt(span.start.line, span.start.column), this.offsetAt(span.end.line, span.end.column));
  }
}
