// The child side of the fd-3 line protocol (harness/run/protocol.ts) for drivers written for Node
// (JavaScript, and the Seam CLI, a Node program). A driver calls `serve(handle)` once it has loaded
// its client; `handle(job)` returns `{ payload, recycle? }` for each job, one at a time.
import net from 'node:net';
import readline from 'node:readline';

// Kept before a driver replaces process.exit for its snippets.
const exit = process.exit.bind(process);
const channel = new net.Socket({ fd: 3, readable: true, writable: true });
channel.on('error', () => exit(70));

export function send(message) {
  channel.write(`${JSON.stringify(message)}\n`);
}

/** Reports that the driver cannot run anything (its client failed to load) and exits. */
export function fatal(message) {
  channel.end(`${JSON.stringify({ type: 'fatal', message })}\n`, () => exit(1));
}

export function serve(handle) {
  const lines = readline.createInterface({ input: channel });
  const jobs = [];
  let busy = false;
  const pump = async () => {
    if (busy) return;
    busy = true;
    while (jobs.length > 0) {
      const { id, job } = jobs.shift();
      const { payload, recycle = false } = await handle(job);
      const line = `${JSON.stringify({ type: 'result', id, payload, recycle })}\n`;
      if (recycle) {
        // The snippet may have left work running: answer, then leave.
        channel.end(line, () => exit(0));
        return;
      }
      channel.write(line);
    }
    busy = false;
  };
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    jobs.push(JSON.parse(line));
    void pump();
  });
  lines.on('close', () => {
    const leave = () => (busy ? setTimeout(leave, 10) : exit(0));
    leave();
  });
  send({ type: 'ready' });
}
