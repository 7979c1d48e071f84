import { readFileSync } from 'node:fs';
import { projectFile } from '../run/assets.ts';

let cached: string | undefined;

/** doc-harness's own version, from its package.json (from the source or the compiled files alike). */
export function harnessVersion(): string {
  cached ??= (JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
