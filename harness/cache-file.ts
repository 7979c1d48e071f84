// One file of a cache, written so that a reader never sees half of it (written beside, then
// renamed in) and so that a cache that cannot be written never fails the run that writes it: it
// only costs the next run the work again. Every cache (pages, compiled schemas, the API digest,
// results, remembered toolchains) writes through here.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `text` to `file` atomically; false when it could not (a read-only or full folder). */
export function writeCacheFile(file: string, text: string): boolean {
  const staging = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(staging, text);
    renameSync(staging, file);
    return true;
  } catch {
    return false;
  }
}

/** As writeCacheFile, without blocking the event loop (for writes made while samples run). */
export async function writeCacheFileAsync(file: string, text: string): Promise<boolean> {
  const staging = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(staging, text);
    await rename(staging, file);
    return true;
  } catch {
    return false;
  }
}
