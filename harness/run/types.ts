import type { LanguageId, Sample, Value } from '../model.ts';
import type { Profile } from '../profile.ts';
import type { Sandboxing } from './sandbox/index.ts';

/** One sample to execute: its request snippet, and the mock URL its client must talk to. */
export interface RunJob {
  sample: Sample;
  exampleId: string;
  /**
   * The base URL the client is pointed at. It already carries the example's id (the mock's
   * choice of transport), so every request the sample sends is attributed to its example.
   */
  baseUrl: string;
  /** The route's response key (`action_attempt`), null for void routes, undefined when unknown. */
  responseKey?: string | null;
}

/** Why a sample did not produce a value. */
export type RunErrorKind =
  | 'syntax' // the snippet does not parse in its language
  | 'compile' // it parses but does not build (Go)
  | 'runtime' // it threw, exited or printed an error
  | 'unmatched' // it sent a request the recordings do not hold (the mock's diff is the message)
  | 'timeout' // it did not finish in time and was killed
  | 'network' // it tried to reach a host other than the mock
  | 'limit' // it went past a sandbox limit (memory, CPU time, processes, output, file size)
  | 'harness'; // doc-harness itself failed to run it (a bug or a broken toolchain)

export interface RunError {
  kind: RunErrorKind;
  /** One line. */
  message: string;
  /** The markdown file position the error points to, when it can be mapped back. */
  line?: number;
  column?: number;
  /** Longer detail (stack, compiler output, the mock's miss report), shown on demand. */
  detail?: string;
}

/** What running one sample produced. */
export interface SampleRun {
  sampleId: string;
  durationMs: number;
  outcome: { ok: true; value: Value } | { ok: false; error: RunError };
  /** What the runner changed to run it, or the user should know (Go: an import it added). */
  notes?: string[];
}

/** Settings every runner receives for a run. */
export interface RunnerEnv {
  /** doc-harness's own cache (installed SDKs, built schemas); reused across runs. */
  cacheDir: string;
  /** A fresh temporary folder for this run; runners make their cwd and HOME inside it. */
  workDir: string;
  /** Per-sample timeout. */
  timeoutMs: number;
  /**
   * `--sdk <language>=<version|path>`: the client release to install and run, or a local build
   * (a path: a package file or a checkout); undefined = the runner's pinned default.
   */
  sdkVersion?: string;
  /** How every process of this run starts: the sandbox (see sandbox/index.ts). */
  sandbox: Sandboxing;
  /**
   * Never contact a registry (CI, lockdown): a client that is not installed already is an
   * error, not something to install now.
   */
  offline?: boolean;
  /** One process per sample: the slow, simple reference batching is measured against. */
  isolate: boolean;
  /** The fake API key clients are given. It matches the profile's key format and is never real. */
  apiKey: string;
  /**
   * The API's profile: each runner takes its client from `profile.clients` (the package, the
   * release to install by default, the variable snippets use, how the client reaches the mock).
   */
  profile: Profile;
  /** Ctrl-C or SIGTERM: take no more samples, stop the running ones. */
  signal?: AbortSignal;
  /** `--jobs`: how many samples of one language may run at once (warm children, processes). Default 1. */
  workers?: number;
  /**
   * The origin the docs' own requests name (the profile's `apiOrigin`). Runners that see URLs
   * (cURL) send it to the mock and refuse any other host.
   */
  apiOrigin?: string;
}

/** Whether a runner can run here, and with which client. */
export type Toolchain =
  /** `notes`: what the user should know about this client here (an engine warning, a patched schema). */
  | { ready: true; client: string; version: string; notes?: string[] }
  | { ready: false; reason: string };

/**
 * One language's executor. A batch runs in one warm process (or, for a compiled language, one
 * build); a sample that throws, exits or hangs is recorded and the batch resumes after it.
 */
export interface Runner {
  language: LanguageId;
  /** Finds the toolchain, installs the client into `env.cacheDir` on first use. */
  prepare(env: RunnerEnv): Promise<Toolchain>;
  /** Runs the jobs, yielding one result per job, in any order, each exactly once. */
  run(jobs: RunJob[], env: RunnerEnv): AsyncIterable<SampleRun>;
}
