import type { ReadProblem, ReadResult } from '../../harness/model.ts';

/** The value a read gave; fails the test with the reader's message when it gave an error. */
export function readValue<T>(result: ReadResult<T>): T {
  if (!result.ok) throw new Error(`unexpected read error: ${result.error.message}`);
  return result.value;
}

/** The error a read gave; fails the test when it read. */
export function readError<T>(result: ReadResult<T>): ReadProblem {
  if (result.ok) throw new Error('expected a read error');
  return result.error;
}
