// The line protocol between doc-harness and a warm child (an interpreter running a driver script,
// or a compiled batch binary). It runs on file descriptor 3, a socket the harness opens for the
// child, so that whatever a snippet prints on stdout or stderr cannot corrupt it. One JSON value
// per line, UTF-8, in both directions:
//
//   child   → harness  {"type":"ready"}                          once, when it can take jobs
//   harness → child    {"id":"7","job":{…}}                      one job at a time
//   child   → harness  {"type":"result","id":"7","payload":{…}}  the answer to job 7
//   child   → harness  {"type":"fatal","message":"…"}            it cannot run anything (before ready)
//
// `job` and `payload` belong to the runner: the harness only carries them. A result may add
// `"recycle":true` when the child must not be reused (a snippet left work running, e.g. after a
// refused network call); the harness then closes it and starts a fresh one for the next job.
// When fd 3 reaches end of file the child exits. The harness kills a child that does not answer
// within the per-sample timeout, and records a child that exits mid-job as that job's crash.

/** The error `type` the mock answers an unrecorded request with (its JSON error body). */
export const UNMATCHED_ERROR_TYPE = 'doc_harness_unmatched_request';

export interface JobMessage {
  id: string;
  job: unknown;
}

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'result'; id: string; payload: unknown; recycle?: boolean }
  | { type: 'fatal'; message: string };

/** Reads one line from a child; null when it is not a protocol message. */
export function parseChildMessage(line: string): ChildMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready') return { type: 'ready' };
  if (message.type === 'fatal') return { type: 'fatal', message: String(message.message ?? 'the child failed to start') };
  if (message.type === 'result' && typeof message.id === 'string') {
    return { type: 'result', id: message.id, payload: message.payload, recycle: message.recycle === true };
  }
  return null;
}
