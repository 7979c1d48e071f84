import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageId, Sample } from '../../../harness/model.ts';
import { projectFile } from '../../../harness/run/assets.ts';
import { createSandboxing, type Limits } from '../../../harness/run/sandbox/index.ts';
import type { RunJob, RunnerEnv, SampleRun } from '../../../harness/run/types.ts';
import { seamProfile } from '../../../profiles/seam/index.ts';
import { makeBlock } from '../block.ts';
import type { MockServer } from './mock-server.ts';

/** A job for `code` fenced at line `fenceLine` of `docs/example.md`, example `slug`. */
export function job(
  server: MockServer,
  language: LanguageId,
  slug: string,
  code: string,
  options: { fenceLine?: number; indent?: number; responseKey?: string | null } = {},
): RunJob {
  const request = makeBlock(code, options.fenceLine ?? 10, language, options.indent ?? 0);
  const exampleId = `docs/${slug}.md#1`;
  const sample: Sample = {
    id: `${exampleId}:${language}`,
    language,
    supported: true,
    title: language,
    request,
    response: makeBlock('', (options.fenceLine ?? 10) + 10, language),
    position: request.position,
  };
  return { sample, exampleId, baseUrl: server.baseUrl(slug), responseKey: options.responseKey };
}

/** The fake key the tests give clients (the profile's format: `seam_…`). */
export const FAKE_KEY = 'seam_testkey_docharness0000';

/**
 * Settings for a test run against `server`, in the real sandbox (bubblewrap) unless
 * `sandbox: 'none'` is asked for; the client cache is the project's own, so installs happen once.
 */
export async function testEnv(
  server: Pick<MockServer, 'port' | 'socket'>,
  overrides: Partial<Omit<RunnerEnv, 'sandbox'>> & { sandbox?: 'auto' | 'none'; limits?: Partial<Limits> } = {},
): Promise<RunnerEnv> {
  const { sandbox: mode = 'auto', limits, ...rest } = overrides;
  const workDir = rest.workDir ?? (await mkdtemp(join(tmpdir(), 'doc-harness-run-')));
  const sandbox = await createSandboxing({ mode, workDir, mock: { port: server.port, socket: server.socket }, limits });
  return {
    cacheDir: projectFile('.doc-harness', 'cache'),
    workDir,
    timeoutMs: 10_000,
    isolate: false,
    apiKey: FAKE_KEY,
    profile: seamProfile,
    workers: 1,
    sandbox,
    ...rest,
  };
}

export async function collect(results: AsyncIterable<SampleRun>): Promise<Map<string, SampleRun>> {
  const all = new Map<string, SampleRun>();
  for await (const result of results) {
    if (all.has(result.sampleId)) throw new Error(`two results for ${result.sampleId}`);
    all.set(result.sampleId, result);
  }
  return all;
}
