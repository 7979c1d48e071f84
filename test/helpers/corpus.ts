// The real Seam API reference (March 2025) lives beside the project, not in it. Tests that read
// it skip, with this reason, where it is absent (a fresh clone elsewhere).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared/corpus/seam-docs-2025-03` from the project root. */
export const corpusPath = resolve(projectRoot, '../shared/corpus/seam-docs-2025-03');

export const hasCorpus = existsSync(corpusPath);

/** For `describe.skipIf(!hasCorpus)` titles: says why the suite did not run. */
export const corpusSkipReason = `corpus not found at ${corpusPath}`;

/** A fixture file under test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return resolve(projectRoot, 'test/fixtures', ...parts);
}

/** A suite title that says why it was skipped when the corpus is absent. */
export function corpusTitle(title: string): string {
  return hasCorpus ? title : `${title} (skipped: ${corpusSkipReason})`;
}
