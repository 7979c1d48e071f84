import type { LanguageId } from '../model.ts';
import type { Limits } from '../run/sandbox/index.ts';
import type { Profile } from '../profile.ts';
import type { Expectations } from './expectations.ts';
import type { SampleResult } from './results.ts';

export interface TestOptions {
  paths: string[];
  cwd: string;
  /** The environment the run reads (CI, DOC_HARNESS_MODE); never the snippets'. */
  env: Record<string, string | undefined>;
  profile: Profile;
  /** Only these languages (`--lang`); all when empty. */
  languages?: string[];
  /** Only examples whose `file:line endpoint title` matches (`--grep`). */
  grep?: RegExp;
  isolate?: boolean;
  strict?: boolean;
  timeoutMs?: number;
  /** Samples of one language run at once. */
  jobs?: number;
  /** The recordings folder; default `<docs root>/__recordings__`. */
  recordings?: string;
  /** `--sdk <language>=<version>`. */
  sdk?: Record<LanguageId, string>;
  /** `none` (`--no-sandbox`): run snippets without the OS sandbox. Never chosen by doc-harness itself. */
  sandbox?: 'auto' | 'none';
  /** The sandbox's limits, where they differ from the defaults. */
  limits?: Partial<Limits>;
  /** A language whose toolchain is missing is an error, not a skip. */
  requireAll?: boolean;
  cacheDir: string;
  /** Answer from the result cache where nothing a verdict depends on changed (`--no-cache`: false). Default true. */
  cache?: boolean;
  /** `--changed [ref]`: only the pages that differ from this git ref (all of a language whose client changed). */
  changed?: string;
  /** The known defects: expected failures are reported as such and do not fail the run. */
  expectations?: Expectations;
  /** `--strict-expectations`: an expected failure that passes now fails the run. */
  strictExpectations?: boolean;
  /** Ctrl-C or SIGTERM: the run stops starting samples, stops the running ones, and reports what it has. */
  signal?: AbortSignal;
  /** Called as each result is known, for reporters that stream. */
  onResult?: (result: SampleResult) => void;
}

/** Per-sample timeout when `--timeout` is not given. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** CI replays only: `CI=true` or `DOC_HARNESS_MODE=lockdown`. Nothing is derived, nothing installed. */
export function isLockdown(env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  return env.DOC_HARNESS_MODE === 'lockdown' || (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false');
}
