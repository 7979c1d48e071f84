import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The Seam CLI's bin runs its command once, on import: `run(process.argv.slice(2)).catch(…)`.
 * Beside it, doc-harness writes the same module with that last statement turned into an export,
 * `export const runCli = (argv) => run(argv).catch(…)`, so a long-lived Node process can run one
 * command per sample with every module already loaded. Nothing else changes; a bin that does not
 * end that way gets no entry, and the CLI runs as a process per command.
 */
const CALL = /^run\(process\.argv\.slice\(2\)\)/m;
const EXPORTED = 'export const runCli = (argv) => run(argv)';

/** The entry's source, or undefined when the bin does not run its command the expected way. */
export function makeEntrySource(bin: string): string | undefined {
  const calls = bin.match(new RegExp(CALL.source, 'gm'))?.length ?? 0;
  return calls === 1 ? bin.replace(CALL, EXPORTED) : undefined;
}

export async function makeInProcessEntry(bin: string): Promise<{ ok: true; file: string } | { ok: false; reason: string }> {
  const file = join(dirname(bin), 'cli.doc-harness.js');
  const entry = makeEntrySource(await readFile(bin, 'utf8'));
  if (entry === undefined) return { ok: false, reason: 'its bin does not end with `run(process.argv.slice(2))`' };
  if (!existsSync(file) || (await readFile(file, 'utf8')) !== entry) {
    await writeFile(`${file}.tmp`, entry);
    await rename(`${file}.tmp`, file);
  }
  return { ok: true, file };
}
