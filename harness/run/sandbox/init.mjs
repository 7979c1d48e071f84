// The first program in a sandbox (see bwrap.ts): it makes the replay mock reachable at the same
// 127.0.0.1:PORT address as outside, then runs the sandboxed command and ends with it.
//
//   node init.mjs [--relay PORT=SOCKET]… [--memory BYTES] -- program args…
//
// The sandbox has its own network namespace, where nothing outside is reachable, not even the
// host's loopback. The mock's Unix socket is bound into the sandbox, and this relay listens on
// the namespace's own loopback and pipes each connection to that socket: the mock is the only
// service a snippet can reach, whatever address it dials.
//
// With --memory it also watches what the box's processes hold in memory (their proportional
// set sizes, read from this PID namespace's own /proc) and stops the box when they pass the
// limit. An address-space rlimit cannot do that for every runtime (V8 and Go reserve far more
// than they use); resident memory is what the machine actually gives. Proportional, not the sum
// of resident sets: a page that forked processes share is counted once, so a hundred forks of a
// 20 MB interpreter (a warm driver's children, a fork bomb's) are charged what they hold, not 2 GB.
//
// Plain JavaScript: it runs on the same Node as doc-harness, before anything else in the box, and
// never loads a snippet.
import { spawn } from 'node:child_process';
import { existsSync, fstatSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { constants } from 'node:os';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
if (split === -1 || split === argv.length - 1) fail('usage: init.mjs [--relay PORT=SOCKET]… -- program args…');
const relays = [];
let memoryLimit;
for (let i = 0; i < split; i += 2) {
  if (argv[i] === '--memory' && /^\d+$/.test(argv[i + 1] ?? '')) {
    memoryLimit = Number(argv[i + 1]);
    continue;
  }
  const match = argv[i] === '--relay' ? /^(\d+)=(.+)$/.exec(argv[i + 1] ?? '') : null;
  if (!match) fail(`init.mjs: cannot read ${argv.slice(i, i + 2).join(' ')}`);
  relays.push({ port: Number(match[1]), socket: match[2] });
}
const [program, ...args] = argv.slice(split + 1);

await Promise.all(relays.flatMap((relay) => [listen(relay, '127.0.0.1', true), listen(relay, '::1', false)]));

// The command gets our stdin and, when the harness opened one, the fd-3 channel. Its stdout and
// stderr are pipes of ours, copied to our own: once this process has served a connection, Node
// has made its own stdout and stderr non-blocking, and a command sharing them would see EAGAIN
// where a program expects a blocking write.
const stdio = [0, 'pipe', 'pipe'];
if (isOpen(3)) stdio.push(3);
const child = spawn(program, args, { stdio });
child.stdout.pipe(process.stdout);
child.stderr.pipe(process.stderr);
child.on('error', (error) => fail(`init.mjs: cannot start ${program}: ${error.message}`));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
if (memoryLimit) watchMemory(memoryLimit);
// 'close': the command has ended and everything it printed has been copied.
child.on('close', (code, signal) => {
  // bwrap reports a command killed by a signal as 128 + its number, as a shell does.
  const status = signal ? 128 + (constants.signals[signal] ?? 9) : (code ?? 1);
  process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
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

/** The box's resident memory, every 20 ms; past the limit, every process in it is stopped. */
function watchMemory(limit) {
  const timer = setInterval(() => {
    let resident = 0;
    for (const name of readdirSync('/proc')) {
      if (/^\d+$/.test(name)) resident += memoryOf(name);
    }
    if (resident <= limit) return;
    clearInterval(timer);
    process.stderr.write(`doc-harness: memory limit ${Math.round(limit / 1048576)} MiB exceeded (${Math.round(resident / 1048576)} MiB resident); stopped\n`);
    // Everything this user may signal in this PID namespace: the command and all it started.
    try {
      process.kill(-1, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    process.exit(137);
  }, 20);
  timer.unref();
}

const PAGE = 4096;
/** Cleared on a kernel without smaps_rollup (Linux before 4.14): resident sets are all there is. */
let proportional = true;

/**
 * A process's proportional set size in bytes; its resident set where that cannot be read (the
 * kernel lacks it, or the process is not ours to inspect: bwrap's own, or one that made itself
 * undumpable, which is then charged more, never less); 0 once it has ended.
 */
function memoryOf(pid) {
  if (proportional) {
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (pss) return Number(pss[1]) * 1024;
    } catch (error) {
      if (error.code === 'ENOENT') {
        if (!existsSync(`/proc/${pid}`)) return 0;
        proportional = false;
      }
    }
  }
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
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
