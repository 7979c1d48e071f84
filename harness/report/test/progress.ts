// Live progress for the default reporter: on a terminal, a bar per language redrawn in place,
// with each failure printed above the bars as it comes; elsewhere (a CI log, a pipe), plain lines
// that are never redrawn: the plan, each failure, and each language as it finishes.
import { isProblem, type RunPlan, type SampleResult } from '../../engine/results.ts';
import type { ReporterContext } from './reporter.ts';

interface LanguageProgress {
  language: string;
  label: string;
  samples: number;
  done: number;
  problems: number;
  skipped: number;
  started: number;
  finishedMs?: number;
  client?: string;
}

const BAR = 24;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REDRAW_MS = 80;

export class Progress {
  private languages = new Map<string, LanguageProgress>();
  private drawn = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private pending: NodeJS.Timeout | undefined;

  constructor(private readonly context: ReporterContext) {}

  start(plan: RunPlan): void {
    const { colors: c, profile } = this.context;
    const now = performance.now();
    for (const { language, samples } of plan.languages) {
      const label = profile.languages.find((l) => l.id === language)?.label ?? language;
      this.languages.set(language, { language, label, samples, done: 0, problems: 0, skipped: 0, started: now });
    }
    const each = plan.languages.map(({ language, samples }) => `${language} ${samples}`).join(', ');
    if (!this.context.tty) {
      this.context.write(`${c.dim(`Running ${plan.total} sample(s)${each ? `: ${each}` : ''}`)}\n`);
      return;
    }
    this.draw();
    // The spinner shows a language that is still preparing (a first run installs its client).
    this.timer = setInterval(() => {
      this.frame += 1;
      this.draw();
    }, 120);
    this.timer.unref();
  }

  /** Counts a result; `problem` (a failure's lines) is printed above the bars, or as plain lines. */
  result(result: SampleResult, problem: string[]): void {
    const entry = this.languages.get(result.language);
    if (entry) {
      entry.done += 1;
      // An expected failure is not one the run answers for.
      if (isProblem(result)) entry.problems += 1;
      if (result.verdict === 'skip') entry.skipped += 1;
      entry.client ??= result.client ?? undefined;
      if (entry.done === entry.samples) entry.finishedMs = performance.now() - entry.started;
    }
    if (!this.context.tty) {
      if (problem.length) this.context.write(`${problem.join('\n')}\n`);
      if (entry && entry.done === entry.samples) this.context.write(`${this.finishedLine(entry)}\n`);
      return;
    }
    if (problem.length) {
      this.erase();
      this.context.write(`${problem.join('\n')}\n`);
      this.draw();
    } else this.scheduleDraw();
  }

  /** Removes the bars (a terminal) before the final report. */
  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.pending);
    this.timer = this.pending = undefined;
    if (this.context.tty) this.erase();
  }

  private scheduleDraw(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.draw();
    }, REDRAW_MS);
  }

  private erase(): void {
    // Up to the first bar, then clear to the end of the screen.
    if (this.drawn > 0) this.context.write(`\x1b[${this.drawn}A\r\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    const lines = [...this.languages.values()].map((entry) => this.barLine(entry));
    this.erase();
    if (lines.length) this.context.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  private barLine(entry: LanguageProgress): string {
    const { colors: c } = this.context;
    const name = entry.label.padEnd(12);
    if (entry.done === 0) {
      const spinner = c.cyan(SPINNER[this.frame % SPINNER.length]);
      return `${spinner} ${name} ${c.dim(`preparing: finding or installing its client (${entry.samples} sample(s) to run)`)}`;
    }
    const filled = Math.round((entry.done / entry.samples) * BAR);
    const paint = entry.problems > 0 ? c.red : c.green;
    const bar = paint('█'.repeat(filled)) + c.dim('░'.repeat(BAR - filled));
    const mark = entry.done === entry.samples ? (entry.problems > 0 ? c.red('✗') : c.green('✓')) : c.cyan(SPINNER[this.frame % SPINNER.length]);
    const problems = entry.problems ? c.red(`  ${entry.problems} failed`) : '';
    const client = entry.client ? c.dim(`  ${entry.client}`) : '';
    return `${mark} ${name} ${bar} ${String(entry.done).padStart(String(entry.samples).length)}/${entry.samples}${problems}${client}`;
  }

  private finishedLine(entry: LanguageProgress): string {
    const { colors: c } = this.context;
    const passed = entry.done - entry.problems - entry.skipped;
    const parts = [`${passed} passed`, ...(entry.problems ? [c.red(`${entry.problems} failed or errored`)] : []), ...(entry.skipped ? [`${entry.skipped} skipped`] : [])];
    const time = entry.finishedMs === undefined ? '' : ` in ${(entry.finishedMs / 1000).toFixed(1)}s`;
    return `${entry.label}: ${entry.done} sample(s) done${time}: ${parts.join(', ')}${entry.client ? ` (${entry.client})` : ''}`;
  }
}
