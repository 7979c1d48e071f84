// The replay server's cost: latency it adds per request, and memory with every corpus cassette
// loaded. Runs from the build (`npx tsc -p .` first). Usage: node bench/mock.mjs [--count N]
//
// Latency is measured from a second process (bench/mock-client.mjs) sending requests one at a
// time, first to a bare node:http server that answers `{}` after reading the body, then to the
// replay server; "added" is the difference. Target: p50 added under 2 ms.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Heap figures mean live memory only after a collection: rerun with the collector exposed.
if (typeof global.gc !== 'function') {
  const { spawnSync } = await import('node:child_process');
  const rerun = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'harness/mock/index.js'))) {
  console.error('bench/mock.mjs: build first (npx tsc -p .)');
  process.exit(2);
}
const count = Number(process.argv[process.argv.indexOf('--count') + 1]) || 4000;
const corpus = resolve(root, '../shared/corpus/seam-docs-2025-03');

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value) => `${value.toFixed(3)} ms`;

const { extract } = await import(join(dist, 'harness/extract/index.js'));
const { deriveRecordings, saveRecordings, startReplayServer, exampleBaseUrl } = await import(join(dist, 'harness/mock/index.js'));
const { seamProfile } = await import(join(dist, 'profiles/seam/index.js'));

if (!existsSync(corpus)) {
  console.error(`bench/mock.mjs: corpus not found at ${corpus}`);
  process.exit(2);
}

global.gc();
const start = process.memoryUsage();

// Recordings: every corpus example, derived from the docs.
const folder = await mkdtemp(join(tmpdir(), 'doc-harness-bench-'));
const { pages } = await extract([corpus], { cwd: corpus, profile: seamProfile });
const derived = await deriveRecordings(pages, seamProfile);
await saveRecordings(folder, derived.recordings, 'add');
const routes = await seamProfile.loadRoutes();

global.gc();
const before = process.memoryUsage();
const server = await startReplayServer({ profile: seamProfile, recordings: folder });
global.gc();
const loaded = process.memoryUsage();

// The request mix: each example's call as JSON POST, and as GET with a query where the route takes GET.
const requests = [];
for (const [id, [recording]] of derived.recordings) {
  const base = new URL(exampleBaseUrl(server.url, id)).pathname;
  requests.push({ method: 'POST', path: `${base}${recording.path}`, body: recording.body });
  const flat = Object.values(recording.body).every((v) => v === null || typeof v !== 'object');
  if (routes.get(recording.path)?.methods.includes('GET') && flat) {
    const query = new URLSearchParams(Object.entries(recording.body).map(([k, v]) => [k, String(v)]));
    query.set('_strict', 'true');
    requests.push({ method: 'GET', path: `${base}${recording.path}?${query}` });
  }
}

const bare = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
await new Promise((done) => bare.listen(0, '127.0.0.1', done));
const bareUrl = `http://127.0.0.1:${bare.address().port}`;

const run = promisify(execFile);
const measure = async (url) => {
  const { stdout } = await run(process.execPath, [join(here, 'mock-client.mjs'), JSON.stringify({ url, requests, count, warmup: 300 })], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout);
};

const baseline = await measure(bareUrl);
const mock = await measure(server.url);
global.gc();
const after = process.memoryUsage();

console.log(`doc-harness mock bench: ${count} sequential requests from a second process, ${requests.length} distinct (${derived.recordings.size} examples)`);
console.log(`  bare node:http  p50 ${ms(baseline.p50)}  p90 ${ms(baseline.p90)}  p99 ${ms(baseline.p99)}  mean ${ms(baseline.mean)}`);
console.log(`  replay server   p50 ${ms(mock.p50)}  p90 ${ms(mock.p90)}  p99 ${ms(mock.p99)}  mean ${ms(mock.mean)}  (non-200: ${mock.failures})`);
console.log(`  added           p50 ${ms(mock.p50 - baseline.p50)}  p90 ${ms(mock.p90 - baseline.p90)}  p99 ${ms(mock.p99 - baseline.p99)}   target p50 < 2 ms: ${mock.p50 - baseline.p50 < 2 ? 'met' : 'MISSED'}`);
console.log(`  memory: ${server.recordingCount} recordings from ${pages.filter((p) => p.examples.length).length} cassettes`);
console.log(`    process start   rss ${mb(start.rss)}  heap ${mb(start.heapUsed)}   (modules imported)`);
console.log(`    before loading  rss ${mb(before.rss)}  heap ${mb(before.heapUsed)}   (docs extracted, API description loaded)`);
console.log(`    loaded          rss ${mb(loaded.rss)}  heap ${mb(loaded.heapUsed)}   (+${mb(loaded.heapUsed - before.heapUsed)} heap)`);
console.log(`    after the run   rss ${mb(after.rss)}  heap ${mb(after.heapUsed)}`);

await server.close();
await new Promise((done) => bare.close(done));
await rm(folder, { recursive: true, force: true });
if (mock.failures > 0) process.exitCode = 1;
