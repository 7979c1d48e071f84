// `--reporter <name>` (repeatable), `--output <file>`, `--output.<name> <file>`, as vitest spells
// them, shared by `test` and `merge`; and the reporters they choose, opened on their outputs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { RunPlan, SampleResult } from '../../engine/results.ts';
import type { Profile } from '../../profile.ts';
import { UsageError, type CliIo } from '../../cli/io.ts';
import { colorsFor, wantsColor } from '../colors.ts';
import { reporterNamed, reporters } from './registry.ts';
import type { ReporterEntry, TestReporter } from './reporter.ts';
import type { TestReport } from './report.ts';

export function addReporterOptions(command: Command): Command {
  const names = reporters.map((entry) => entry.name).join(', ');
  command
    .option('--reporter <name>', `how to report, repeatable: ${names}; default when none is named`, (value: string, list: string[] = []) => [...list, value])
    .option('--output <file>', 'the file of the one reporter that writes a document (json, junit, html)')
    .option('--json', 'the same as --reporter json')
    .option('--junit <file>', 'the same as --reporter junit --output.junit <file>');
  // One option per reporter; listed once in the help as --output.<name>.
  for (const entry of reporters) command.addOption(new Option(`--output.${entry.name} <file>`, `where the ${entry.name} reporter writes`).hideHelp());
  return command.addHelpText(
    'after',
    `
Reporters (--reporter <name>, repeatable; --output.<name> <file> sends one to a file):
${reporters.map((entry) => `  ${entry.name.padEnd(8)} ${entry.summary}`).join('\n')}
A reporter without a file writes to stdout; a document (json, junit, html) needs stdout to itself.`,
  );
}

export interface ReporterChoice {
  entry: ReporterEntry;
  /** Absolute path, or undefined for stdout. */
  output?: string;
}

/** The reporters the options ask for, each with its output; a contradiction is a usage error. */
export function chooseReporters(options: Record<string, unknown>, cwd: string): ReporterChoice[] {
  const asked = [...((options.reporter as string[] | undefined) ?? [])];
  if (options.json === true) asked.push('json');
  if (typeof options.junit === 'string') asked.push('junit');
  // As before --reporter existed: the human report unless --json or a --reporter replaces it.
  if (options.reporter === undefined && options.json !== true) asked.unshift('default');

  const choices: ReporterChoice[] = [];
  for (const name of asked) {
    const entry = reporterNamed(name);
    if (!entry) throw new UsageError(`--reporter: unknown reporter "${name}"; known: ${reporters.map((r) => r.name).join(', ')}`);
    if (!choices.some((choice) => choice.entry === entry)) choices.push({ entry });
  }

  const named = (name: string) => options[`output.${name}`] as string | undefined;
  for (const entry of reporters) {
    if (named(entry.name) !== undefined && !choices.some((choice) => choice.entry === entry)) {
      throw new UsageError(`--output.${entry.name}: the ${entry.name} reporter is not chosen (add --reporter ${entry.name})`);
    }
  }
  if (typeof options.junit === 'string' && named('junit') !== undefined && named('junit') !== options.junit) {
    throw new UsageError('--junit and --output.junit name two different files');
  }
  for (const choice of choices) {
    const file = named(choice.entry.name) ?? (choice.entry.name === 'junit' ? (options.junit as string | undefined) : undefined);
    if (file !== undefined) choice.output = path.resolve(cwd, file);
  }
  if (typeof options.output === 'string') {
    const open = choices.filter((choice) => choice.entry.kind === 'document' && choice.output === undefined);
    if (open.length !== 1) {
      throw new UsageError(
        open.length === 0
          ? '--output: no chosen reporter writes a document without its own file (choose one with --reporter json, junit or html)'
          : `--output names one file for ${open.length} reporters (${open.map((c) => c.entry.name).join(', ')}): use --output.<name> for each`,
      );
    }
    open[0].output = path.resolve(cwd, options.output);
  }

  const onStdout = choices.filter((choice) => choice.output === undefined);
  const document = onStdout.find((choice) => choice.entry.kind === 'document');
  if (document && onStdout.length > 1) {
    const others = onStdout.filter((choice) => choice !== document).map((c) => c.entry.name);
    throw new UsageError(`the ${document.entry.name} reporter and ${others.join(', ')} would all write to stdout: give --output.${document.entry.name} <file>`);
  }
  const files = choices.flatMap((choice) => (choice.output ? [choice.output] : []));
  const twice = files.find((file, index) => files.indexOf(file) !== index);
  if (twice) throw new UsageError(`two reporters would write the same file: ${twice}`);
  return choices;
}

/** The chosen reporters, fed as one. */
export interface Reporting {
  onPlan(plan: RunPlan): void;
  onResult(result: SampleResult): void;
  /** Renders the report with every reporter, and writes the files. */
  finish(report: TestReport): Promise<void>;
}

export async function openReporters(choices: readonly ReporterChoice[], io: CliIo, profile: Profile): Promise<Reporting> {
  const opened: Array<{ reporter: TestReporter; output?: string; text: string[] }> = [];
  for (const choice of choices) {
    const create = await choice.entry.load();
    const slot: { reporter?: TestReporter; output?: string; text: string[] } = { output: choice.output, text: [] };
    const toFile = choice.output !== undefined;
    slot.reporter = create({
      write: toFile ? (text) => slot.text.push(text) : (text) => io.stdout.write(text),
      colors: colorsFor(!toFile && wantsColor(io.stdout, io.env)),
      profile,
      tty: !toFile && io.stdout.isTTY === true && io.env.TERM !== 'dumb',
      toFile,
      env: io.env,
      cwd: io.cwd,
    });
    opened.push(slot as { reporter: TestReporter; output?: string; text: string[] });
  }
  return {
    onPlan: (plan) => opened.forEach(({ reporter }) => reporter.onPlan?.(plan)),
    onResult: (result) => opened.forEach(({ reporter }) => reporter.onResult?.(result)),
    async finish(report) {
      for (const slot of opened) {
        await slot.reporter.onFinish(report);
        if (!slot.output) continue;
        await mkdir(path.dirname(slot.output), { recursive: true });
        await writeFile(slot.output, slot.text.join(''));
      }
    },
  };
}
