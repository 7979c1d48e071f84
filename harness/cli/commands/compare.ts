// `doc-harness compare <before.json> <after.json>`: what changed between two JSON reports of the
// same docs — an SDK release's effect on every example, per language and client version.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { defaultProfile } from '../../../profiles/index.ts';
import { compareReports, comparisonExitCode } from '../../report/compare.ts';
import { comparisonHtml, comparisonJson, comparisonMarkdown } from '../../report/compare-format.ts';
import { readReport, ReportFormatError } from '../../report/test/report.ts';
import { ConfigError, UsageError } from '../io.ts';
import type { CliCommand } from './types.ts';

const FORMATS = ['md', 'html', 'json'] as const;

export const compareCommand: CliCommand = {
  name: 'compare',
  config: false,
  configure(command: Command) {
    command
      .argument('<before>', 'the JSON report of the first run (doc-harness test --reporter json)')
      .argument('<after>', 'the JSON report of the second run')
      .option('--format <format>', `${FORMATS.join(', ')} (default md: fit for a pull-request comment)`, 'md')
      .option('--output <file>', 'write to this file instead of stdout')
      .addHelpText(
        'after',
        `
Lists, per language and client version, the samples newly failing, newly passing, still
failing, whose returned value changed with the same verdict, and those only one run had.

Exit status: 0 when nothing newly fails, 1 when something does, 2 on a usage error or a file
that is not a doc-harness JSON report.

Example (an SDK release):
  doc-harness test --sdk javascript=1.244.0 --reporter json --output before.json
  doc-harness test --sdk javascript=1.245.0 --reporter json --output after.json
  doc-harness compare before.json after.json >> "$GITHUB_STEP_SUMMARY"`,
      );
  },
  async run([before, after], options, io) {
    const format = String(options.format);
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got "${format}"`);
    const read = async (file: string) => {
      try {
        return await readReport(path.resolve(io.cwd, file));
      } catch (error) {
        if (error instanceof ReportFormatError) throw new ConfigError(error.message.replace(path.resolve(io.cwd, file), file));
        throw error;
      }
    };
    const comparison = compareReports(await read(before), await read(after), { before, after });
    const label = (language: string) => defaultProfile.languages.find((l) => l.id === language)?.label ?? language;
    const text = format === 'json' ? comparisonJson(comparison) : format === 'html' ? comparisonHtml(comparison, label) : comparisonMarkdown(comparison, label);
    if (typeof options.output === 'string') {
      const file = path.resolve(io.cwd, options.output);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    } else io.stdout.write(text);
    return comparisonExitCode(comparison);
  },
};
