#!/usr/bin/env node
// The result cache, on the real corpus, in one run of this script: `doc-harness test` on the whole
// corpus without the cache (every sample runs), then again with it (filling it), then warm: the
// whole corpus with no change, and one unchanged page. Each run is its own `doc-harness test`
// process, timed on the wall clock from its start to its exit, as a docs author waits for it.
// It checks the targets of the issue:
//
// - one unchanged page with a warm cache answers in under 0.5 s;
// - the whole corpus with a warm cache and no change in under 2 s;
// - the warm runs answer every sample from the cache, with the verdicts of the uncached run.
//
//   npm run build && node bench/cache.mjs [corpus folder] [--runs 5]
//
// The corpus is copied into a temporary folder first, and its recordings are made there with
// `doc-harness record` (derived from the docs), as a docs repository that adopted doc-harness
// keeps them beside its pages. Clients come from doc-harness's cache (installed by the first
// run if they are not there); the result cache is that cache's too.
// Exit status: 0 when the targets are met, 1 otherwise, 2 when it cannot run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'doc-harness.mjs');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' } } });
const source = resolve(positionals[0] ?? join(root, '..', 'shared', 'corpus', 'seam-docs-2025-03'));
const RUNS = Number(values.runs);
const PAGE = 'user_identities/get.md';
const TARGETS = { page: 500, corpus: 2000 };

if (!existsSync(join(root, 'dist', 'harness', 'cli', 'main.js'))) fail('build first (npm run build)');
if (!existsSync(source)) fail(`no corpus at ${source}`);

// Never lockdown: a CI=true around the benchmark would turn every sample into "no recording".
const env = { ...process.env, NO_COLOR: '1' };
delete env.CI;
delete env.DOC_HARNESS_MODE;

const dir = await mkdtemp(join(tmpdir(), 'doc-harness-bench-cache-'));
try {
  const corpus = join(dir, 'docs');
  await cp(source, corpus, { recursive: true });
  if (!existsSync(join(corpus, PAGE))) fail(`the corpus has no ${PAGE}`);
  await record();

  const uncached = await harness(['docs', '--no-cache'], 'uncached');
  await harness(['docs'], 'filling the cache');
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push(await harness(['docs'], `warm ${i + 1}`));
  const page = [];
  for (let i = 0; i < RUNS; i++) page.push(await harness([join('docs', PAGE)], `one page ${i + 1}`));

  const verdicts = (report) => JSON.stringify(report.results.map((r) => [r.sampleId, r.verdict, r.reason]));
  const allCached = (report) => report.results.every((r) => r.cached || r.verdict === 'skip');
  const corpusMs = median(warm.map((run) => run.ms));
  const pageMs = median(page.map((run) => run.ms));
  const checks = [
    [`one unchanged page, warm: ${fmt(pageMs)} median of ${RUNS} (target < ${fmt(TARGETS.page)})`, pageMs < TARGETS.page],
    [`the whole corpus, warm, no change: ${fmt(corpusMs)} median of ${RUNS} (target < ${fmt(TARGETS.corpus)}), against ${fmt(uncached.ms)} uncached (${(uncached.ms / corpusMs).toFixed(1)}x)`, corpusMs < TARGETS.corpus],
    ['every warm run answered from the cache', [...warm, ...page].every((run) => allCached(run.report))],
    ['the warm verdicts are the uncached ones', warm.every((run) => verdicts(run.report) === verdicts(uncached.report))],
  ];
  const samples = uncached.report.results.length;
  console.log(`\n${samples} samples on ${new Set(uncached.report.results.map((r) => r.file)).size} pages; ${warm[0].report.summary.cached} from the cache in a warm run`);
  for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${what}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** `doc-harness record docs`: the recordings, derived from the docs, saved beside them. */
async function record() {
  const code = await new Promise((done) => spawn(process.execPath, [bin, 'record', 'docs'], { cwd: dir, env, stdio: 'ignore' }).on('exit', done));
  // 1: some examples have no recording (tabs that disagree); they are errors in every run alike.
  if (code !== 0 && code !== 1) fail(`doc-harness record exited ${code}`);
}

/** One `doc-harness test … --reporter json` in the copy, timed from spawn to exit. */
async function harness(args, label) {
  const out = join(dir, 'report.json');
  const started = performance.now();
  const { code, stderr } = await new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'test', ...args, '--reporter', 'json', '--output', out], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (exit) => done({ code: exit, stderr: err }));
  });
  const ms = performance.now() - started;
  if (code === 2 || code === 3) fail(`${label}: exit ${code}: ${stderr.trim().split('\n').pop()}`);
  const report = JSON.parse(await readFile(out, 'utf8'));
  console.log(`${label.padEnd(18)} ${fmt(ms).padStart(8)}  ${report.results.length} samples, ${report.summary.cached ?? 0} cached`);
  return { ms, report };
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function fail(message) {
  console.error(`bench/cache.mjs: ${message}`);
  process.exit(2);
}
