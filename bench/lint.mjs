#!/usr/bin/env node
// Wall time of `doc-harness lint` on the whole corpus, as a user sees it: a fresh `node` process
// per run (start-up, module load, extraction, reading every snippet, every rule, the schema
// checks against the API description, printing). The target: under one second of wall
// time, warm. The first run uses an empty cache of its own (it compiles the schema validators and
// keeps them, and each page's extraction: "cold"); the runs after it load them ("warm"). Also
// reports peak RSS, and checks that every warm run prints the cold run's findings (exit 1 if not,
// or if the median warm run misses the target).
//
//   npx tsc -p . && node bench/lint.mjs [path] [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
const TARGET_MS = 1000;
const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M'] : [];
const cache = mkdtempSync(join(tmpdir(), 'doc-harness-bench-lint-'));
let summary = '';
function lint() {
  const started = performance.now();
  const [cmd, ...rest] = [...time, process.execPath, bin, 'lint', target];
  const ran = spawnSync(cmd, rest, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DOC_HARNESS_CACHE: cache } });
  summary = ran.stdout.trimEnd().split('\n').at(-1);
  return { findings: ran.stdout, wall: performance.now() - started, rss: time.length ? Number(ran.stderr.trim().split('\n').at(-1)) / 1024 : undefined };
}
try {
  const cold = lint();
  const warm = Array.from({ length: runs }, lint);
  const sorted = warm.map((r) => r.wall).sort((a, b) => a - b);
  const ms = (n) => `${n.toFixed(0)} ms`;
  console.log(`lint ${target}: ${summary}`);
  console.log(`  cold (empty schema cache): ${ms(cold.wall)}`);
  console.log(`  warm, over ${runs} runs: median ${ms(sorted[Math.floor(runs / 2)])}, min ${ms(sorted[0])}, max ${ms(sorted.at(-1))}`);
  if (cold.rss !== undefined) console.log(`  peak RSS: ${Math.max(cold.rss, ...warm.map((r) => r.rss)).toFixed(0)} MiB`);
  const same = warm.every((r) => r.findings === cold.findings);
  const median = sorted[Math.floor(runs / 2)];
  console.log(`${same ? 'ok  ' : 'FAIL'} every warm run prints the cold run's findings`);
  console.log(`${median < TARGET_MS ? 'ok  ' : 'FAIL'} warm median ${ms(median)} (target < ${ms(TARGET_MS)})`);
  if (!same || median >= TARGET_MS) process.exitCode = 1;
} finally {
  rmSync(cache, { recursive: true, force: true });
}
