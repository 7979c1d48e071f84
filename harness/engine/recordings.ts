// The recordings a test run replays: the pages' cassettes, and — outside lockdown — recordings
// derived from the docs for the examples that have none (for this run only, said in the output;
// `doc-harness record` saves them). In lockdown (CI) a missing recording is the example's error.
import path from 'node:path';
import type { Diagnostic, Page } from '../model.ts';
import type { Profile } from '../profile.ts';
import { cassetteFileFor, pageOfExample, type CassetteError } from '../mock/cassette.ts';
import { loadCassettes } from '../mock/store.ts';
import type { SourcedDefinition } from '../mock/recordings.ts';

export interface RunRecordings {
  folder: string;
  definitions: SourcedDefinition[];
  /** Cassettes that did not load (the rest did). */
  errors: CassetteError[];
  loaded: Set<string>;
  derived: Set<string>;
  /** Example id → why it has no recording. */
  missing: Map<string, string>;
  /** What deriving said (tabs that disagree, a response recorded as documented). */
  diagnostics: Diagnostic[];
}

export const DERIVED_SOURCE = '(derived from the docs for this run)';

export async function recordingsFor(
  pages: readonly Page[],
  options: { folder: string; lockdown: boolean; profile: Profile; cwd: string; cacheDir?: string },
): Promise<RunRecordings> {
  const files = [...new Set(pages.flatMap((page) => page.examples.map((example) => cassetteFileFor(pageOfExample(example.id)))))];
  const cassettes = await loadCassettes(options.folder, files);
  const recorded = new Set(cassettes.definitions.map((definition) => definition.example).filter((id): id is string => !!id));
  const result: RunRecordings = {
    folder: options.folder,
    definitions: cassettes.definitions,
    errors: cassettes.errors,
    loaded: new Set(),
    derived: new Set(),
    missing: new Map(),
    diagnostics: [],
  };
  const unrecorded: Page[] = [];
  for (const page of pages) {
    const examples = page.examples.filter((example) => {
      if (recorded.has(example.id)) result.loaded.add(example.id);
      return !recorded.has(example.id);
    });
    if (examples.length > 0) unrecorded.push({ ...page, examples });
  }
  const where = path.relative(options.cwd, options.folder) || '.';
  if (options.lockdown) {
    for (const example of unrecorded.flatMap((page) => page.examples)) {
      const file = path.join(where, cassetteFileFor(pageOfExample(example.id)));
      result.missing.set(example.id, `no recording for ${example.id} in ${file} (lockdown: record it with \`doc-harness record\`)`);
    }
    return result;
  }
  if (unrecorded.length === 0) return result;
  // Deriving loads the profile's API description: only when an example needs it.
  const { deriveRecordings } = await import('../mock/derive.ts');
  const derived = await deriveRecordings(unrecorded, options.profile, options.cacheDir);
  result.diagnostics.push(...derived.diagnostics);
  for (const [exampleId, definitions] of derived.recordings) {
    result.derived.add(exampleId);
    result.definitions.push(...definitions.map((definition) => ({ ...definition, file: DERIVED_SOURCE })));
  }
  for (const exampleId of derived.skipped) {
    const why = derived.diagnostics.find((d) => d.severity === 'error' && d.message.startsWith(`${exampleId}:`));
    result.missing.set(exampleId, why ? why.message.slice(exampleId.length + 2) : `no recording could be derived for ${exampleId}`);
  }
  return result;
}
