// `doc-harness lint [paths…] [--json] [--rule id…]`: the defects a careful reader finds without
// running anything — tabs that disagree, shapes that contradict the page, snippets that would not
// run if copied. eslint/remark-lint style output.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { projectFile } from '../../run/assets.ts';
import { FileStore } from '../../values/schema/store.ts';
import { extract, extractionRules } from '../../extract/index.ts';
import { knownRuleIds, lintPages, withExtractionDoc } from '../../lint/lint.ts';
import { applyEdits, editKey, editsByFile } from '../../lint/fix.ts';
import type { Diagnostic } from '../../model.ts';
import type { Profile } from '../../profile.ts';
import { defaultProfile } from '../../../profiles/index.ts';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { colorsFor, wantsColor } from '../../report/colors.ts';
import { compareDiagnostics, countBySeverity, formatDiagnostics, formatSeverityCounts, hasErrors } from '../../report/diagnostics.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CliCommand } from './types.ts';
import { DEFAULT_DOCS } from './list.ts';

export const lintCommand: CliCommand = {
  name: 'lint',
  configure(command: Command) {
    addProfileOption(command)
      .argument('[paths...]', 'markdown files, folders (searched for *.md) or globs (default: the configuration\'s docs, else docs/)')
      .option('--json', 'print { findings, summary } as one JSON object')
      .option('--rule <id...>', 'only these rules (repeatable); see the list below')
      .option('--fix', 'apply the mechanical fixes (Python true/false/null, Ruby null, unquoted CLI JSON), then report what is left')
      .addHelpText(
        'after',
        `
Prints one line per finding (file:line:col  severity  message  rule) and a summary.
Extraction problems (malformed tabs, unreadable files) are findings too. With the profile's API
description (Seam's: @seamapi/types), documented requests and responses are checked against the
API's schema; compiled schemas are kept in $DOC_HARNESS_CACHE or .doc-harness/cache.
--fix edits the files in place, only where the fix is certain, and reports the findings left.

Rules: ${knownRuleIds().join(', ')}
Extraction rules: ${Object.keys(extractionRules).sort().join(', ')}

Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage error.

Examples:
  doc-harness lint
  doc-harness lint docs/devices/get.md --rule request-mismatch --rule response-mismatch
  doc-harness lint docs/ --fix`,
      );
  },
  async run(paths, options, io) {
    const rules = (options.rule as string[] | undefined) ?? [];
    return runLint(paths, { json: options.json === true, rules, fix: options.fix === true, profile: await profileOf(options, io) }, io);
  },
};

export async function runLint(
  paths: string[],
  options: { json: boolean; rules: string[]; fix?: boolean; profile?: Profile },
  io: CliIo,
): Promise<number> {
  const known = allRuleIds();
  const unknown = options.rules.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`unknown rule ${unknown.join(', ')}; known rules: ${known.join(', ')}`);
  const profile = options.profile ?? defaultProfile;
  const started = performance.now();
  const inputs = paths.length ? paths : [DEFAULT_DOCS];
  // The API description loads while the pages are read; what is derived from it is kept in the cache.
  const cacheDir = path.resolve(io.cwd, io.env.DOC_HARNESS_CACHE ?? projectFile('.doc-harness', 'cache'));
  const loading = profile.loadApi?.({ cacheDir });
  const lint = async () => {
    const result = await extract(inputs, { cwd: io.cwd, profile, cacheDir });
    const wanted = (d: Diagnostic) => options.rules.length === 0 || options.rules.includes(d.rule);
    const findings = [
      ...result.diagnostics.filter(wanted).map(withExtractionDoc),
      ...lintPages(result.pages, { profile, api, only: options.rules }),
    ].sort(compareDiagnostics);
    return { result, findings };
  };
  const api = await loading;
  const store = api && new FileStore(path.join(cacheDir, 'schemas', `${profile.name}.json`));
  if (store) api.useStore(store);
  let { result, findings } = await lint();
  let fixed = 0;
  if (options.fix) {
    fixed = await applyFixes(findings, io);
    if (fixed > 0) ({ result, findings } = await lint());
  }
  store?.save();
  const summary = {
    files: result.files.length,
    examples: result.pages.reduce((n, page) => n + page.examples.length, 0),
    findings: findings.length,
    ...countBySeverity(findings),
    ...(options.fix ? { fixed } : {}),
    durationMs: Math.round(performance.now() - started),
  };
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ findings, summary }, null, 2)}\n`);
  } else {
    const c = colorsFor(wantsColor(io.stdout, io.env));
    const lines = formatDiagnostics(findings, c);
    const fixes = options.fix ? `; ${fixed} fix${fixed === 1 ? '' : 'es'} applied` : '';
    const tail = `${summary.files} file(s), ${summary.examples} example(s): ${formatSeverityCounts(countBySeverity(findings), c)}${fixes}`;
    io.stdout.write(`${[...lines, ...(lines.length ? [''] : []), tail].join('\n')}\n`);
  }
  return hasErrors(findings) ? 1 : 0;
}

/** Writes each file's fixes; the number of findings fixed (every edit of theirs applied). */
async function applyFixes(findings: readonly Diagnostic[], io: CliIo): Promise<number> {
  let fixed = 0;
  for (const [file, edits] of editsByFile(findings)) {
    const absolute = path.resolve(io.cwd, file);
    const result = applyEdits(await readFile(absolute, 'utf8'), edits);
    if (result.applied === 0) continue;
    await writeFile(absolute, result.text);
    fixed += findings.filter((f) => f.file === file && f.fix?.every((edit) => result.appliedKeys.has(editKey(edit)))).length;
  }
  return fixed;
}

/** Lint's rules and extraction's (tabs-reopened, file-empty, …): `--rule` may name any of them. */
function allRuleIds(): string[] {
  return [...knownRuleIds(), ...Object.keys(extractionRules)].sort();
}
