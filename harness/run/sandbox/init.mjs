// The first program in a sandbox (see bwrap.ts): it makes the replay mock reachable at the same
// 127.0.0.1:PORT address as outside, then runs the sandboxed command and ends with it.
//
//   node init.mjs --relay PORT=SOCKET [--relay …] -- program args…
//
// The sandbox has its own network namespace, where nothing outside is reachable, not even the
// host's loopback. The mock's Unix socket is bound into the sandbox, and this relay listens on
// the namespace's own loopback and pipes each connection to that socket: the mock is the only
// service a snippet can reach, whatever address it dials. Plain JavaScript: it runs on the same
// Node as doc-harness, before anything else in the box, and never loads a snippet.
import { spawn } from 'node:child_process';
import { fstatSync } from 'node:fs';
import net from 'node:net';
import { constants } from 'node:os';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
if (split === -1 || split === argv.length - 1) fail('usage: init.mjs [--relay PORT=SOCKET]… -- program args…');
const relays = [];
for (let i = 0; i < split; i += 2) {
  const match = argv[i] === '--relay' ? /^(\d+)=(.+)$/.exec(argv[i + 1] ?? '') : null;
  if (!match) fail(`init.mjs: cannot read ${argv.slice(i, i + 2).join(' ')}`);
  relays.push({ port: Number(match[1]), socket: match[2] });
}
const [program, ...args] = argv.slice(split + 1);

await Promise.all(relays.flatMap((relay) => [listen(relay, '127.0.0.1', true), listen(relay, '::1', false)]));

// The command gets our stdin, stdout, stderr and, when the harness opened one, the fd-3 channel.
const stdio = [0, 1, 2];
if (isOpen(3)) stdio.push(3);
const child = spawn(program, args, { stdio });
child.on('error', (error) => fail(`init.mjs: cannot start ${program}: ${error.message}`));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  // bwrap reports a command killed by a signal as 128 + its number, as a shell does.
  if (signal) process.exit(128 + (constants.signals[signal] ?? 9));
  process.exit(code ?? 1);
});

function listen({ port, socket }, host, required) {
  return new Promise((resolve) => {
    const server = net.createServer((client) => {
      const upstream = net.connect(socket);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end);
      upstream.on('error', end);
    });
    server.on('error', (error) => (required ? fail(`init.mjs: cannot relay ${host}:${port}: ${error.message}`) : resolve()));
    server.listen({ port, host }, resolve);
    server.unref();
  });
}

function isOpen(fd) {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}


function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(125);
}
