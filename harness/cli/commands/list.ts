// `doc-harness list [paths or globs…] [--json]`: every tabbed example the docs hold.
import type { Command } from 'commander';
import { extract } from '../../extract/index.ts';
import type { Profile } from '../../profile.ts';
import { defaultProfile } from '../../../profiles/index.ts';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { colorsFor, wantsColor } from '../../report/colors.ts';
import { formatDiagnostics, hasErrors } from '../../report/diagnostics.ts';
import { formatExampleLines, formatSummary, listJson } from '../../report/list.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './types.ts';

export const DEFAULT_DOCS = 'docs/';

export const listCommand: CliCommand = {
  name: 'list',
  configure(command: Command) {
    addProfileOption(command)
      .argument('[paths...]', `markdown files, folders (searched for *.md) or globs (default: the configuration's docs, else ${DEFAULT_DOCS})`)
      .option('--json', 'print the whole model as one JSON object (examples, others, pages, diagnostics, summary)')
      .addHelpText(
        'after',
        `
Prints one line per example group (file:line  endpoint  languages), then diagnostics
(file:line:col  severity  message  rule) and a summary.

Exit status: 0 when no diagnostic is an error, 1 when one is, 2 on a usage error.

Examples:
  doc-harness list
  doc-harness list docs/devices/get.md
  doc-harness list 'docs/**/access_codes/*.md' --json`,
      );
  },
  async run(paths, options, io) {
    return runList(paths, { json: options.json === true, profile: await profileOf(options, io) }, io);
  },
};

export async function runList(paths: string[], options: { json: boolean; profile?: Profile }, io: CliIo): Promise<number> {
  const profile = options.profile ?? defaultProfile;
  const result = await extract(paths.length ? paths : [DEFAULT_DOCS], { cwd: io.cwd, profile });
  const order = profile.languages.map((l) => l.id);
  const model = listJson(result.root, result.files, result.pages, result.diagnostics, order);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
  } else {
    const c = colorsFor(wantsColor(io.stdout, io.env));
    const lines = formatExampleLines(model.examples, c);
    const diagnostics = formatDiagnostics(model.diagnostics, c);
    const out = [...lines, ...(lines.length && diagnostics.length ? [''] : []), ...diagnostics, ...(lines.length || diagnostics.length ? [''] : []), formatSummary(model.summary, c)];
    io.stdout.write(`${out.join('\n')}\n`);
  }
  return hasErrors(result.diagnostics) ? 1 : 0;
}
