// A reporter's context with its output captured.
import { colorsFor } from '../../harness/report/colors.ts';
import type { ReporterContext } from '../../harness/report/test/reporter.ts';
import { seamProfile } from '../../profiles/seam/index.ts';

export function captured(options: { tty?: boolean; color?: boolean; env?: Record<string, string | undefined> } = {}): { context: ReporterContext; output(): string } {
  let text = '';
  const context: ReporterContext = {
    write: (s) => (text += s),
    colors: colorsFor(options.color ?? false),
    profile: seamProfile,
    tty: options.tty ?? false,
    toFile: false,
    env: options.env ?? {},
    cwd: process.cwd(),
  };
  return { context, output: () => text };
}

/** ANSI escape sequences (colours, cursor movement). */
export const ANSI = /\x1b\[[0-9;]*[A-Za-z]/;
