// Where doc-harness's own files are, and a stamp of their contents. Used by every layer (the
// extraction cache, the result cache, the runners' child scripts), so it imports none of them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The doc-harness package folder. Child scripts (`runners/<language>/driver.mjs`, the Node
 * preloads) are plain files that tsc does not copy into dist/, so they are found from the
 * package root whether this module runs from source (tests) or from dist (the CLI).
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'doc-harness') return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('doc-harness: cannot find its own package folder');
    dir = parent;
  }
}

/** A file of the doc-harness package, by its path from the package root. */
export function projectFile(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}

const stamps = new Map<string, string>();

/**
 * The contents of these folders or files (every file, by path and bytes), hashed once per
 * process: a cache keyed by it is never read by code that differs from the code that wrote it.
 */
export function codeStamp(folders: string[]): string {
  const id = folders.join('\0');
  let stamp = stamps.get(id);
  if (stamp === undefined) {
    const digest = createHash('sha256');
    for (const folder of folders) {
      for (const file of filesIn(folder)) digest.update(`${relative(folder, file)}\0`).update(readFileSync(file)).update('\0');
    }
    stamp = digest.digest('hex');
    stamps.set(id, stamp);
  }
  return stamp;
}

function filesIn(folder: string): string[] {
  let stat;
  try {
    stat = statSync(folder);
  } catch {
    return [];
  }
  if (stat.isFile()) return [folder];
  const names = readdirSync(folder, { recursive: true }) as string[];
  return names
    .sort()
    .map((name) => join(folder, name))
    .filter((file) => !file.includes(`${sep}node_modules${sep}`) && !file.includes('__pycache__') && statSync(file).isFile());
}
