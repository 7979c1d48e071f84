// doc-harness's command line: one commander program, one subcommand per module in commands/.
import { Command, CommanderError } from 'commander';
import { loadConfig, withConfig } from '../config/load.ts';
import { harnessVersion } from '../report/version.ts';
import { commands } from './commands/index.ts';
import type { CommandEntry } from './commands/types.ts';
import { ConfigError, processIo, UsageError, type CliIo } from './io.ts';

/**
 * Exit codes: 0 clean, 1 error-level findings or a failed sample, 2 a usage or configuration
 * error, 3 doc-harness itself crashed (a bug: one line, the stack with --debug). `test` adds
 * 130/143 when Ctrl-C or SIGTERM stopped it.
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, crash: 3 } as const;

export async function main(argv: string[], io: CliIo = processIo(), registry: readonly CommandEntry[] = commands): Promise<number> {
  try {
    return await parse(argv, io, registry);
  } catch (error) {
    // Anything that reaches here is doc-harness's own failure, not the docs' or the user's.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`doc-harness: internal error: ${message.split('\n')[0]}\n`);
    if (argv.includes('--debug')) io.stderr.write(`${error instanceof Error && error.stack ? error.stack : message}\n`);
    else io.stderr.write('doc-harness: this is a bug in doc-harness; run again with --debug to see where it happened\n');
    return EXIT.crash;
  }
}

async function parse(argv: string[], io: CliIo, registry: readonly CommandEntry[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('doc-harness')
    .description('Proves the code examples in API reference docs are right, in every language they are shown in.')
    .version(harnessVersion(), '-v, --version')
    .option('--no-color', 'no colours in any output (as NO_COLOR=1 does)')
    .option('--debug', 'when doc-harness itself crashes, print the stack')
    .option('--config <file>', 'the configuration file (default: the first doc-harness.config.{js,mjs,cjs,json} from here up)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError()
    .helpCommand(false);

  // Only the command being run is loaded and configured; the others are listed for `--help`.
  const invoked = argv.find((arg, index) => !arg.startsWith('-') && argv[index - 1] !== '--config');
  for (const entry of registry) {
    const command = program.command(entry.name).summary(entry.summary).description(entry.summary);
    if (entry.name !== invoked) continue;
    const def = await entry.load();
    def.configure(command);
    command.action(async (...args: unknown[]) => {
      const self = args[args.length - 1] as Command;
      const operands = (self.processedArgs as unknown[]).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [a])) as string[];
      const runIo = program.opts().color === false ? { ...io, env: { ...io.env, NO_COLOR: '1' } } : io;
      try {
        // The configuration lies under the command line: a flag given there wins.
        const loaded = def.config === false ? undefined : await loadConfig(io.cwd, program.opts().config as string | undefined);
        const { operands: given, options } = loaded ? await withConfig(self, operands, loaded, io.cwd) : { operands, options: self.opts() };
        exitCode = await def.run(given, options, runIo);
      } catch (error) {
        if (error instanceof ConfigError) {
          io.stderr.write(`doc-harness: ${error.message}\n`);
          exitCode = EXIT.usage;
          return;
        }
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
