#!/usr/bin/env node
// Wall time of `doc-harness lint` on the whole corpus, as a user sees it: a fresh `node` process
// per run (start-up, module load, extraction, reading every snippet, every rule, printing).
// The target: under one second of wall time. Also reports peak RSS of the process.
//
//   npx tsc -p . && node bench/lint.mjs [path] [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 7 : Number(args.splice(runsAt, 2)[1]);
const target = args[0] ?? fileURLToPath(new URL('../../shared/corpus/seam-docs-2025-03', import.meta.url));
const bin = fileURLToPath(new URL('../bin/doc-harness.mjs', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/harness/cli/main.js', import.meta.url)))) {
  console.error('bench/lint: build first (npx tsc -p .)');
  process.exit(2);
}

// /usr/bin/time gives the child's peak RSS; without it, wall time alone.
const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M'] : [];
const walls = [];
const rss = [];
let summary = '';
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const [cmd, ...rest] = [...time, process.execPath, bin, 'lint', target];
  const ran = spawnSync(cmd, rest, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  walls.push(performance.now() - started);
  if (time.length) rss.push(Number(ran.stderr.trim().split('\n').at(-1)) / 1024);
  summary = ran.stdout.trimEnd().split('\n').at(-1);
}
const sorted = [...walls].sort((a, b) => a - b);
const ms = (n) => `${n.toFixed(0)} ms`;
console.log(`lint ${target}: ${summary}`);
console.log(`  wall time over ${runs} runs: median ${ms(sorted[Math.floor(runs / 2)])}, min ${ms(sorted[0])}, max ${ms(sorted.at(-1))}`);
if (rss.length) console.log(`  peak RSS: ${Math.max(...rss).toFixed(0)} MiB`);
