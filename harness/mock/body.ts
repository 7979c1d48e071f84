// A client that opens a request and never finishes its body must not hang a run: reading gives
// up after a deadline, and the caller answers with a timeout error.
import type { IncomingMessage } from 'node:http';

export class BodyTimeoutError extends Error {}
export class BodyTooLargeError extends Error {}

/** Doc examples send a few hundred bytes; anything near this is not an API call. */
const LIMIT_BYTES = 8 * 1024 * 1024;

export function readBody(request: IncomingMessage, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      reject(new BodyTimeoutError(`the request body did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMIT_BYTES) {
        cleanup();
        reject(new BodyTooLargeError(`the request body is over ${LIMIT_BYTES} bytes`));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', onError);
    };
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
