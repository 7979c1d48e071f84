#!/usr/bin/env node
// `doc-harness test` on the real corpus, in one run of this script, every language doc-harness
// runs (the registry's list, or --lang): each language alone in a batch and with --isolate; then
// groups of languages together in one batch, in the sandbox and without it. Each run is its own
// `doc-harness test … --json` process, timed on the wall clock, with the peak memory of its whole
// process tree (summed RSS from /proc every 50 ms). It checks the targets of the runner issues:
//
// - batch and --isolate give every sample the same verdict;
// - Python, Ruby and PHP together: batch at least 5x faster than --isolate; Go alone too;
// - JavaScript + Seam CLI + Python + Ruby + PHP in one batch under 10 s;
// - the whole corpus in one batch under 10 s warm (and, with --cold, under 30 s with the Go build
//   cache emptied first);
// - the sandbox's cost on the whole corpus (batch with and without it).
//
//   npm run build && node bench/test-corpus.mjs [corpus folder] [--lang id …] [--cold]
//
// Exit status: 0 when the verdicts agree and the targets are met, 1 otherwise, 2 when it cannot run.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { treeRss } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'doc-harness.mjs');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { lang: { type: 'string', multiple: true }, cold: { type: 'boolean', default: false } },
});
const corpus = resolve(positionals[0] ?? join(root, '..', 'shared', 'corpus', 'seam-docs-2025-03'));
const SAMPLE_MS = 50;
const RATIO = 5;
const INTERPRETED = ['javascript', 'seam_cli', 'python', 'ruby', 'php'];

if (!existsSync(join(root, 'dist', 'harness', 'cli', 'main.js'))) fail('build first (npm run build)');
if (!existsSync(corpus)) fail(`no corpus at ${corpus}`);
const { runnableLanguages } = await import(pathToFileURL(join(root, 'dist', 'runners', 'registry.js')).href);
const languages = values.lang?.length ? values.lang : [...runnableLanguages].filter((l) => l !== 'curl');

// Derived recordings for every run (an empty recordings folder), never lockdown: a CI=true around
// the benchmark would otherwise turn every sample into a "no recording" error.
const childEnv = { ...process.env };
delete childEnv.CI;
delete childEnv.DOC_HARNESS_MODE;
const cacheDir = childEnv.DOC_HARNESS_CACHE ? resolve(childEnv.DOC_HARNESS_CACHE) : join(root, '.doc-harness', 'cache');
const temps = [];

try {
  // Installs, schema builds and helper builds happen on first use: paid before anything is timed.
  const warm = await harness('warm-up', [firstPage(corpus), ...langArgs(languages)]);
  if (!warm.json) fail(`the warm-up run printed no JSON (exit ${warm.code}): ${warm.stderr.trim().split('\n').pop() ?? ''}`);

  const cold = values.cold ? await coldRun() : undefined;
  const alone = {};
  for (const language of languages) {
    alone[language] = {
      batch: await harness(`${language} batch`, [corpus, '--lang', language]),
      isolate: await harness(`${language} isolate`, [corpus, '--lang', language, '--isolate']),
    };
  }
  const interpreted = INTERPRETED.filter((l) => languages.includes(l));
  const together = {
    interpreted: await harness('JS+CLI+Py+Rb+PHP batch', [corpus, ...langArgs(interpreted)]),
    all: await harness('all batch', [corpus, ...langArgs(languages)]),
    unboxed: await harness('all batch, no sandbox', [corpus, ...langArgs(languages), '--no-sandbox']),
  };
  report(alone, together, interpreted, cold);
} finally {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** The whole corpus right after emptying the Go build cache (the other clients stay installed). */
async function coldRun() {
  for (const dir of goBuildCaches()) await rm(dir, { recursive: true, force: true });
  return harness('all batch, cold', [corpus, ...langArgs(languages)]);
}

/** The Go runner's build cache folders in doc-harness's cache (`GOCACHE` folders under go/). */
function goBuildCaches() {
  const go = join(cacheDir, 'go');
  if (!existsSync(go)) return [];
  return readdirSync(go, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^(gocache|go-build|build-cache)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function report(alone, together, interpreted, cold) {
  console.log(`\ndoc-harness test ${corpus}`);
  console.log(`  derived recordings; node ${process.versions.node}, ${process.platform}, ${availableParallelism()} CPU(s)`);
  const clients = together.all.json?.summary.clients ?? {};
  console.log(`  clients: ${Object.entries(clients).map(([l, c]) => `${l}: ${c}`).join(' · ')}`);
  console.log(`  sandbox: ${together.all.json?.summary.sandbox ?? '?'}\n`);

  const widths = [11, 7, 5, 5, 6, 5, 9, 11, 7, 9];
  const row = (cells) => console.log(cells.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join(' '));
  row(['language', 'samples', 'pass', 'fail', 'error', 'skip', 'batch s', 'isolate s', 'ratio', 'peak MB']);
  const checks = [];
  for (const [language, runs] of Object.entries(alone)) {
    const s = runs.batch.json?.summary;
    row([language, s?.total ?? '?', s?.pass ?? '?', s?.fail ?? '?', s?.error ?? '?', s?.skip ?? '?', secs(runs.batch), secs(runs.isolate), (runs.isolate.wallMs / runs.batch.wallMs).toFixed(1), mb(runs.batch)]);
    const differ = disagreements(runs.batch, runs.isolate);
    checks.push([differ.length === 0 && runs.batch.json && runs.isolate.json, `${language}: batch and --isolate give the same verdict to all ${s?.total ?? '?'} samples`, differ]);
  }
  console.log('');
  for (const [name, run] of Object.entries({ ...together, ...(cold ? { cold } : {}) })) {
    const s = run.json?.summary;
    console.log(`  ${run.label.padEnd(26)} ${String(s?.total ?? '?').padStart(4)} samples  ${secs(run).padStart(7)} s wall  ${mb(run).padStart(5)} MB peak  (${s?.pass ?? '?'} pass, ${s?.fail ?? '?'} fail, ${s?.error ?? '?'} error, ${s?.skip ?? '?'} skip)`);
  }
  console.log('');

  const group = ['python', 'ruby', 'php'].filter((l) => alone[l]);
  if (group.length) {
    const batch = group.reduce((t, l) => t + alone[l].batch.wallMs, 0);
    const isolate = group.reduce((t, l) => t + alone[l].isolate.wallMs, 0);
    checks.push([isolate / batch >= RATIO, `${group.join(' + ')}: batch ${(isolate / batch).toFixed(1)}x faster than --isolate (target >= ${RATIO}x): ${(batch / 1000).toFixed(1)} s vs ${(isolate / 1000).toFixed(1)} s`]);
  }
  if (alone.go) {
    const ratio = alone.go.isolate.wallMs / alone.go.batch.wallMs;
    checks.push([ratio >= RATIO, `go: batch ${ratio.toFixed(1)}x faster than --isolate (target >= ${RATIO}x)`]);
    checks.push([alone.go.batch.wallMs < 10_000, `go: ${secs(alone.go.batch)} s warm (target < 10 s)`]);
  }
  checks.push([together.interpreted.wallMs < 10_000, `${interpreted.join(' + ')} (${together.interpreted.json?.summary.total ?? '?'} samples) in one batch: ${secs(together.interpreted)} s (target < 10 s)`]);
  checks.push([together.all.wallMs < 10_000, `the whole corpus (${together.all.json?.summary.total ?? '?'} samples) warm: ${secs(together.all)} s (target < 10 s)`]);
  if (cold) checks.push([cold.wallMs < 30_000, `the whole corpus cold (Go build cache emptied): ${secs(cold)} s (target < 30 s)`]);
  const cost = together.all.wallMs - together.unboxed.wallMs;
  console.log(`  the sandbox's cost on the whole corpus: ${secs(together.all)} s in it vs ${secs(together.unboxed)} s without (${cost >= 0 ? '+' : ''}${(cost / 1000).toFixed(2)} s)`);
  console.log('');
  for (const [ok, text, details = []] of checks) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
    for (const line of details.slice(0, 10)) console.log(`     ${line}`);
  }
  process.exitCode = checks.every(([ok]) => ok) ? 0 : 1;
}

function disagreements(a, b) {
  if (!a.json || !b.json) return ['a run printed no JSON'];
  const verdicts = (run) => new Map(run.json.results.map((r) => [`${r.exampleId} ${r.language}`, `${r.verdict}${r.error ? ` (${r.error.kind})` : ''}`]));
  const left = verdicts(a);
  const right = verdicts(b);
  const out = [];
  for (const [key, verdict] of left) if (right.get(key) !== verdict) out.push(`${key}: ${a.label} ${verdict}, ${b.label} ${right.get(key) ?? 'absent'}`);
  if (left.size !== right.size) out.push(`${left.size} results vs ${right.size}`);
  return out;
}

/** Runs `doc-harness test <args> --json` as a child, timing it and sampling its tree's memory. */
async function harness(label, args) {
  const recordings = await mkdtemp(join(tmpdir(), 'doc-harness-bench-rec-'));
  temps.push(recordings);
  return new Promise((done, reject) => {
    const started = performance.now();
    // --no-cache: every run runs every sample (the result cache has its own bench, cache.mjs).
    const child = spawn(process.execPath, [bin, 'test', ...args, '--recordings', recordings, '--no-cache', '--json'], {
      cwd: root,
      env: { ...childEnv, DOC_HARNESS_CACHE: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let peakBytes = 0;
    const sample = () => (peakBytes = Math.max(peakBytes, treeRss(child.pid)));
    const timer = setInterval(sample, SAMPLE_MS);
    sample();
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      clearInterval(timer);
      let json = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        // Reported by the caller.
      }
      process.stderr.write(`  ${label}: ${(wallMs / 1000).toFixed(2)} s\n`);
      done({ label, code, wallMs, peakBytes, json, stderr });
    });
  });
}

function secs(run) {
  return (run.wallMs / 1000).toFixed(2);
}

function mb(run) {
  return (run.peakBytes / 2 ** 20).toFixed(0);
}

function langArgs(list) {
  return list.flatMap((language) => ['--lang', language]);
}

/** A page of the corpus with examples, for the warm-up. */
function firstPage(dir) {
  const stack = [dir];
  while (stack.length) {
    const current = stack.shift();
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.md') && readFileSync(path, 'utf8').includes('{% tabs %}')) return path;
    }
  }
  return dir;
}

function fail(message) {
  console.error(`bench/test-corpus.mjs: ${message}`);
  process.exit(2);
}
