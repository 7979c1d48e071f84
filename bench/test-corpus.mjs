#!/usr/bin/env node
// `doc-harness test` on the real corpus, batch mode against --isolate, in one run of this script:
// the JavaScript and Seam CLI samples (128 in the March 2025 corpus), each mode as its own
// `doc-harness test … --json` process. Reports the wall time of each mode and their ratio (the
// target: batch at least 5x faster), checks that both modes give every sample the same verdict,
// compares the CLI's per-sample cost in a batch with the start-up of a CLI process, and samples
// the peak memory of each doc-harness process tree (the process and all its descendants,
// summed RSS from /proc every 50 ms).
//
//   npm run build && node bench/test-corpus.mjs [corpus folder] [--repeat n]
//
// Exit status: 0 when the verdicts agree and the targets are met, 1 otherwise, 2 when it cannot run.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { timeIt, treeRss } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'doc-harness.mjs');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { repeat: { type: 'string', default: '1' } } });
const corpus = resolve(positionals[0] ?? join(root, '..', 'shared', 'corpus', 'seam-docs-2025-03'));
const repeat = Math.max(1, Number(values.repeat) || 1);
const LANGUAGES = ['javascript', 'seam_cli'];
/** Batch must be at least this many times faster than --isolate. */
const TARGET_RATIO = 5;
/** "Well under its process start-up": a batched CLI command may cost at most this share of one. */
const CLI_SHARE = 0.25;
const SAMPLE_MS = 50;

if (!existsSync(join(root, 'dist', 'harness', 'cli', 'main.js'))) fail('build first (npm run build)');
if (!existsSync(corpus)) fail(`no corpus at ${corpus}`);

// Derived recordings for every run (an empty recordings folder), never lockdown: a CI=true around
// the benchmark would otherwise turn every sample into a "no recording" error.
const childEnv = { ...process.env };
delete childEnv.CI;
delete childEnv.DOC_HARNESS_MODE;

const cacheDir = childEnv.DOC_HARNESS_CACHE ? resolve(childEnv.DOC_HARNESS_CACHE) : join(root, '.doc-harness', 'cache');
const temps = [];
try {
  // Installs and schema builds happen on first use: pay them before anything is timed.
  const warm = await harness([firstPage(corpus), ...langArgs(), '--recordings', await temp()]);
  if (!warm.json) fail(`the warm-up run printed no JSON (exit ${warm.code}): ${warm.stderr.trim().split('\n').pop() ?? ''}`);

  const runs = { batch: [], isolate: [] };
  for (let i = 0; i < repeat; i++) {
    for (const mode of ['batch', 'isolate']) {
      const run = await harness([corpus, ...langArgs(), '--recordings', await temp(), ...(mode === 'isolate' ? ['--isolate'] : [])]);
      if (!run.json) fail(`${mode}: doc-harness printed no JSON (exit ${run.code}): ${run.stderr.trim().split('\n').pop() ?? ''}`);
      runs[mode].push(run);
    }
  }
  report(runs);
} finally {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
}

function report(runs) {
  const batch = median(runs.batch, (r) => r.wallMs);
  const isolate = median(runs.isolate, (r) => r.wallMs);
  const ratio = isolate.wallMs / batch.wallMs;

  // Every sample's verdict, by example and language: the two modes must agree on each.
  const verdicts = (run) => new Map(run.json.results.map((r) => [`${r.exampleId} ${r.language}`, `${r.verdict}${r.error ? ` (${r.error.kind})` : ''}`]));
  const disagreements = [];
  for (const run of [...runs.batch, ...runs.isolate]) {
    const reference = verdicts(runs.batch[0]);
    for (const [key, verdict] of verdicts(run)) {
      if (reference.get(key) !== verdict) disagreements.push(`${key}: batch ${reference.get(key) ?? 'absent'}, ${run.mode} ${verdict}`);
    }
    if (verdicts(run).size !== reference.size) disagreements.push(`${run.mode}: ${verdicts(run).size} results, batch had ${reference.size}`);
  }

  const cli = { batch: durations(batch, 'seam_cli'), isolate: durations(isolate, 'seam_cli') };
  const js = { batch: durations(batch, 'javascript'), isolate: durations(isolate, 'javascript') };
  const cliStart = cliStartUp();
  const nodeStart = timeIt(() => execFileSync(process.execPath, ['-e', ''], { stdio: 'ignore' }));

  const { summary } = batch.json;
  console.log(`\ndoc-harness test ${corpus}`);
  console.log(`  --lang ${LANGUAGES.join(' --lang ')}, derived recordings; node ${process.versions.node}, ${process.platform}, ${availableParallelism()} CPU(s)`);
  console.log(`  clients: ${Object.entries(summary.clients).map(([l, c]) => `${l}: ${c}`).join(' · ')}`);
  if (repeat > 1) console.log(`  ${repeat} runs of each mode; the median run of each is shown`);
  console.log('');
  const header = ['mode', 'samples', 'pass', 'fail', 'error', 'skip', 'wall s', 'engine s', 'peak MB'];
  const widths = [8, 8, 6, 6, 6, 6, 8, 9, 8];
  const row = (cells) => console.log(cells.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join(' '));
  row(header);
  for (const run of [batch, isolate]) {
    const s = run.json.summary;
    row([run.mode, s.total, s.pass, s.fail, s.error, s.skip, (run.wallMs / 1000).toFixed(2), (s.durationMs / 1000).toFixed(2), (run.peakBytes / 2 ** 20).toFixed(0)]);
  }
  console.log('');
  for (const run of [batch, isolate]) {
    const byLanguage = Object.entries(run.json.summary.byLanguage)
      .map(([l, c]) => `${l} ${c.pass} pass / ${c.fail} fail / ${c.error} error / ${c.skip} skip`)
      .join('; ');
    console.log(`  ${run.mode.padEnd(8)} ${byLanguage}`);
  }
  console.log('');
  console.log('  per sample (durationMs of the results: median / p90 / total)');
  for (const [name, d] of [['javascript', js], ['seam_cli', cli]]) {
    console.log(`  ${name.padEnd(11)} batch ${fmt(d.batch)}   isolate ${fmt(d.isolate)}`);
  }
  console.log(`  node start-up (node -e ''): ${nodeStart.toFixed(0)} ms`);
  console.log(`  Seam CLI process start-up (node + the CLI's modules, no command): ${cliStart === null ? 'n/a' : `${cliStart.toFixed(0)} ms`}`);
  console.log('');

  const checks = [];
  checks.push([disagreements.length === 0, `verdicts identical in both modes (${verdicts(batch).size} samples)`]);
  checks.push([ratio >= TARGET_RATIO, `batch ${ratio.toFixed(1)}x faster than --isolate (target >= ${TARGET_RATIO}x): ${(batch.wallMs / 1000).toFixed(2)} s vs ${(isolate.wallMs / 1000).toFixed(2)} s`]);
  const start = cliStart ?? cli.isolate.median;
  checks.push([
    cli.batch.median <= start * CLI_SHARE,
    `Seam CLI in a batch: ${cli.batch.median.toFixed(0)} ms a command (median) vs ${start.toFixed(0)} ms to start its process ` +
      `(${((cli.batch.median / start) * 100).toFixed(0)}%, target <= ${CLI_SHARE * 100}%); a command as its own process (--isolate): ${cli.isolate.median.toFixed(0)} ms`,
  ]);
  for (const [ok, text] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  for (const line of disagreements.slice(0, 20)) console.log(`     ${line}`);
  if (disagreements.length > 20) console.log(`     … and ${disagreements.length - 20} more`);
  process.exitCode = checks.every(([ok]) => ok) ? 0 : 1;
}

/** Runs `doc-harness test <args> --json` as a child, timing it and sampling its tree's memory. */
function harness(args) {
  return new Promise((done, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'test', ...args, '--json'], {
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
      done({ mode: args.includes('--isolate') ? 'isolate' : 'batch', code, wallMs, peakBytes, json, stderr });
    });
  });
}

/**
 * What starting a Seam CLI process costs before it does anything: Node with doc-harness's network
 * guard, importing the CLI's whole command module (the in-process entry doc-harness made from its
 * bin, which loads every module the bin does and runs no command). Median of 5; null when the
 * CLI is not installed in the cache.
 */
function cliStartUp() {
  const dir = join(cacheDir, 'seam_cli');
  const install = existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('cli@')).sort().pop() : undefined;
  const entry = install && join(dir, install, 'node_modules', '@seamapi', 'cli', 'bin', 'cli.doc-harness.js');
  if (!entry || !existsSync(entry)) return null;
  const guard = pathToFileURL(join(root, 'harness', 'run', 'node', 'network-guard.mjs')).href;
  const home = join(tmpdir(), 'doc-harness-bench-home');
  const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1' };
  return timeIt(() =>
    execFileSync(process.execPath, ['--import', guard, '--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(entry).href)})`], {
      stdio: 'ignore',
      env,
    }),
  );
}

function durations(run, language) {
  const list = run.json.results.filter((r) => r.language === language).map((r) => r.durationMs).sort((a, b) => a - b);
  const at = (q) => (list.length ? list[Math.min(list.length - 1, Math.floor(q * list.length))] : 0);
  return { count: list.length, median: at(0.5), p90: at(0.9), total: list.reduce((a, b) => a + b, 0) };
}

function fmt(d) {
  return `${String(d.median).padStart(4)} / ${String(d.p90).padStart(4)} / ${(d.total / 1000).toFixed(1).padStart(5)} s (${d.count})`;
}

function median(list, key) {
  return [...list].sort((a, b) => key(a) - key(b))[Math.floor((list.length - 1) / 2)];
}

function langArgs() {
  return LANGUAGES.flatMap((language) => ['--lang', language]);
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

async function temp() {
  const dir = await mkdtemp(join(tmpdir(), 'doc-harness-bench-rec-'));
  temps.push(dir);
  return dir;
}

function fail(message) {
  console.error(`bench/test-corpus.mjs: ${message}`);
  process.exit(2);
}
