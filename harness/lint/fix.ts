// `lint --fix`: the edits findings carry, applied to their files like eslint's `--fix`. Only what
// a reader is certain of carries an edit (a Python `true`, a Ruby `null`, an unquoted CLI JSON
// value), and an edit is applied only where the file still holds exactly the text it replaces;
// of two edits that overlap, the first wins and the other waits for the next run.
import type { Diagnostic, TextEdit } from '../model.ts';

export interface FixResult {
  text: string;
  /** How many edits were applied. */
  applied: number;
  /** Which: by `editKey`. */
  appliedKeys: Set<string>;
  /** Edits not applied: the text had changed, or another edit overlapped. */
  skipped: number;
}

/** Applies `edits` (at 1-based line/column positions of `text`) and says how many took. */
export function applyEdits(text: string, edits: readonly TextEdit[]): FixResult {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const starts = [0];
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number) => (line >= 1 && line <= starts.length ? starts[line - 1] + column - 1 : -1);
  const unique = new Map<string, { start: number; end: number; edit: TextEdit }>();
  for (const edit of edits) {
    const start = offset(edit.start.line, edit.start.column);
    const end = offset(edit.end.line, edit.end.column);
    unique.set(editKey(edit), { start, end, edit });
  }
  const ordered = [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  const chosen: typeof ordered = [];
  let skipped = 0;
  for (const candidate of ordered) {
    const { start, end, edit } = candidate;
    const sure = start >= 0 && end >= start && body.slice(start, end) === edit.before;
    const last = chosen[chosen.length - 1];
    const overlaps = last !== undefined && (start < last.end || (start === last.start && last.end > last.start));
    if (!sure || overlaps) skipped++;
    else chosen.push(candidate);
  }
  let out = body;
  for (const { start, end, edit } of [...chosen].reverse()) out = out.slice(0, start) + edit.after + out.slice(end);
  return { text: bom + out, applied: chosen.length, appliedKeys: new Set(chosen.map(({ edit }) => editKey(edit))), skipped };
}

/** One edit, whichever finding carries it: two findings may carry the same edit. */
export function editKey(edit: TextEdit): string {
  return `${edit.start.line}:${edit.start.column}-${edit.end.line}:${edit.end.column}=${edit.after}`;
}

/** The findings' edits, by file. */
export function editsByFile(findings: readonly Diagnostic[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), ...finding.fix]);
  }
  return byFile;
}
