// What `doc-harness list` prints: one line per example group, or the whole model as JSON.
import type { Diagnostic, Endpoint, Example, OtherGroup, Page, Parameter, ReturnShape } from '../model.ts';
import type { Colors } from './colors.ts';
import { countBySeverity, formatSeverityCounts, type SeverityCounts } from './diagnostics.ts';

export interface ListSummary {
  /** Markdown files read. */
  files: number;
  /** Pages with at least one example group. */
  pages: number;
  /** Example groups. */
  examples: number;
  /** Complete samples (a request and a response), all languages. */
  samples: number;
  /** Complete samples per language id, in the profile's language order. */
  languages: Record<string, number>;
  /** Tabs of example groups missing their request or response (reported as errors). */
  incomplete: number;
  /** Tab groups that are not examples. */
  others: number;
  diagnostics: SeverityCounts;
}

export interface PageSummary {
  file: string;
  title: string;
  endpoint: Endpoint | null;
  returns: ReturnShape | null;
  parameters: Parameter[];
  /** Ids of the page's examples. */
  examples: string[];
  others: number;
}

/** `doc-harness list --json`: a stable interface other tools read. */
export interface ListJson {
  root: string;
  examples: Example[];
  others: OtherGroup[];
  pages: PageSummary[];
  diagnostics: Diagnostic[];
  summary: ListSummary;
}

export function listJson(root: string, files: string[], pages: Page[], diagnostics: Diagnostic[], languageOrder: string[] = []): ListJson {
  return {
    root,
    examples: pages.flatMap((p) => p.examples),
    others: pages.flatMap((p) => p.others),
    pages: pages.map((p) => ({
      file: p.file,
      title: p.title,
      endpoint: p.endpoint,
      returns: p.returns,
      parameters: p.parameters,
      examples: p.examples.map((e) => e.id),
      others: p.others.length,
    })),
    diagnostics,
    summary: summarize(files, pages, diagnostics, languageOrder),
  };
}

export function summarize(files: string[], pages: Page[], diagnostics: Diagnostic[], languageOrder: string[] = []): ListSummary {
  const examples = pages.flatMap((p) => p.examples);
  const counts = new Map<string, number>();
  for (const e of examples) for (const s of e.samples) counts.set(s.language, (counts.get(s.language) ?? 0) + 1);
  const rank = (id: string) => {
    const i = languageOrder.indexOf(id);
    return i === -1 ? languageOrder.length : i;
  };
  const languages: Record<string, number> = {};
  for (const id of [...counts.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))) languages[id] = counts.get(id)!;
  return {
    files: files.length,
    pages: pages.filter((p) => p.examples.length > 0).length,
    examples: examples.length,
    samples: examples.reduce((n, e) => n + e.samples.length, 0),
    languages,
    incomplete: examples.reduce((n, e) => n + (e.incomplete?.length ?? 0), 0),
    others: pages.reduce((n, p) => n + p.others.length, 0),
    diagnostics: countBySeverity(diagnostics),
  };
}

const PROBLEM: Record<string, string> = { 'missing-request': 'no request', 'missing-response': 'no response', empty: 'empty' };

/** `file:line  endpoint  languages…`, columns aligned. */
export function formatExampleLines(examples: readonly Example[], c: Colors): string[] {
  const rows = examples.map((e) => {
    const tabs = [
      ...e.samples.map((s) => ({ at: s.position.start.line, text: s.supported ? s.language : c.yellow(`${s.language}(unsupported)`) })),
      ...(e.incomplete ?? []).map((t) => ({ at: t.position.start.line, text: c.red(`${t.language}(${PROBLEM[t.problem]})`) })),
    ].sort((a, b) => a.at - b.at);
    return {
      location: `${e.file}:${e.line}`,
      endpoint: e.endpoint ? `${e.endpoint.method} ${e.endpoint.path}` : '(no endpoint)',
      languages: tabs.length ? tabs.map((t) => t.text).join(' ') : c.red('(no tabs)'),
    };
  });
  const lw = Math.max(0, ...rows.map((r) => r.location.length));
  const ew = Math.max(0, ...rows.map((r) => r.endpoint.length));
  return rows.map((r) => `${r.location.padEnd(lw)}  ${c.bold(r.endpoint)}${' '.repeat(ew - r.endpoint.length)}  ${r.languages}`);
}

/** `96 files, 62 pages with examples, 64 example groups, 384 samples (javascript 64, …), 0 other groups; 0 errors, …` */
export function formatSummary(s: ListSummary, c: Colors): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const langs = Object.entries(s.languages).map(([id, n]) => `${id} ${n}`).join(', ');
  const parts = [
    plural(s.files, 'file'),
    plural(s.pages, 'page with examples', 'pages with examples'),
    plural(s.examples, 'example group'),
    `${plural(s.samples, 'sample')}${langs ? ` (${langs})` : ''}`,
    ...(s.incomplete ? [c.red(plural(s.incomplete, 'incomplete tab'))] : []),
    plural(s.others, 'other group'),
  ];
  return `${parts.join(', ')}; ${formatSeverityCounts(s.diagnostics, c)}`;
}
