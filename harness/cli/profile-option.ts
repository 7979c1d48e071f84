// `--profile <name|path>`, shared by every command that reads docs: which API the docs are of.
import type { Command } from 'commander';
import { loadProfile } from '../config/profile.ts';
import type { Profile } from '../profile.ts';
import type { CliIo } from './io.ts';

export function addProfileOption(command: Command): Command {
  return command.option('--profile <name|path>', 'the API the docs are of: a profile doc-harness ships (seam, the default) or the path of a profile module');
}

/** The profile the options name (the configuration's, when the command line names none). */
export function profileOf(options: Record<string, unknown>, io: CliIo): Promise<Profile> {
  return loadProfile(options.profile as string | undefined, io.cwd);
}
