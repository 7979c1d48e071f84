// Where each part of a read value stands in its snippet, so that a finding about one field of a
// documented response (a misspelled key, a string where the API has a boolean) points at that
// field's own line and column in the markdown, in whichever tab it is reported.
//
// Readers record while they read: a container reads each member inside `member(step, …)`, and
// the function that reads one value calls `value(start, end)` once it is done. Paths are JSON
// pointers (RFC 6901: `/devices/0/name`), the form JSON Schema validators report.
import type { CodeBlock, Span } from '../model.ts';
import { locateOffset } from './locate.ts';

/** A stretch of one snippet: 0-based offsets into `block.code`, end exclusive. */
export interface Range {
  block: CodeBlock;
  start: number;
  end: number;
}

export type Step = string | number;

/** JSON pointer of a path: `['devices', 0, 'name']` → `/devices/0/name`; the root is ``. */
export function pointer(steps: readonly Step[]): string {
  return steps.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The steps of a JSON pointer; numbers stay strings (a pointer cannot tell `0` from `"0"`). */
export function stepsOf(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/').map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `/devices/0/name` → `$.devices[0].name`: how messages name a place in a value. */
export function displayPath(path: string, root = '$'): string {
  return (
    root +
    stepsOf(path)
      .map((step) => (/^\d+$/.test(step) ? `[${step}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`))
      .join('')
  );
}

/** What a reader recorded about one read value or call. */
export class SourceMap {
  /** Each value by its path (for a call: each parameter, `` being the parameters object). */
  readonly values = new Map<string, Range>();
  /** The key of each object member, by the member's path. */
  readonly keys = new Map<string, Range>();
  /** A call's method (`seam.devices.get`), for findings about the route it names. */
  callee?: Range;

  /** The range of the value at `path`, or of its nearest recorded ancestor. */
  value(path: string): Range | undefined {
    for (let at = path; ; at = at.slice(0, at.lastIndexOf('/'))) {
      const found = this.values.get(at);
      if (found || at === '') return found;
    }
  }

  /** The key of the member at `path`, else where its value stands (list items have no key). */
  key(path: string): Range | undefined {
    return this.keys.get(path) ?? this.value(path);
  }

  /** The part below `path`, re-rooted there (a cURL body's resource under its response key). */
  below(path: string): SourceMap {
    const out = new SourceMap();
    for (const [table, target] of [[this.values, out.values], [this.keys, out.keys]] as const) {
      for (const [at, range] of table) {
        if (at === path || at.startsWith(`${path}/`)) target.set(at.slice(path.length), range);
      }
    }
    out.callee = this.callee;
    return out;
  }

  /** Adds `other`'s records under `prefix`. */
  graft(other: SourceMap, prefix: string): void {
    for (const [at, range] of other.values) this.values.set(prefix + at, range);
    for (const [at, range] of other.keys) this.keys.set(prefix + at, range);
  }
}

/** Records a SourceMap while a reader walks one snippet. */
export class SpanRecorder {
  private steps: Step[] = [];
  map = new SourceMap();

  constructor(readonly block: CodeBlock) {}

  /** The path of the value being read. */
  get path(): readonly Step[] {
    return this.steps;
  }

  /** Reads one member of the container being read; `key` is where its key or name stands. */
  member<T>(step: Step, read: () => T, key?: { start: number; end: number }): T {
    this.steps.push(step);
    try {
      if (key) this.map.keys.set(pointer(this.steps), { block: this.block, ...key });
      return read();
    } finally {
      this.steps.pop();
    }
  }

  /** The value at the current path stands at [start, end). The outermost call for a path wins. */
  value(start: number, end: number): void {
    this.map.values.set(pointer(this.steps), { block: this.block, start, end });
  }

  /** Runs `read` with a fresh map and path, and hands back what it recorded (for grafting later). */
  capture<T>(read: () => T): { result: T; map: SourceMap } {
    const [steps, map] = [this.steps, this.map];
    this.steps = [];
    this.map = new SourceMap();
    try {
      const result = read();
      return { result, map: this.map };
    } finally {
      [this.steps, this.map] = [steps, map];
    }
  }
}

/** The markdown span of a range. */
export function spanOf(range: Range): Span {
  return { start: locateOffset(range.block, range.start), end: locateOffset(range.block, range.end) };
}
