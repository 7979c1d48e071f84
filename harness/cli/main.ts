// doc-harness's command line: one commander program, one subcommand per module in commands/.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.ts';
import { processIo, UsageError, type CliIo } from './io.ts';

/** Exit codes: 0 clean, 1 error-level findings, 2 usage error (usage printed). */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('doc-harness')
    .description('Proves the code examples in API reference docs are right, in every language they are shown in.')
    .version(version(), '-v, --version')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError()
    .helpCommand(false);

  // Only the command being run is loaded and configured; the others are listed for `--help`.
  const invoked = argv.find((arg) => !arg.startsWith('-'));
  for (const entry of commands) {
    const command = program.command(entry.name).summary(entry.summary).description(entry.summary);
    if (entry.name !== invoked) continue;
    const def = await entry.load();
    def.configure(command);
    command.action(async (...args: unknown[]) => {
      const self = args[args.length - 1] as Command;
      const operands = (self.processedArgs as unknown[]).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [a])) as string[];
      try {
        exitCode = await def.run(operands, self.opts(), io);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`error: ${error.message}\n\n`);
        self.outputHelp({ error: true });
        exitCode = EXIT.usage;
      }
    });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end the run successfully; everything else commander stops on is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
}

/** The package's version, found from the source or the compiled file alike. */
function version(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'doc-harness' && pkg.version) return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return '0.0.0';
}
