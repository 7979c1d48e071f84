// `doc-harness serve [paths…] [--recordings DIR] [--port N]`: the replay server in the foreground,
// for pointing any client at the recordings by hand. Ctrl-C stops it.
import path from 'node:path';
import type { Command } from 'commander';
import { extract, type ExtractResult } from '../../extract/index.ts';
import { EXAMPLE_PREFIX, findDocsRoot, RECORDINGS_FOLDER, startReplayServer, type RequestLogEntry } from '../../mock/index.ts';
import type { Profile } from '../../profile.ts';
import { defaultProfile } from '../../../profiles/index.ts';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { colorsFor, wantsColor } from '../../report/colors.ts';
import { UsageError, type CliIo } from '../io.ts';
import { DEFAULT_DOCS } from './list.ts';
import type { CliCommand } from './types.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  configure(command: Command) {
    addProfileOption(command)
      .argument('[paths...]', 'the docs whose recordings to serve (their folder holds __recordings__/; default: the configuration\'s docs, else docs/)')
      .option('--recordings <dir>', `the recordings folder (default: ${RECORDINGS_FOLDER}/ in the docs' root folder)`)
      .option('--port <n>', 'the port to listen on (default: any free port; a taken port is replaced by a free one)')
      .option('--lockdown', 'turn the network off for the server process, as CI runs do')
      .option('--secret-pattern <regex...>', 'more patterns of secret values to scrub from requests before matching')
      .addHelpText(
        'after',
        `
Listens on 127.0.0.1 and answers from every cassette in the recordings folder. A client pointed at
  http://127.0.0.1:PORT${EXAMPLE_PREFIX}<example slug>   (e.g. ${EXAMPLE_PREFIX}devices~get.md@1 for devices/get.md#1)
is answered only from that example's recordings; one pointed at the bare URL, from any recording.
A request nothing answers gets a 404 whose error.message says what differs from the closest recording.

Examples:
  doc-harness serve docs/
  doc-harness serve --recordings docs/__recordings__ --port 4010`,
      );
  },
  async run(paths, options, io) {
    return runServe(paths, options, io, undefined, await profileOf(options, io));
  },
};

export function parsePort(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number (0-65535), got "${value}"`);
  return port;
}

export function parsePatterns(value: unknown): RegExp[] {
  return ((value as string[] | undefined) ?? []).map((source) => {
    try {
      return new RegExp(source, 'g');
    } catch (error) {
      throw new UsageError(`--secret-pattern: ${(error as Error).message}`);
    }
  });
}

/**
 * The docs named, and the recordings folder: `--recordings`, else `__recordings__` in the docs'
 * root folder. Naming no docs that exist is a usage error unless `--recordings` says where to look.
 */
export async function docsAndRecordings(
  paths: string[],
  recordings: unknown,
  io: CliIo,
  profile: Profile,
): Promise<{ extracted: ExtractResult; dir: string }> {
  const extracted = await extract(paths.length ? paths : [DEFAULT_DOCS], { cwd: io.cwd, profile, root: findDocsRoot });
  if (typeof recordings === 'string') return { extracted, dir: path.resolve(io.cwd, recordings) };
  if (extracted.files.length === 0) {
    const why = extracted.diagnostics.map((d) => `${d.file}: ${d.message}`).join('; ');
    throw new UsageError(`no docs to find the recordings by (${why || 'no markdown files'}); name the docs, or give --recordings DIR`);
  }
  return { extracted, dir: path.join(extracted.root, RECORDINGS_FOLDER) };
}

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop).once('SIGTERM', stop);
  });
}

export async function runServe(
  paths: string[],
  options: Record<string, unknown>,
  io: CliIo,
  stopped: Promise<void> = untilStopped(),
  profile: Profile = defaultProfile,
): Promise<number> {
  const port = parsePort(options.port);
  const secretPatterns = parsePatterns(options.secretPattern);
  const { dir } = await docsAndRecordings(paths, options.recordings, io, profile);
  const c = colorsFor(wantsColor(io.stderr, io.env));
  const show = (entry: RequestLogEntry) => {
    const who = entry.exampleId ?? 'any example';
    const status = entry.matched ? c.green(String(entry.status)) : c.red(String(entry.status));
    const why = entry.miss?.message ?? entry.error;
    io.stderr.write(`${status} ${entry.method} ${entry.path ?? entry.url} ${c.dim(`[${who}]`)}${why ? `  ${why}` : ''}\n`);
  };
  const server = await startReplayServer({ profile, recordings: dir, port, lockdown: options.lockdown === true, secretPatterns, onRequest: show });
  for (const error of server.errors) io.stderr.write(`${c.yellow('warning')} ${error.message}\n`);
  if (server.note) io.stderr.write(`${server.note}\n`);
  const where = path.relative(io.cwd, dir) || '.';
  io.stdout.write(`${server.url}\n`);
  io.stderr.write(`serving ${server.recordingCount} recording(s) from ${where}; per example: ${server.url}${EXAMPLE_PREFIX}<slug>. Ctrl-C stops.\n`);
  await stopped;
  await server.close();
  return 0;
}
