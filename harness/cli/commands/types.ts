import type { Command } from 'commander';
import type { CliIo } from '../io.ts';

/**
 * One `doc-harness <name>` command: a module under harness/cli/commands/ listed once in
 * commands/index.ts. `configure` declares its arguments, options and help; `run` does the work
 * and resolves to the exit code (0 ok, 1 findings at error level; usage errors throw UsageError).
 */
export interface CliCommand {
  name: string;
  /** False for a command the configuration file has nothing to say to (it is then not even read). */
  config?: false;
  configure(command: Command): void;
  run(operands: string[], options: Record<string, unknown>, io: CliIo): Promise<number>;
}

/** A command as `--help` lists it; its module loads only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for `doc-harness --help`. */
  summary: string;
  load(): Promise<CliCommand>;
}
