// The one list of languages doc-harness can read and run. Adding a language is adding a folder
// under runners/ and a line in each table here.
import type { LanguageId, SampleReader } from '../harness/model.ts';
import type { Runner } from '../harness/run/types.ts';
import type { DisplayArtefact } from '../harness/values/artefacts.ts';
import { artefact as phpArtefact } from './php/artefacts.ts';
import { artefact as goArtefact } from './go/artefacts.ts';
import { artefact as seamCliArtefact } from './seam_cli/artefacts.ts';
import { reader as javascript } from './javascript/reader.ts';
import { reader as python } from './python/reader.ts';
import { reader as ruby } from './ruby/reader.ts';
import { reader as php } from './php/reader.ts';
import { reader as go } from './go/reader.ts';
import { reader as curl } from './curl/reader.ts';
import { reader as seamCli } from './seam_cli/reader.ts';

const readers: Record<LanguageId, SampleReader> = {
  javascript,
  python,
  ruby,
  php,
  go,
  curl,
  seam_cli: seamCli,
};

export function readerFor(language: LanguageId): SampleReader | undefined {
  return readers[language];
}

export const readableLanguages: readonly LanguageId[] = Object.keys(readers);

const artefacts: Record<LanguageId, DisplayArtefact> = { php: phpArtefact, go: goArtefact, seam_cli: seamCliArtefact };

/** The language's known display artefacts, if it has any. */
export function artefactFor(language: LanguageId): DisplayArtefact | undefined {
  return artefacts[language];
}

// Runners load on demand: reading and linting never pay for execa and the batch machinery.
const runners: Record<LanguageId, () => Promise<{ runner: Runner }>> = {
  javascript: () => import('./javascript/runner.ts'),
  seam_cli: () => import('./seam_cli/runner.ts'),
  curl: () => import('./curl/runner.ts'),
  ruby: () => import('./ruby/runner.ts'),
  php: () => import('./php/runner.ts'),
  python: () => import('./python/runner.ts'),
  go: () => import('./go/runner.ts'),
};

/** The language's runner, or undefined when doc-harness cannot run it yet. */
export async function loadRunner(language: LanguageId): Promise<Runner | undefined> {
  const load = runners[language];
  return load ? (await load()).runner : undefined;
}

export const runnableLanguages: readonly LanguageId[] = Object.keys(runners);
