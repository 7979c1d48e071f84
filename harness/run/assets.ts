import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
