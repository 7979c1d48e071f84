// Diagnostic lines as every command prints them: `file:line:col  severity  message  rule`.
import type { Diagnostic, Severity } from '../model.ts';
import type { Colors } from './colors.ts';

export type SeverityCounts = Record<Severity, number>;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || ORDER[a.severity] - ORDER[b.severity];
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function paint(severity: Severity, c: Colors): (s: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
}

export function formatDiagnostic(d: Diagnostic, c: Colors, locationWidth = 0): string {
  const location = `${d.file}:${d.line}:${d.column}`;
  return `${location.padEnd(locationWidth)}  ${paint(d.severity, c)(d.severity.padEnd(7))}  ${d.message}  ${c.dim(d.rule)}`;
}

/** Sorted, with the location column aligned. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], c: Colors): string[] {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const width = Math.max(0, ...sorted.map((d) => `${d.file}:${d.line}:${d.column}`.length));
  return sorted.map((d) => formatDiagnostic(d, c, width));
}

/** `1 error, 2 warnings, 0 info` */
export function formatSeverityCounts(counts: SeverityCounts, c: Colors): string {
  const part = (n: number, word: string, color: (s: string) => string) => {
    const text = `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
    return n > 0 ? color(text) : text;
  };
  return [part(counts.error, 'error', c.red), part(counts.warning, 'warning', c.yellow), part(counts.info, 'info', c.blue)].join(', ');
}
