// The mdast tree flattened into what extraction reads, in document order: GitBook tags, headings,
// fenced code and prose, each with its exact span in the original file.
import type { Code, Heading, Html, Nodes, Paragraph, Root, TableCell } from 'mdast';
import type { Point as UnistPoint } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { CodeBlock, Point, Span } from '../model.ts';
import { repairMojibake } from './mojibake.ts';
import type { SourceText } from './source.ts';
import { onlyTags, scanTags, type Tag } from './tags.ts';

export type Event =
  | { kind: 'tag'; tag: Tag; span: Span }
  /** `<!-- doc-harness: skip reason -->`: an instruction for the group or tab that follows. */
  | { kind: 'annotation'; directive: string; text: string; span: Span }
  | { kind: 'heading'; depth: number; text: string; span: Span }
  | { kind: 'code'; block: CodeBlock; unclosed: boolean }
  | { kind: 'prose'; text: string; span: Span };

export interface WalkContext {
  source: SourceText;
  parse: (text: string) => Root;
  /** Maps a point of the tree being walked to the original file. */
  shift: (point: UnistPoint) => Point;
  depth: number;
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const ANNOTATION = /<!--\s*doc-harness:\s*([A-Za-z][\w-]*)([\s\S]*?)-->/g;
const HTML_TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>/g;

/** The events of a whole page, in document order (an html block's own are found out of order). */
export function pageEvents(tree: Root, ctx: WalkContext): Event[] {
  const start = (event: Event) => ('span' in event ? event.span : event.block.position).start.offset ?? 0;
  return collectEvents(tree, ctx).sort((a, b) => start(a) - start(b));
}

export function collectEvents(tree: Root, ctx: WalkContext, out: Event[] = []): Event[] {
  visit(tree, (node: Nodes) => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        textBlock(node, ctx, out);
        return SKIP;
      case 'html':
        htmlBlock(node, ctx, out);
        return SKIP;
      case 'code':
        codeBlock(node, ctx, out);
        return SKIP;
      default:
        return undefined;
    }
  });
  return out;
}

function spanOf(node: Nodes, ctx: WalkContext): Span {
  return { start: ctx.shift(node.position!.start), end: ctx.shift(node.position!.end) };
}

function textBlock(node: Paragraph | Heading | TableCell, ctx: WalkContext, out: Event[]): void {
  const span = spanOf(node, ctx);
  const base = span.start.offset!;
  const text = ctx.source.text.slice(base, span.end.offset!);
  const masked: Array<[number, number]> = [];
  visit(node, 'inlineCode', (code) => {
    masked.push([ctx.shift(code.position!.start).offset! - base, ctx.shift(code.position!.end).offset! - base]);
  });
  annotations(text, base, ctx, out);
  const tags = scanTags(text, masked);
  if (node.type === 'heading') {
    let title = plainText(node);
    for (const tag of tags) title = title.replace(text.slice(tag.start, tag.end), '');
    out.push({ kind: 'heading', depth: node.depth, text: repairMojibake(title.trim()), span });
    for (const tag of tags) out.push(tagEvent(tag, base, ctx));
    return;
  }
  let last = 0;
  for (const tag of tags) {
    prose(text.slice(last, tag.start), base + last, node, ctx, out);
    out.push(tagEvent(tag, base, ctx));
    last = tag.end;
  }
  prose(text.slice(last), base + last, node, ctx, out);
}

function prose(piece: string, offset: number, node: Nodes, ctx: WalkContext, out: Event[]): void {
  if (node.type === 'tableCell') return;
  const trimmed = piece.trim();
  if (trimmed === '') return;
  const start = offset + piece.indexOf(trimmed);
  out.push({
    kind: 'prose',
    text: repairMojibake(trimmed.replace(/[ \t]*\r?\n[ \t]*/g, '\n')),
    span: { start: ctx.source.pointAt(start), end: ctx.source.pointAt(start + trimmed.length) },
  });
}

function tagEvent(tag: Tag, base: number, ctx: WalkContext): Event {
  const title = tag.title === undefined ? undefined : repairMojibake(tag.title);
  return {
    kind: 'tag',
    tag: { ...tag, title, start: base + tag.start, end: base + tag.end },
    span: { start: ctx.source.pointAt(base + tag.start), end: ctx.source.pointAt(base + tag.end) },
  };
}

/**
 * An html block runs to the next blank line, so GitBook tags and even code fences written right
 * after `<details>` or `<div>` land inside it. Such a block is read again as markdown with its
 * html tags (outside fences) blanked out; what it yields is mapped back to the file line by line.
 */
function htmlBlock(node: Html, ctx: WalkContext, out: Event[]): void {
  const span = spanOf(node, ctx);
  const base = span.start.offset!;
  const text = ctx.source.text.slice(base, span.end.offset!);
  // Read before the block is blanked: a comment is html, and blanking removes it.
  if (ctx.depth === 0) annotations(text, base, ctx, out);
  const hasFence = text.split('\n').some((l) => FENCE_OPEN.test(l));
  if (!text.includes('{%') && !hasFence) return;
  const blanked = blankHtml(text);
  if (blanked.text === text || ctx.depth >= 3) {
    for (const tag of scanTags(text)) out.push(tagEvent(tag, base, ctx));
    return;
  }
  const sub = ctx.parse(blanked.text);
  const start = span.start;
  collectEvents(sub, {
    ...ctx,
    depth: ctx.depth + 1,
    shift: (p) => {
      const moved = blanked.moved[p.line - 1];
      const column = moved && p.column > moved.after ? p.column + moved.by : p.column;
      return ctx.source.point(start.line + p.line - 1, p.line === 1 ? start.column + column - 1 : column);
    },
  }, out);
}

/** The `<!-- doc-harness: … -->` comments in a piece of the file that starts at `base`. */
function annotations(text: string, base: number, ctx: WalkContext, out: Event[]): void {
  if (!text.includes('doc-harness:')) return;
  for (const m of text.matchAll(ANNOTATION)) {
    const start = base + m.index;
    out.push({
      kind: 'annotation',
      directive: m[1].toLowerCase(),
      text: m[2].trim().replace(/\s+/g, ' '),
      span: { start: ctx.source.pointAt(start), end: ctx.source.pointAt(start + m[0].length) },
    });
  }
}

interface Blanked {
  text: string;
  /** Per line: columns past `after` were moved left by `by` (blanked tags that would indent the text). */
  moved: Array<{ after: number; by: number } | undefined>;
}

/**
 * Html tags and comments blanked, except inside code fences. Text that followed a blanked tag is
 * moved back to the line's own indentation, so that it does not turn into an indented code block.
 */
function blankHtml(text: string): Blanked {
  const lines = text.split('\n');
  const moved: Blanked['moved'] = [];
  let fence: string | null = null;
  let outside: number[] = [];
  const flush = () => {
    if (outside.length === 0) return;
    const chunk = outside.map((i) => lines[i]).join('\n').replace(HTML_TAG, (m) => m.replace(/[^\n]/g, ' '));
    chunk.split('\n').forEach((line, k) => {
      const i = outside[k];
      const own = /^\s*/.exec(lines[i])![0].length;
      const now = /^\s*/.exec(line)![0].length;
      if (line.trim() === '') lines[i] = '';
      else if (now > own) {
        lines[i] = lines[i].slice(0, own) + line.slice(now);
        moved[i] = { after: own, by: now - own };
      } else lines[i] = line;
    });
    outside = [];
  };
  lines.forEach((line, i) => {
    const f = FENCE_OPEN.exec(line);
    if (fence === null && f) {
      flush();
      fence = f[1][0];
    } else if (fence !== null) {
      if (f && f[1][0] === fence && line.trim() === f[1]) fence = null;
    } else {
      outside.push(i);
    }
  });
  flush();
  return { text: lines.join('\n'), moved };
}

function codeBlock(node: Code, ctx: WalkContext, out: Event[]): void {
  const span = spanOf(node, ctx);
  const raw = ctx.source.text.slice(span.start.offset!, span.end.offset!);
  const opener = FENCE_OPEN.exec(raw);
  if (!opener) {
    // Indented code: four spaces before a tag make one, and then it is the tag that was meant.
    if (onlyTags(node.value)) {
      for (const tag of scanTags(raw)) out.push(tagEvent(tag, span.start.offset!, ctx));
      return;
    }
  }
  const code = node.value.replace(/\r$/gm, '');
  const firstLine = code.split('\n')[0];
  let codeStart: Point;
  let indent: number;
  if (opener) {
    const line = span.start.line + 1;
    const text = ctx.source.line(line);
    const at = firstLine === '' ? -1 : text.indexOf(firstLine);
    const column = at >= 0 ? at + 1 : span.start.column;
    codeStart = ctx.source.point(line, column);
    indent = span.start.column - 1;
    if (at >= 0 && at < indent) indent = at;
  } else {
    const text = ctx.source.line(span.start.line);
    const at = text.indexOf(firstLine);
    codeStart = ctx.source.point(span.start.line, at >= 0 ? at + 1 : span.start.column + 4);
    indent = codeStart.column - 1;
  }
  const lastLine = raw.slice(raw.lastIndexOf('\n') + 1).trim();
  const unclosed = opener !== null && (!raw.includes('\n') || !(lastLine[0] === opener[1][0] && /^(`{3,}|~{3,})$/.test(lastLine) && lastLine.length >= opener[1].length));
  const info = node.lang ? (node.meta ? `${node.lang} ${node.meta}` : node.lang) : null;
  out.push({ kind: 'code', block: { code, info, position: span, codeStart, indent }, unclosed });
}

export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
