#!/usr/bin/env node
// Batch vs --isolate for the JavaScript and Seam CLI runners, on a synthetic batch against a
// tiny local server (the corpus benchmark comes with `doc-harness test`). Reports wall time,
// cost per sample and the peak memory of doc-harness plus its children.
//
//   npm run build && node bench/runners.mjs [--samples 40] [--workers 1]
//
// Runs from dist/ (the compiled harness), like the CLI does.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { timeIt, treeRss } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => pathToFileURL(join(root, 'dist', path)).href;
if (!existsSync(join(root, 'dist', 'runners', 'javascript', 'runner.js'))) {
  console.error('bench/runners.mjs: build first (npm run build)');
  process.exit(2);
}
const { values } = parseArgs({ options: { samples: { type: 'string', default: '40' }, workers: { type: 'string', default: '1' } } });
const samples = Number(values.samples);
const workers = Number(values.workers);

const { runner: javascript } = await import(dist('runners/javascript/runner.js'));
const { runner: seamCli } = await import(dist('runners/seam_cli/runner.js'));
const { startMockServer, seamRoutes } = await import(dist('test/run/helpers/mock-server.js'));
const { job } = await import(dist('test/run/helpers/jobs.js'));

const server = await startMockServer(seamRoutes);
const env = {
  cacheDir: join(root, '.doc-harness', 'cache'),
  workDir: await mkdtemp(join(tmpdir(), 'doc-harness-bench-')),
  timeoutMs: 30_000,
  isolate: false,
  apiKey: 'seam_bench_key_00000000',
  workers,
};

const snippets = {
  javascript: [
    ['await seam.devices.get({ device_id: "d-1" });', 'device'],
    ['await seam.devices.list();', 'devices'],
    ['await seam.thermostats.heat({ device_id: "t-1", heating_set_point_celsius: 20 });', 'action_attempt'],
    ['await seam.accessCodes.delete({ access_code_id: "ac-1" });', null],
  ],
  seam_cli: [
    ['seam devices get --device_id "d-1"', 'device'],
    ['seam devices list', 'devices'],
    ['seam thermostats heat --device_id "t-1" --heating_set_point_celsius 20', 'action_attempt'],
    ['seam access-codes delete --access_code_id "ac-1"', null],
  ],
};

const rows = [];
for (const runner of [javascript, seamCli]) {
  const toolchain = await runner.prepare(env);
  if (!toolchain.ready) {
    console.log(`${runner.language}: skipped (${toolchain.reason})`);
    continue;
  }
  const jobs = Array.from({ length: samples }, (_, i) => {
    const [code, key] = snippets[runner.language][i % 4];
    return job(server, runner.language, `bench-${runner.language}-${i}`, code, { responseKey: key });
  });
  for (const isolate of [false, true]) {
    const memory = watchMemory();
    const started = performance.now();
    let passed = 0;
    for await (const result of runner.run(jobs, { ...env, isolate })) if (result.outcome.ok) passed++;
    const wall = performance.now() - started;
    const peak = memory.stop();
    if (passed !== jobs.length) console.log(`warning: ${runner.language} ${isolate ? 'isolate' : 'batch'}: ${jobs.length - passed} sample(s) did not return a value`);
    rows.push({ runner: `${runner.language} (${toolchain.client} ${toolchain.version})`, mode: isolate ? 'isolate' : 'batch', samples, wall, peak });
  }
}
await server.close();
await rm(env.workDir, { recursive: true, force: true });

const nodeStart = timeIt(() => execFileSync(process.execPath, ['-e', '']));
console.log(`\nsamples per runner: ${samples}, workers: ${workers}, node ${process.versions.node}, ${process.platform}`);
console.log(`node start-up (node -e ''): ${nodeStart.toFixed(0)} ms\n`);
console.log('runner'.padEnd(34), 'mode'.padEnd(8), 'wall ms'.padStart(9), 'per sample'.padStart(11), 'peak MB'.padStart(9));
for (const row of rows) {
  console.log(
    row.runner.padEnd(34),
    row.mode.padEnd(8),
    row.wall.toFixed(0).padStart(9),
    `${(row.wall / row.samples).toFixed(1)} ms`.padStart(11),
    (row.peak / 1024 / 1024).toFixed(0).padStart(9),
  );
}
for (const name of new Set(rows.map((r) => r.runner))) {
  const batch = rows.find((r) => r.runner === name && r.mode === 'batch');
  const isolate = rows.find((r) => r.runner === name && r.mode === 'isolate');
  if (batch && isolate) console.log(`${name}: batch is ${(isolate.wall / batch.wall).toFixed(1)}x faster than --isolate`);
}

/**
 * The peak resident memory of this process and all its descendants, sampled every 20 ms from
 * /proc (Linux). Elsewhere: this process's own peak only.
 */
function watchMemory() {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeRss(process.pid) || process.memoryUsage().rss);
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
