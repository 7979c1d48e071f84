// `test --shard i/n` and `doc-harness merge`: the split is by page, deterministic, balanced by a
// previous run's durations; the shards cover every sample exactly once; their merge is the
// report of the whole run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardPages } from '../../harness/engine/shard.ts';
import type { TestReport } from '../../harness/report/test/report.ts';
import { projectRoot } from '../helpers/corpus.ts';
import { runCli } from '../cli/run.ts';
import { junitSchemaErrors } from './junit-schema.ts';
import { knownResults, reportOf } from './reports.ts';
import { reportSchemaErrors } from './schema.ts';

describe('splitting pages into shards', () => {
  const pages = new Map(Array.from({ length: 11 }, (_, k) => [`docs/page-${String(k).padStart(2, '0')}.md`, 1 + ((k * 7) % 5)]));

  it('puts every page in exactly one shard, for any number of shards', () => {
    for (let count = 1; count <= 5; count++) {
      const shards = Array.from({ length: count }, (_, k) => shardPages(pages, { index: k + 1, count }));
      const all = shards.flatMap((shard) => [...shard]).sort();
      expect(all, `${count} shard(s)`).toEqual([...pages.keys()].sort());
    }
  });

  it('splits the same way whatever order the pages come in', () => {
    const reversed = new Map([...pages].reverse());
    for (let index = 1; index <= 3; index++) expect(shardPages(reversed, { index, count: 3 })).toEqual(shardPages(pages, { index, count: 3 }));
  });

  it('balances by sample count without durations, and by a previous run’s durations with them', () => {
    const samples = new Map([['a.md', 1], ['b.md', 1], ['c.md', 1], ['d.md', 1]]);
    expect([1, 2].map((index) => shardPages(samples, { index, count: 2 }).size)).toEqual([2, 2]);
    const durations = new Map([['a.md', 9000], ['b.md', 100], ['c.md', 100], ['d.md', 100]]);
    expect(shardPages(samples, { index: 1, count: 2, durations })).toEqual(new Set(['a.md']));
    expect(shardPages(samples, { index: 2, count: 2, durations })).toEqual(new Set(['b.md', 'c.md', 'd.md']));
    // A page the previous run did not have weighs its samples at that run's time per sample.
    const withNew = new Map([...samples, ['e.md', 2]]);
    expect(shardPages(withNew, { index: 2, count: 2, durations })).toEqual(new Set(['b.md', 'c.md', 'd.md', 'e.md']));
  });

  it('spreads pages that weighed nothing last time by their number', () => {
    const durations = new Map([['a.md', 0], ['b.md', 0], ['c.md', 0], ['d.md', 0]]);
    const samples = new Map([...durations.keys()].map((page) => [page, 1]));
    expect([1, 2].map((index) => shardPages(samples, { index, count: 2, durations }).size)).toEqual([2, 2]);
  });

  it.each([
    ['2/4', { index: 2, count: 4 }],
    ['1/1', { index: 1, count: 1 }],
    ['0/3', undefined],
    ['4/3', undefined],
    ['1/0', undefined],
    ['a/3', undefined],
    ['1.5/3', undefined],
  ])('reads --shard %s', (text, expected) => {
    expect(parseShard(text)).toEqual(expected);
  });
});

const DOCS = 'test/fixtures/engine/docs';
const LANGS = ['--lang', 'javascript', '--lang', 'curl'];

describe('doc-harness test --shard 1/3..3/3, then merge', () => {
  let dir: string;
  let whole: TestReport;
  const shards: TestReport[] = [];
  const identity = (r: TestReport['results'][number]) => `${r.file}:${r.line} ${r.language} ${r.verdict}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doc-harness-shard-'));
    const run = async (args: string[], file: string) => {
      const { code, stderr } = await runCli(['test', DOCS, ...LANGS, '--reporter', 'json', '--output', join(dir, file), ...args], { cwd: projectRoot });
      expect(stderr).toBe('');
      expect([0, 1]).toContain(code);
      return JSON.parse(await readFile(join(dir, file), 'utf8')) as TestReport;
    };
    whole = await run([], 'whole.json');
    for (let index = 1; index <= 3; index++) shards.push(await run(['--shard', `${index}/3`], `shard-${index}.json`));
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('covers every sample exactly once, whole pages to a shard', () => {
    const seen = shards.flatMap((shard) => shard.results.map(identity)).sort();
    expect(seen).toEqual(whole.results.map(identity).sort());
    const pagesOf = (report: TestReport) => new Set(report.results.map((r) => r.file));
    for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) expect([...pagesOf(shards[a])].filter((p) => pagesOf(shards[b]).has(p))).toEqual([]);
    expect(shards.map((shard) => shard.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    for (const shard of shards) expect(reportSchemaErrors(shard)).toEqual([]);
  });

  it('merges into the summary of the unsharded run', async () => {
    const { code, stdout, stderr } = await runCli(['merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', '--reporter', 'json'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const merged = JSON.parse(stdout) as TestReport;
    expect(reportSchemaErrors(merged)).toEqual([]);
    const comparable = ({ durationMs: _d, sandbox: _s, ...rest }: TestReport['summary']) => rest;
    expect(comparable(merged.summary)).toEqual(comparable(whole.summary));
    expect(merged.results.map(identity)).toEqual(whole.results.map(identity));
    expect(merged.diagnostics).toEqual(whole.diagnostics);
    expect(merged.merged).toEqual({ reports: 3, shards: [1, 2, 3].map((index) => ({ index, count: 3 })) });
    expect(merged.shard).toBeNull();
  });

  it('renders the merge with any reporter', async () => {
    const { code, stdout } = await runCli(['merge', 'shard-3.json', 'shard-1.json', 'shard-2.json', '--reporter', 'default', '--reporter', 'junit', '--output.junit', 'junit.xml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ Merged +3 report\(s\)$/m);
    expect(stdout).toMatch(new RegExp(`^ Samples +${whole.summary.pass} passed, ${whole.summary.fail} failed, 0 errors, 0 skipped \\(${whole.summary.total}\\)$`, 'm'));
    expect(await junitSchemaErrors(await readFile(join(dir, 'junit.xml'), 'utf8'))).toEqual([]);
  });

  it('balances by the previous report with --shard-durations, and says when there is none yet', async () => {
    const { stderr, code } = await runCli(['test', DOCS, ...LANGS, '--shard', '2/2', '--shard-durations', join(dir, 'whole.json'), '--reporter', 'json', '--output', join(dir, 'timed.json')], { cwd: projectRoot });
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
    const timed = JSON.parse(await readFile(join(dir, 'timed.json'), 'utf8')) as TestReport;
    const weights = new Map<string, number>();
    for (const r of whole.results) weights.set(r.file, (weights.get(r.file) ?? 0) + r.durationMs);
    const samples = new Map<string, number>();
    for (const r of whole.results) samples.set(r.file, (samples.get(r.file) ?? 0) + 1);
    expect(new Set(timed.results.map((r) => r.file))).toEqual(shardPages(samples, { index: 2, count: 2, durations: weights }));

    const missing = await runCli(['test', DOCS, ...LANGS, '--shard', '1/2', '--shard-durations', 'no-such.json', '--reporter', 'json', '--output', join(dir, 'x.json')], { cwd: projectRoot });
    expect(missing.stderr).toBe('doc-harness: --shard-durations: no report at no-such.json yet; balancing the shards by sample count\n');
  });
});

describe('doc-harness merge refuses what would count a sample twice', () => {
  let dir: string;
  const shard = (index: number, count: number, results = knownResults().filter((_, k) => k % count === index - 1)) =>
    JSON.stringify(reportOf(results, { shard: { index, count } }));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doc-harness-merge-'));
    await writeFile(join(dir, '1of2.json'), shard(1, 2));
    await writeFile(join(dir, '2of2.json'), shard(2, 2));
    await writeFile(join(dir, '1of3.json'), shard(1, 3));
    await writeFile(join(dir, 'whole.json'), JSON.stringify(reportOf(knownResults())));
    await writeFile(join(dir, 'overlap.json'), shard(2, 2, knownResults()));
    await writeFile(join(dir, 'passing-2of2.json'), shard(2, 2, knownResults().filter((r) => r.verdict === 'pass')));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [['1of2.json', '1of2.json'], /^doc-harness: merge: shard 1\/2 is given twice \(1of2\.json and 1of2\.json\)$/],
    [['1of2.json', '1of3.json'], /^doc-harness: merge: the reports are shards of different splits \(of 2 and 3\)$/],
    [['1of2.json', 'whole.json'], /^doc-harness: merge: some reports are shards and some are whole runs/],
    [['1of2.json', 'overlap.json'], /^doc-harness: docs\/devices\/get\.md:15 \(javascript\) is in both 1of2\.json and overlap\.json: these reports overlap$/],
    [['nothing.json'], /^doc-harness: cannot read nothing\.json: ENOENT$/],
  ])('exits 2 on %j', async (files, message) => {
    const { code, stderr, stdout } = await runCli(['merge', ...files], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(message);
    expect(stdout).toBe('');
  });

  it('marks the merge incomplete when a shard is missing, and exits 1 though every sample it has passed', async () => {
    const { code, stderr, stdout } = await runCli(['merge', 'passing-2of2.json', '--json'], { cwd: dir });
    expect(stderr).toBe('doc-harness: merge: shard(s) 1/2 missing: the merged report is incomplete\n');
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as TestReport).summary.incomplete).toBe(true);
  });
});
