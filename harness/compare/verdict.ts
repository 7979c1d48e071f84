import type { ReadResult, Value } from '../model.ts';
import type { RunError, SampleRun } from '../run/types.ts';
import { formatDifference } from './format.ts';
import { compareValues } from './values.ts';

export type VerdictStatus = 'pass' | 'fail' | 'error' | 'skip';

export interface Verdict {
  status: VerdictStatus;
  /** One line: why it failed, errored or was skipped; for a pass, what was allowed. */
  reason: string;
  /** For a fail: one line per difference (`$.status: documented "pending", returned "success"`). */
  differences?: string[];
  error?: RunError;
}

export interface JudgeOptions {
  strict?: boolean;
}

/**
 * The verdict on one sample: it errored (did not run, an unmatched request, a timeout), or its
 * returned value is compared with the response its tab documents.
 */
export function judge(documented: ReadResult<Value> | null, run: SampleRun, options: JudgeOptions = {}): Verdict {
  if (!run.outcome.ok) {
    const { error } = run.outcome;
    return { status: 'error', reason: `${error.kind}: ${error.message}`, error };
  }
  if (!documented) return { status: 'error', reason: 'no reader for the documented response' };
  if (!documented.ok) {
    const { error } = documented;
    return { status: 'error', reason: `documented response does not read (${error.line}:${error.column}): ${error.message}` };
  }
  const returned = run.outcome.value;
  const differences: string[] = [];
  const expected = documented.value;
  // A shown HTTP body names its wrapping key (cURL); the key is part of what is documented.
  if (expected.kind === 'json' && returned.kind === 'json' && expected.key && returned.key && expected.key !== returned.key) {
    differences.push(`$: documented wrapped in "${expected.key}", returned wrapped in "${returned.key}"`);
  }
  const comparison = compareValues(expected, returned, { strict: options.strict });
  differences.push(...comparison.differences.map(formatDifference));
  if (differences.length > 0) {
    return {
      status: 'fail',
      reason: differences.length === 1 ? differences[0] : `${differences[0]} (and ${differences.length - 1} more)`,
      differences,
    };
  }
  const allowance = comparison.emptyExtras > 0 ? `; ${comparison.emptyExtras} undocumented field(s) returned null or empty` : '';
  return { status: 'pass', reason: `matches the documented response${allowance}` };
}
