// `doc-harness merge a.json b.json …`: shard reports (`test --shard i/n`) joined into one report,
// rendered by any reporter, as if one machine had run everything.
import path from 'node:path';
import type { Command } from 'commander';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { mergeReports } from '../../report/merge.ts';
import { readReport, ReportFormatError, reportExitCode, type TestReport } from '../../report/test/report.ts';
import { addReporterOptions, chooseReporters, openReporters } from '../../report/test/selection.ts';
import { ConfigError } from '../io.ts';
import type { CliCommand } from './types.ts';

export const mergeCommand: CliCommand = {
  name: 'merge',
  configure(command: Command) {
    command.argument('<reports...>', 'JSON reports of the shards (doc-harness test --shard i/n --reporter json)');
    addReporterOptions(addProfileOption(command));
    command.addHelpText(
      'after',
      `
A shard given twice, or reports that hold the same sample, are refused; a missing shard makes
the merged report incomplete (and the exit status 1).

Exit status: 0 when nothing failed or errored, 1 when something did (or a shard is missing),
2 on a usage error or a file that is not a doc-harness JSON report.

Example:
  doc-harness merge shard-*.json --reporter default --reporter junit --output.junit junit.xml --reporter html --output.html report.html`,
    );
  },
  async run(files, options, io) {
    const profile = await profileOf(options, io);
    const reporting = await openReporters(chooseReporters(options, io.cwd), io, profile);
    const inputs: Array<{ file: string; report: TestReport }> = [];
    for (const file of files) {
      try {
        inputs.push({ file, report: await readReport(path.resolve(io.cwd, file)) });
      } catch (error) {
        if (error instanceof ReportFormatError) throw new ConfigError(error.message.replace(path.resolve(io.cwd, file), file));
        throw error;
      }
    }
    const { report, warnings } = mergeReports(inputs, profile.languages.map((language) => language.id));
    for (const warning of warnings) io.stderr.write(`doc-harness: merge: ${warning}\n`);
    await reporting.finish(report);
    return report.summary.incomplete ? Math.max(1, reportExitCode(report.summary)) : reportExitCode(report.summary);
  },
};
