// `doc-harness record [paths…]`: makes the recordings the mock replays, in the mode `--mode` or
// DOC_HARNESS_MODE names (see harness/mock/mode.ts): derive them from the docs, record them from a
// live server through a proxy, check them (lockdown), or re-record and show the diff (update).
import path from 'node:path';
import type { Command } from 'commander';
import {
  cassetteFileFor,
  deriveRecordings,
  EXAMPLE_PREFIX,
  loadCassettes,
  MODES,
  pageOfExample,
  RECORDINGS_FOLDER,
  resolveMode,
  saveRecordings,
  startRecorder,
  type CassetteChange,
  type CassetteError,
  type Definition,
} from '../../mock/index.ts';
import type { Diagnostic, Page } from '../../model.ts';
import type { Profile } from '../../profile.ts';
import { defaultProfile } from '../../../profiles/index.ts';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { colorsFor, wantsColor, type Colors } from '../../report/colors.ts';
import { formatDiagnostics, hasErrors } from '../../report/diagnostics.ts';
import { UsageError, type CliIo } from '../io.ts';
import { DEFAULT_DOCS } from './list.ts';
import { docsAndRecordings, parsePatterns, parsePort, untilStopped } from './serve.ts';
import type { CliCommand } from './types.ts';

export const recordCommand: CliCommand = {
  name: 'record',
  configure(command: Command) {
    addProfileOption(command)
      .argument('[paths...]', 'markdown files, folders (searched for *.md) or globs (default: the configuration\'s docs, else docs/)')
      .option('--mode <mode>', `${MODES.join(' | ')} (default: DOC_HARNESS_MODE, else record with --target, else derive)`)
      .option('--target <url>', 'a live server to record through a proxy (the API with a sandbox key, or a local fake)')
      .option('--recordings <dir>', `the recordings folder (default: ${RECORDINGS_FOLDER}/ in the docs' root folder)`)
      .option('--port <n>', 'the recording proxy\'s port (default: any free port)')
      .option('--secret-pattern <regex...>', 'more patterns of secret values to scrub from what is written')
      .addHelpText(
        'after',
        `
Modes:
  derive    write a recording for every example that has none, built from the docs: the tabs' call
            (JavaScript's when tabs disagree, which is reported) answered with the documented value
  record    proxy to --target; each request a client sends through it is recorded for the example
            its URL names (http://127.0.0.1:PORT${EXAMPLE_PREFIX}<slug>); Ctrl-C writes the cassettes
  lockdown  write nothing: check that every example has a recording and every cassette loads
  update    re-record every example (from the docs, or from --target) and print the diff per cassette

One cassette per page: __recordings__/devices/get.json for devices/get.md. Request headers are never
written; values matching a secret pattern become <SEAM_API_KEY>.

Exit status: 0 done, 1 when an example has no recording or a cassette does not load, 2 on a usage error.`,
      );
  },
  async run(paths, options, io) {
    return runRecord(paths, options, io, undefined, await profileOf(options, io));
  },
};

export async function runRecord(
  paths: string[],
  options: Record<string, unknown>,
  io: CliIo,
  stopped?: Promise<void>,
  profile: Profile = defaultProfile,
): Promise<number> {
  const target = options.target as string | undefined;
  let mode;
  try {
    mode = resolveMode(options.mode as string | undefined, io.env, target);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (target !== undefined && !/^https?:\/\//.test(target)) throw new UsageError(`--target: expected an http(s) URL, got "${target}"`);
  const port = parsePort(options.port);
  const secretPatterns = parsePatterns(options.secretPattern);
  const c = colorsFor(wantsColor(io.stdout, io.env));
  const { extracted, dir } = await docsAndRecordings(paths, options.recordings, io, profile);
  const where = path.relative(io.cwd, dir) || '.';
  const extractErrors = extracted.diagnostics.filter((d) => d.severity === 'error');

  if (mode === 'lockdown') return checkRecordings(extracted.pages, dir, where, io, c);

  if (target !== undefined && (mode === 'record' || mode === 'update')) {
    const recorder = await startRecorder({
      profile,
      target,
      port,
      secretPatterns,
      onRequest: (line) =>
        io.stderr.write(`${line.status} ${line.method} ${line.path} ${c.dim(`[${line.exampleId ?? 'no example'}]`)}${line.recorded ? '' : c.dim(' (already recorded)')}\n`),
    });
    if (recorder.note) io.stderr.write(`${recorder.note}\n`);
    io.stdout.write(`${recorder.url}\n`);
    io.stderr.write(`recording ${target}; point a client for example E at ${recorder.url}${EXAMPLE_PREFIX}<slug of E>. Ctrl-C writes the cassettes.\n`);
    await (stopped ?? untilStopped());
    await recorder.close();
    const { changes, errors } = await saveRecordings(dir, recorder.recorded(), 'replace');
    return finish({ changes, errors, diagnostics: [], mode, where, io, c });
  }

  const derived = await deriveRecordings(extracted.pages, profile);
  const known = mode === 'update' ? new Set(extracted.pages.flatMap((page) => page.examples.map((example) => example.id))) : undefined;
  const { changes, errors } = await saveRecordings(dir, derived.recordings, mode === 'update' ? 'replace' : 'add', known);
  const status = finish({ changes, errors, diagnostics: [...extractErrors, ...derived.diagnostics], mode, where, io, c });
  io.stdout.write(`${derived.recordings.size} example(s) derived, ${derived.skipped.length} without a recording\n`);
  return status;
}

function finish(o: {
  changes: CassetteChange[];
  errors: CassetteError[];
  diagnostics: Diagnostic[];
  mode: string;
  where: string;
  io: CliIo;
  c: Colors;
}): number {
  const { changes, errors, diagnostics, io, c } = o;
  const lines = formatDiagnostics(diagnostics, c);
  if (lines.length) io.stdout.write(`${lines.join('\n')}\n\n`);
  for (const error of errors) io.stdout.write(`${c.red('error')} ${error.message}\n`);
  const changed = changes.filter((change) => change.patch !== '');
  if (o.mode === 'update') {
    for (const change of changed) io.stdout.write(colorPatch(change.patch, c));
  }
  const created = changed.filter((change) => change.before === null).length;
  io.stdout.write(
    `${o.where}: ${created} cassette(s) created, ${changed.length - created} updated, ${changes.length - changed.length} unchanged\n`,
  );
  return hasErrors(diagnostics) || errors.length > 0 ? 1 : 0;
}

function colorPatch(patch: string, c: Colors): string {
  return patch
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? c.green(line) : line.startsWith('-') && !line.startsWith('---') ? c.red(line) : line))
    .join('\n');
}

/** Lockdown: nothing written, nothing fetched; every example must have a recording, every cassette must load. */
async function checkRecordings(pages: readonly Page[], dir: string, where: string, io: CliIo, c: Colors): Promise<number> {
  const files = [...new Set(pages.filter((p) => p.examples.length > 0).map((p) => cassetteFileFor(pageOfExample(p.examples[0].id))))];
  const loaded = await loadCassettes(dir, files);
  const recorded = new Set(loaded.definitions.map((d: Definition) => d.example));
  const diagnostics: Diagnostic[] = [];
  for (const page of pages) {
    for (const example of page.examples) {
      if (recorded.has(example.id)) continue;
      diagnostics.push({
        file: example.file,
        line: example.line,
        column: example.column,
        severity: 'error',
        rule: 'record-missing',
        message: `${example.id} has no recording in ${path.join(where, cassetteFileFor(pageOfExample(example.id)))}`,
      });
    }
  }
  const lines = formatDiagnostics(diagnostics, c);
  if (lines.length) io.stdout.write(`${lines.join('\n')}\n\n`);
  for (const error of loaded.errors) io.stdout.write(`${c.red('error')} ${error.message}\n`);
  const examples = pages.reduce((n, page) => n + page.examples.length, 0);
  io.stdout.write(`${where}: ${examples - diagnostics.length} of ${examples} example(s) recorded\n`);
  return diagnostics.length > 0 || loaded.errors.length > 0 ? 1 : 0;
}
