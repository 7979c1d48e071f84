// The result cache: a sample's verdict, kept under a key made of everything that verdict depends
// on, so that a run over docs that did not change answers from it instead of running the sample
// again. The key holds the sample (its request and documented response, as written and where
// they stand, since error messages and tracebacks name lines), its example's recording, the code
// that runs and judges it (the runner's folder and the harness's run, mock, compare, values and
// engine code), the client and toolchain that ran it, the profile, and the options a verdict
// depends on (--strict, the timeout, the sandbox and its limits). Anything else changing cannot
// change the verdict; anything here changing makes a new key, and the old entry is never read.
//
//   <cacheDir>/results/<key>.json    one judged SampleResult, without what the page gives anew
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LanguageId } from '../model.ts';
import type { Profile } from '../profile.ts';
import { writeCacheFileAsync } from '../cache-file.ts';
import { codeStamp, projectFile } from '../project.ts';
import type { Toolchain } from '../run/types.ts';
import { harnessVersion } from '../report/version.ts';
import type { SampleResult } from './results.ts';
import type { Selected } from './select.ts';

/** Raised when what a cache entry holds changes shape: every older entry is then a miss. */
const FORMAT = 1;

/** The harness code every verdict goes through, whatever the language. */
const HARNESS_CODE = ['run', 'mock', 'compare', 'values', 'engine'];

/** What a run's options contribute to every key. */
export interface CacheSettings {
  strict: boolean;
  timeoutMs: number;
  sandbox: string;
  limits: unknown;
  isolate: boolean;
  apiKey: string;
}

/** Fields a hit takes from the page as it is now, not from the entry. */
type Fresh = 'file' | 'line' | 'column' | 'exampleLine' | 'exampleId' | 'endpoint' | 'title' | 'tab' | 'sampleId' | 'code' | 'documented' | 'expectation' | 'cached';
export type CachedResult = Omit<SampleResult, Fresh>;

export class ResultCache {
  readonly folder: string;
  private readonly base: string;
  private readonly writes: Promise<void>[] = [];

  constructor(cacheDir: string, profile: Profile, settings: CacheSettings) {
    this.folder = path.join(cacheDir, 'results');
    this.base = hash(JSON.stringify([FORMAT, harnessVersion(), process.versions.node, codeStamp(HARNESS_CODE.map((dir) => projectFile('harness', dir))), profileStamp(profile), settings]));
  }

  /**
   * The sample's key, given the client that would run it (`toolchain`) and its example's
   * recording (the definitions that answer it, as loaded).
   */
  key(entry: Selected, toolchain: Extract<Toolchain, { ready: true }>, recording: unknown): string {
    const { sample, example } = entry;
    return hash(
      JSON.stringify([
        this.base,
        runnerStamp(sample.language),
        [toolchain.client, toolchain.version, toolchain.notes ?? []],
        [sample.id, example.file, example.endpoint, sample.language],
        // Lines and columns, not offsets: an edit elsewhere that moves neither changes no message.
        [sample.request.code, sample.request.info, sample.request.codeStart.line, sample.request.codeStart.column, sample.request.indent],
        [sample.response.code, sample.response.info, sample.response.codeStart.line, sample.response.codeStart.column],
        recording,
      ]),
    );
  }

  async get(key: string): Promise<CachedResult | undefined> {
    try {
      return JSON.parse(await readFile(this.file(key), 'utf8')) as CachedResult;
    } catch {
      // Not there (or half-written by a run that was killed): a miss.
      return undefined;
    }
  }

  /**
   * Keeps a result the run judged, unless it says more about this machine at this moment than
   * about the docs: a timeout, doc-harness failing to run it, or the run stopped before it.
   */
  put(key: string, result: SampleResult): void {
    if (result.verdict === 'skip' || result.error?.kind === 'timeout' || result.error?.kind === 'harness' || result.cached) return;
    const { file, line, column, exampleLine, exampleId, endpoint, title, tab, sampleId, code, documented, expectation, cached, ...kept } = result;
    this.writes.push(this.write(key, kept));
  }

  /** Waits for the entries of this run to be written. */
  async flush(): Promise<void> {
    await Promise.all(this.writes.splice(0));
  }

  private async write(key: string, result: CachedResult): Promise<void> {
    await writeCacheFileAsync(this.file(key), JSON.stringify(result));
  }

  private file(key: string): string {
    return path.join(this.folder, `${key}.json`);
  }
}

/** A cached result as this run reports it: the page's own positions and names, marked cached. */
export function fromCache(cached: CachedResult, current: Omit<SampleResult, 'verdict' | 'reason'>): SampleResult {
  return { ...current, ...cached, cached: true };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A language's runner code: its folder, hashed once per process. */
function runnerStamp(language: LanguageId): string {
  return codeStamp([projectFile('runners', language)]);
}

/** What of the profile can change a verdict: its data, its clients, its key, its API and its data's release. */
function profileStamp(profile: Profile): unknown {
  const { name, languages, titleSuffixes, apiOrigin, fakeApiKey, secretPatterns, typeNames, secretPlaceholder, actionAttempts, clients } = profile;
  return [
    name,
    languages,
    titleSuffixes,
    apiOrigin,
    fakeApiKey,
    secretPatterns.map(String),
    typeNames,
    secretPlaceholder,
    actionAttempts,
    clients,
    profile.dataVersion?.(),
  ];
}
