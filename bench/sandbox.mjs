#!/usr/bin/env node
// What the sandbox costs per process start: `true`, and `node -e ''`, started directly, in a box
// without the relay (as curl runs), and in a box with the relay and memory watch (init.mjs, as
// every interpreter's driver runs). Median of N starts each, run one after another.
//
//   npm run build && node bench/sandbox.mjs [--times n]
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { createSandboxing, sandboxAvailable } = await load('harness/run/sandbox/index.js');
const { runProcess } = await load('harness/run/exec.js');
const { values } = parseArgs({ options: { times: { type: 'string', default: '20' } } });
const times = Math.max(3, Number(values.times) || 20);

const available = await sandboxAvailable();
if (!available.ok) {
  console.error(`bench/sandbox: no sandbox here: ${available.why}`);
  process.exit(2);
}
const work = await mkdtemp(join(tmpdir(), 'doc-harness-bench-sandbox-'));
try {
  // A socket the relay can point at; nothing connects to it.
  const socket = join(work, 'mock.sock');
  const listener = net.createServer((connection) => connection.destroy());
  await new Promise((resolve) => listener.listen(socket, resolve));
  listener.unref();
  const boxed = await createSandboxing({ mode: 'auto', workDir: work, mock: { port: 40999, socket } });
  const direct = await createSandboxing({ mode: 'none', workDir: work });
  const programs = [
    ['true', '/bin/true', []],
    ["node -e ''", process.execPath, ['-e', '']],
  ];
  console.log(`sandbox start-up cost, median of ${times} starts (bubblewrap ${available.version}, node ${process.versions.node})\n`);
  console.log(`${'program'.padEnd(12)} ${'direct'.padStart(9)} ${'box'.padStart(9)} ${'box+relay'.padStart(10)}`);
  for (const [name, file, args] of programs) {
    const cells = [];
    for (const [sandbox, relay] of [[direct, false], [boxed, false], [boxed, true]]) {
      const runs = [];
      for (let i = 0; i < times; i++) {
        const spec = await sandbox.start({ label: 'bench', file, args, relay });
        const started = performance.now();
        const result = await runProcess(spec, { timeoutMs: 30_000 });
        runs.push(performance.now() - started);
        if (result.exitCode !== 0) throw new Error(`${name} failed in the box: ${result.stderr}`);
      }
      runs.sort((a, b) => a - b);
      cells.push(`${runs[Math.floor(times / 2)].toFixed(1)} ms`);
    }
    console.log(`${name.padEnd(12)} ${cells[0].padStart(9)} ${cells[1].padStart(9)} ${cells[2].padStart(10)}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
