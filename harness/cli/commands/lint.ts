// `doc-harness lint [paths…] [--json] [--rule id…]`: the defects a careful reader finds without
// running anything — tabs that disagree, shapes that contradict the page, snippets that would not
// run if copied. eslint/remark-lint style output.
import type { Command } from 'commander';
import { extract, extractionRules } from '../../extract/index.ts';
import { knownRuleIds, lintPages, withExtractionDoc } from '../../lint/lint.ts';
import type { Diagnostic } from '../../model.ts';
import type { Profile } from '../../profile.ts';
import { seamProfile } from '../../../profiles/seam/index.ts';
import { colorsFor, wantsColor } from '../../report/colors.ts';
import { compareDiagnostics, countBySeverity, formatDiagnostics, formatSeverityCounts, hasErrors } from '../../report/diagnostics.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CliCommand } from './types.ts';
import { DEFAULT_DOCS } from './list.ts';

export const lintCommand: CliCommand = {
  name: 'lint',
  configure(command: Command) {
    command
      .argument('[paths...]', 'markdown files, folders (searched for *.md) or globs', [DEFAULT_DOCS])
      .option('--json', 'print { findings, summary } as one JSON object')
      .option('--rule <id...>', 'only these rules (repeatable); see the list below')
      .addHelpText(
        'after',
        `
Prints one line per finding (file:line:col  severity  message  rule) and a summary.
Extraction problems (malformed tabs, unreadable files) are findings too.

Rules: ${knownRuleIds().join(', ')}
Extraction rules: ${Object.keys(extractionRules).sort().join(', ')}

Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage error.

Examples:
  doc-harness lint
  doc-harness lint docs/devices/get.md --rule request-mismatch --rule response-mismatch`,
      );
  },
  async run(paths, options, io) {
    const rules = (options.rule as string[] | undefined) ?? [];
    return runLint(paths, { json: options.json === true, rules }, io);
  },
};

export async function runLint(
  paths: string[],
  options: { json: boolean; rules: string[]; profile?: Profile },
  io: CliIo,
): Promise<number> {
  const known = allRuleIds();
  const unknown = options.rules.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`unknown rule ${unknown.join(', ')}; known rules: ${known.join(', ')}`);
  const profile = options.profile ?? seamProfile;
  const started = performance.now();
  // The API description loads while the pages are read.
  const api = profile.loadApi?.();
  const result = await extract(paths.length ? paths : [DEFAULT_DOCS], { cwd: io.cwd, profile });
  const wanted = (d: Diagnostic) => options.rules.length === 0 || options.rules.includes(d.rule);
  const findings = [
    ...result.diagnostics.filter(wanted).map(withExtractionDoc),
    ...lintPages(result.pages, { profile, api: await api, only: options.rules }),
  ].sort(compareDiagnostics);
  const summary = {
    files: result.files.length,
    examples: result.pages.reduce((n, page) => n + page.examples.length, 0),
    findings: findings.length,
    ...countBySeverity(findings),
    durationMs: Math.round(performance.now() - started),
  };
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ findings, summary }, null, 2)}\n`);
  } else {
    const c = colorsFor(wantsColor(io.stdout, io.env));
    const lines = formatDiagnostics(findings, c);
    const tail = `${summary.files} file(s), ${summary.examples} example(s): ${formatSeverityCounts(countBySeverity(findings), c)}`;
    io.stdout.write(`${[...lines, ...(lines.length ? [''] : []), tail].join('\n')}\n`);
  }
  return hasErrors(findings) ? 1 : 0;
}

/** Lint's rules and extraction's (tabs-reopened, file-empty, …): `--rule` may name any of them. */
function allRuleIds(): string[] {
  return [...knownRuleIds(), ...Object.keys(extractionRules)].sort();
}
