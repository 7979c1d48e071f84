// Servers bind loopback only. A port someone else holds is not an error: take a free one and
// say so, because the caller prints the URL it got, not the one it asked for.
import type { Server } from 'node:net';

export const LOOPBACK = '127.0.0.1';

function listenOnce(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError).once('listening', onListening);
    server.listen(port, LOOPBACK);
  });
}

/** Listens on `port` (0: any); if it is taken, on a free one. `note` says when that happened. */
export async function listenLoopback(server: Server, port = 0): Promise<{ port: number; note?: string }> {
  try {
    await listenOnce(server, port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    await listenOnce(server, 0);
    const actual = (server.address() as { port: number }).port;
    return { port: actual, note: `port ${port} is in use; listening on ${actual} instead` };
  }
  return { port: (server.address() as { port: number }).port };
}
