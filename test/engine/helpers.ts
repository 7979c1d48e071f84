// runTests() on the fixture pages in test/fixtures/engine/, with the project's own client cache
// (installs happen once) and an environment of its own, so that CI=true around the test run never
// turns a test into a lockdown run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests, type TestOptions, type TestRun } from '../../harness/engine/engine.ts';
import type { SampleResult } from '../../harness/engine/results.ts';
import { projectFile } from '../../harness/run/assets.ts';
import type { Profile } from '../../harness/profile.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { fixturePath, projectRoot } from '../helpers/corpus.ts';

/**
 * The Seam profile plus a language it does not have: Elixir, which the fixtures show in a tab and
 * for which doc-harness has no reader and no runner. Tests about "a language with no runner" use
 * it, so that they never depend on which real languages run.
 */
export const profileWithElixir: Profile = {
  ...seamProfile,
  name: 'seam-with-elixir',
  languages: [...seamProfile.languages, { id: 'elixir', label: 'Elixir', fences: ['elixir'], titles: ['elixir'] }],
};

/** A folder or page under test/fixtures/engine/. */
export function enginePath(...parts: string[]): string {
  return fixturePath('engine', ...parts);
}

/** The same, as the engine reports it: relative to the project root. */
export function shownPath(...parts: string[]): string {
  return join('test/fixtures/engine', ...parts);
}

export function runFixtures(paths: string[], options: Partial<TestOptions> = {}): Promise<TestRun> {
  return runTests({
    paths,
    cwd: projectRoot,
    env: {},
    profile: seamProfile,
    cacheDir: projectFile('.doc-harness', 'cache'),
    ...options,
  });
}

/** The one result of `language` in the example titled `title` (throws when there is not exactly one). */
export function resultOf(run: TestRun, title: string, language: string): SampleResult {
  const found = run.results.filter((r) => r.title === title && r.language === language);
  if (found.length !== 1) throw new Error(`expected one ${language} result for "${title}", found ${found.length}`);
  return found[0];
}

/** The lines of a fixture page, 1-based: `lines[n]` is line n. */
export function pageLines(...parts: string[]): string[] {
  return ['', ...readFileSync(enginePath(...parts), 'utf8').split('\n')];
}

/** The 1-based line of the only line of the page that contains `text`. */
export function lineWith(lines: readonly string[], text: string): number {
  const found = lines.flatMap((line, index) => (line.includes(text) ? [index] : []));
  if (found.length !== 1) throw new Error(`expected one line with ${JSON.stringify(text)}, found ${found.length}`);
  return found[0];
}
