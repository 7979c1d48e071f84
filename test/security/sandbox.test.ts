// Red-team tests of the sandbox itself: a process started the way every runner starts its
// children (`sandbox.start`) tries each attack class directly, with a shell. Every test asserts
// that the canary (a secret, a file, a port, a process) was NOT reached, and, where the attack could
// silently fail for another reason, a positive control shows the same attack works outside the box.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type ProcessResult } from '../../harness/run/exec.ts';
import { createSandboxing, sandboxAvailable, type Sandboxing } from '../../harness/run/sandbox/index.ts';
import { seamRoutes, startMockServer, type MockServer } from '../helpers/run/mock-server.ts';

const available = await sandboxAvailable();
const SECRET = `canary-${Math.random().toString(36).slice(2)}`;

describe.skipIf(!available.ok)(`the sandbox${available.ok ? '' : ` (skipped: ${available.why})`}`, () => {
  let server: MockServer;
  let sandbox: Sandboxing;
  let work: string;
  let homeCanary: string;
  let projectCanary: string;
  let listener: net.Server;
  let connections = 0;
  let canaryPort = 0;

  beforeAll(async () => {
    server = await startMockServer(seamRoutes);
    work = await mkdtemp(path.join(os.tmpdir(), 'doc-harness-security-'));
    sandbox = await createSandboxing({ mode: 'auto', workDir: work, mock: { port: server.port, socket: server.socket } });
    // A secret in the environment of doc-harness, a key file in the real HOME, one in the project.
    process.env.DOC_HARNESS_CANARY_SECRET = SECRET;
    homeCanary = path.join(os.homedir(), `.doc-harness-canary-${process.pid}`);
    await writeFile(homeCanary, `${SECRET}\n`);
    await chmod(homeCanary, 0o600);
    projectCanary = path.join(process.cwd(), `.env-canary-${process.pid}`);
    await writeFile(projectCanary, `${SECRET}\n`);
    // A service on the host's loopback that no snippet may reach.
    listener = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '0.0.0.0', resolve));
    canaryPort = (listener.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    delete process.env.DOC_HARNESS_CANARY_SECRET;
    await rm(homeCanary, { force: true });
    await rm(projectCanary, { force: true });
    listener?.close();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  const sh = async (script: string, options: { timeoutMs?: number; outputBytes?: number; env?: Record<string, string> } = {}): Promise<ProcessResult> =>
    runProcess(await sandbox.start({ label: 'attack', file: '/bin/sh', args: ['-c', script], env: options.env }), {
      timeoutMs: options.timeoutMs ?? 10_000,
      outputBytes: options.outputBytes,
    });
  const shown = (result: ProcessResult) => `${result.stdout}\n${result.stderr}`;

  it('a secret in doc-harness’s environment is not in the box', async () => {
    const result = await sh('env; cat /proc/1/environ 2>&1; cat /proc/*/environ 2>&1');
    expect(result.exitCode).not.toBeNull();
    expect(shown(result)).not.toContain(SECRET);
    // Control: the variable is set in the process that starts the box.
    expect(process.env.DOC_HARNESS_CANARY_SECRET).toBe(SECRET);
  });

  it('the real HOME and the project folder are not in the box', async () => {
    const result = await sh(`cat ${homeCanary}; cat ${projectCanary}; ls -la ${os.homedir()}; find / -name '*canary-${process.pid}' 2>/dev/null | xargs -r cat; echo done`, { timeoutMs: 30_000 });
    expect(result.stdout).toMatch(/done/);
    expect(shown(result)).not.toContain(SECRET);
    // Control: the same command without the sandbox reads both.
    const outside = await runProcess({ file: '/bin/sh', args: ['-c', `cat ${homeCanary} ${projectCanary}`], env: { PATH: '/usr/bin:/bin' }, cwd: work }, { timeoutMs: 5000 });
    expect(outside.stdout).toContain(SECRET);
  });

  it('files only root may read stay unreadable, even where the view shows them', async () => {
    const result = await sh('id -u; cat /etc/shadow 2>&1 | head -1');
    if (process.getuid?.() === 0) expect(result.stdout.split('\n')[0]).not.toBe('0');
    expect(result.stdout).not.toMatch(/^root:/m);
  });

  it('nothing outside its private /tmp can be written', async () => {
    const targets = [path.join(process.cwd(), `pwned-${process.pid}`), `/etc/pwned-${process.pid}`, `/usr/pwned-${process.pid}`, path.join(os.homedir(), `pwned-${process.pid}`)];
    const result = await sh(`${targets.map((t) => `echo pwned > ${t}`).join('; ')}; echo inside > /tmp/ok && cat /tmp/ok`);
    expect(result.stdout).toContain('inside');
    for (const target of targets) expect(existsSync(target), target).toBe(false);
  });

  it('reaches the mock, and nothing else: not the host’s loopback, not its other addresses, not the internet', async () => {
    const hostAddresses = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4')
      .map((a) => a.address);
    const mock = await sh(`curl -sS http://127.0.0.1:${server.port}/__example/sec/devices/get -H 'content-type: application/json' -d '{"device_id":"d-1"}'`);
    expect(mock.stdout).toContain('"device_id":"d-1"');
    const attempts = [...hostAddresses, '203.0.113.7'].map((ip) => `curl -sS -m 3 http://${ip}:${canaryPort}/ 2>&1`);
    const result = await sh([...attempts, 'curl -sS -m 3 https://connect.getseam.com/ 2>&1', 'echo done'].join('; '));
    expect(result.stdout).toContain('done');
    expect(connections).toBe(0);
    // Control: from outside, the canary service answers.
    await new Promise<void>((resolve) => net.connect(canaryPort, '127.0.0.1').on('close', () => resolve()).on('error', () => resolve()));
    expect(connections).toBe(1);
    connections = 0;
  });

  it('has its own PID namespace: doc-harness and the machine’s processes are invisible and unreachable', async () => {
    const result = await sh(`ls /proc | grep -c '^[0-9]'; kill -9 ${process.pid} 2>&1; kill -9 -1 2>&1; echo alive`);
    expect(Number(result.stdout.split('\n')[0])).toBeLessThan(10);
    // doc-harness (this test process) is still here.
    expect(() => process.kill(process.pid, 0)).not.toThrow();
  });

  it('a fork bomb is bounded by the process limit and ends with its box', async () => {
    const result = await sh('bomb() { bomb | bomb & }; bomb; sleep 2; echo survived', { timeoutMs: 15_000 });
    expect(result.exitCode !== null || result.signal !== null || result.timedOut).toBe(true);
    // Nothing of it is left on the machine.
    const left = await runProcess({ file: '/bin/sh', args: ['-c', 'ps -eo args | grep -c "^/bin/sh -c bomb" || true'], env: { PATH: '/usr/bin:/bin' }, cwd: work }, { timeoutMs: 5000 });
    expect(Number(left.stdout.trim())).toBe(0);
  });

  it('memory past the limit is refused', async () => {
    const small = await createSandboxing({ mode: 'auto', workDir: work, limits: { memoryBytes: 128 * 1024 * 1024 } });
    const spec = await small.start({ label: 'memory', file: 'python3', args: ['-c', 'x = bytearray(512 * 1024 * 1024); print("allocated")'], read: [pythonPrefix()] });
    const result = await runProcess(spec, { timeoutMs: 20_000 });
    expect(result.stdout).not.toContain('allocated');
    expect(shown(result)).toMatch(/MemoryError|memory limit/);
  });

  it('memory that forked processes share is charged once, not once per process', async () => {
    // 100 MB touched, then four forks that hold it: 500 MB of resident sets, about 100 MB in
    // fact. The box's limit (256 MiB) lies between: a watch summing resident sets would stop it.
    const limit = 256 * 1024 * 1024;
    const boxed = await createSandboxing({ mode: 'auto', workDir: work, limits: { memoryBytes: limit } });
    const script = [
      'import os, re, time',
      'x = bytearray(100 * 1024 * 1024)',
      'for i in range(0, len(x), 4096): x[i] = 1',
      'kids = []',
      'for _ in range(4):',
      '    pid = os.fork()',
      '    if pid == 0:',
      '        time.sleep(1.5); os._exit(0)',
      '    kids.append(pid)',
      'time.sleep(0.5)',
      'rss = sum(int(re.search(r"^VmRSS:\\s+(\\d+)", open(f"/proc/{p}/status").read(), re.M).group(1)) for p in kids + [os.getpid()])',
      'print("resident sets", rss * 1024, flush=True)',
      'for pid in kids: os.waitpid(pid, 0)',
      'print("survived")',
    ].join('\n');
    const spec = await boxed.start({ label: 'shared-memory', file: 'python3', args: ['-c', script], read: [pythonPrefix()] });
    const result = await runProcess(spec, { timeoutMs: 20_000 });
    expect(shown(result)).not.toMatch(/memory limit/);
    expect(result.stdout).toContain('survived');
    // Control: the resident sets together were past the limit.
    expect(Number(/resident sets (\d+)/.exec(result.stdout)?.[1])).toBeGreaterThan(limit);
  });

  it('output past the limit is cut off, not buffered', async () => {
    const result = await sh('yes', { outputBytes: 1024 * 1024, timeoutMs: 20_000 });
    expect(result.outputExceeded).toBe(true);
    expect(result.stdout.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it('a file past the size limit, or a full /tmp, stops the writer', async () => {
    const small = await createSandboxing({ mode: 'auto', workDir: work, limits: { fileBytes: 1024 * 1024 } });
    const result = await runProcess(await small.start({ label: 'fsize', file: '/bin/sh', args: ['-c', 'head -c 10000000 /dev/zero > /tmp/big; stat -c %s /tmp/big'] }), { timeoutMs: 10_000 });
    expect(Number(result.stdout.trim())).toBeLessThanOrEqual(1024 * 1024);
  });

  it('dies with doc-harness: no process of a box outlives the process that started it', async () => {
    const marker = `sleep 4242${process.pid % 100}`;
    const spec = await sandbox.start({ label: 'orphan', file: '/bin/sh', args: ['-c', `${marker} & ${marker}`] });
    // A stand-in for doc-harness: a process that starts the box and is then killed outright.
    const parent = spawn(process.execPath, ['-e', `require('child_process').spawn(${JSON.stringify(spec.file)}, ${JSON.stringify(spec.args)}, { stdio: 'ignore', env: ${JSON.stringify(spec.env)} }); setInterval(() => {}, 1000)`], { stdio: 'ignore' });
    await waitFor(async () => (await count(marker)) >= 2);
    parent.kill('SIGKILL');
    await waitFor(async () => (await count(marker)) === 0);
    expect(await count(marker)).toBe(0);
  });
});

async function count(text: string): Promise<number> {
  let total = 0;
  for (const name of await import('node:fs/promises').then((fs) => fs.readdir('/proc'))) {
    if (!/^\d+$/.test(name)) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.replace(/\0/g, ' ').trim() === text) total++;
  }
  return total;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The installation of the python3 on PATH, which the box must be shown to run it. */
function pythonPrefix(): string {
  return execFileSync('python3', ['-c', 'import sys; print(sys.base_prefix)'], { encoding: 'utf8' }).trim() || '/usr';
}
