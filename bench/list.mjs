#!/usr/bin/env node
// How long `doc-harness list` takes on the whole corpus, in-process: reading, parsing, building
// the model and printing its JSON (to a sink). No process is spawned; module loading is reported
// apart. The target: well under a second of list's own work.
//
//   npx tsc -p . && node bench/list.mjs [path] [--runs N]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 5 : Number(args.splice(runsAt, 2)[1]);
const target = args[0] ?? fileURLToPath(new URL('../../shared/corpus/seam-docs-2025-03', import.meta.url));
const entry = new URL('../dist/harness/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('bench/list: build first (npx tsc -p .)');
  process.exit(2);
}
if (!existsSync(target)) {
  console.error(`bench/list: ${target} not found`);
  process.exit(2);
}

let t = performance.now();
const { main } = await import(entry.href);
const loadMs = performance.now() - t;

let bytes = 0;
const io = {
  stdout: { write: (s) => (bytes += s.length), isTTY: false },
  stderr: process.stderr,
  cwd: process.cwd(),
  env: {},
};
const times = [];
let code = 0;
for (let i = 0; i <= runs; i++) {
  bytes = 0;
  t = performance.now();
  code = await main(['list', target, '--json'], io);
  times.push(performance.now() - t);
}
const [cold, ...warm] = times;
const sorted = [...warm].sort((a, b) => a - b);
const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : cold;
const ms = (n) => `${n.toFixed(0)} ms`;
console.log(`list ${target} --json  (exit ${code}, ${(bytes / 1024).toFixed(0)} KiB of JSON)`);
console.log(`  first run (cold JIT):  ${ms(cold)}`);
if (warm.length) console.log(`  warm runs (${warm.length}):        median ${ms(median)}, min ${ms(sorted[0])}, max ${ms(sorted.at(-1))}`);
console.log(`  module load (apart):   ${ms(loadMs)}`);
