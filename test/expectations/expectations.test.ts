// Known defects: each state an expectation can be in (expected, fixed, different), what each
// does to the exit status (also under --strict-expectations), how reporters show them, a bad
// file, --update-expectations, and the docs' own <!-- doc-harness: skip --> annotation.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Expectation } from '../../harness/engine/expectations.ts';
import type { TestReport } from '../../harness/report/test/report.ts';
import { runCli } from '../cli/run.ts';
import { acmeDocs, type AcmeDocs } from '../profile/acme.ts';

let acme: AcmeDocs;
let file: string;
beforeAll(async () => {
  acme = await acmeDocs();
  file = path.join(acme.dir, 'known.json');
}, 60_000);
afterAll(() => rm(acme.dir, { recursive: true, force: true }));

/** `test` on the Acme docs with `entries` as the expectations file: its exit status and JSON report (and its human output). */
async function run(entries: Expectation[] | null, extra: string[] = []) {
  if (entries) await writeFile(file, JSON.stringify({ expectations: entries }));
  const json = path.join(acme.dir, `report-${Math.random()}.json`);
  const ran = await runCli(
    ['test', 'docs', '--profile', acme.profile, '--sdk', `javascript=${acme.client}`, '--expectations', file, '--reporter', 'default', '--reporter', 'json', '--output.json', json, ...extra],
    // The result cache is the test's own: after the first run, each case answers from it.
    { cwd: acme.dir, env: { PATH: process.env.PATH, DOC_HARNESS_CACHE: path.join(acme.dir, 'cache'), NO_COLOR: '1' } },
  );
  const report = ran.code === 2 ? undefined : (JSON.parse(await readFile(json, 'utf8')) as TestReport);
  const state = (sampleId: string) => report?.results.find((r) => r.sampleId === sampleId)?.expectation?.state;
  return { ...ran, report, state };
}

const RENAME_JS = 'widgets/rename.md#1:javascript';
const known = (id: string, verdict: 'fail' | 'error' = 'fail'): Expectation => ({ id, verdict, reason: 'the docs say Gear', link: 'https://tracker.example/issues/7' });

describe('expected failures', () => {
  it('a failure the file expects is reported as expected and does not fail the run', async () => {
    const { code, report, state, stdout } = await run([known(RENAME_JS)]);
    expect(state(RENAME_JS)).toBe('expected');
    // Its verdict stays what it is.
    expect(report!.results.find((r) => r.sampleId === RENAME_JS)).toMatchObject({ verdict: 'fail', expectation: { verdict: 'fail', reason: 'the docs say Gear', link: 'https://tracker.example/issues/7' } });
    expect(report!.summary).toMatchObject({ fail: 1, expected: 1 });
    expect(stdout).toMatch(/^EXPECTED FAIL docs\/widgets\/rename\.md:\d+ {2}JavaScript {2}POST \/widgets\/rename: the docs say Gear \(https:\/\/tracker\.example\/issues\/7\)$/m);
    expect(stdout).toMatch(/1 failed \(1 expected\)/);
    expect(code).toBe(0);
  }, 120_000);

  it('an example id expects it of every sample of the example: the one that passes is fixed', async () => {
    const { code, state, stdout } = await run([known('widgets/rename.md#1')]);
    expect([state(RENAME_JS), state('widgets/rename.md#1:curl')]).toEqual(['expected', 'fixed']);
    expect(stdout).toMatch(/^FIXED docs\/widgets\/rename\.md:\d+ {2}cURL .*passes now: take it out of the expectations file$/m);
    // Fixed is good news: it fails the run only under --strict-expectations.
    expect(code).toBe(0);
    const strict = await run(null, ['--strict-expectations']);
    expect(strict.report!.summary).toMatchObject({ fixed: 1, strictExpectations: true });
    expect(strict.code).toBe(1);
  }, 120_000);

  it('a failure other than the one expected fails the run', async () => {
    const { code, state, stdout } = await run([known(RENAME_JS, 'error')]);
    expect(state(RENAME_JS)).toBe('different');
    expect(stdout).toMatch(/^UNEXPECTED docs\/widgets\/rename\.md:\d+ .*expected to error \(the docs say Gear.*\), got fail$/m);
    expect(code).toBe(1);
  }, 120_000);

  it('without an entry, the failure fails the run', async () => {
    const { code, report } = await run([]);
    expect(report!.results.some((r) => r.expectation)).toBe(false);
    expect(code).toBe(1);
  }, 120_000);

  it('JUnit shows an expected failure as skipped with its reason, and a fixed one as a failure under --strict-expectations', async () => {
    const junit = path.join(acme.dir, 'junit.xml');
    await run([known('widgets/rename.md#1')], ['--strict-expectations', '--reporter', 'junit', '--output.junit', junit]);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<skipped>expected fail \(known defect\): the docs say Gear \(https:\/\/tracker\.example\/issues\/7\)<\/skipped>/);
    expect(xml).toMatch(/<failure type="fixed" message="expected to fail \(the docs say Gear/);
    expect(xml).toMatch(/<testsuite name="docs\/widgets\/rename\.md" tests="2" failures="1" errors="0" skipped="1"/);
  }, 120_000);

  it('a file that is not an expectations file is a configuration error naming what is wrong', async () => {
    const bad = await run([{ id: 'widgets/rename.md', verdict: 'fail', reason: 'x' } as Expectation]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expectations file .*known\.json: \/expectations\/0\/id: must match pattern/);
    const verdict = await run([{ id: RENAME_JS, verdict: 'pass', reason: 'x' } as unknown as Expectation]);
    expect(verdict.stderr).toMatch(/\/expectations\/0\/verdict: must be equal to one of the allowed values/);
    const twice = await run([known(RENAME_JS), known(RENAME_JS)]);
    expect(twice.stderr).toMatch(/widgets\/rename\.md#1:javascript is listed twice/);
  }, 120_000);

  it('--update-expectations writes the current failures, keeps what an entry said, and drops the entries of samples that pass', async () => {
    await writeFile(file, JSON.stringify({ expectations: [known(RENAME_JS), known('widgets/get.md#1:curl')] }));
    const { code, state } = await run(null, ['--update-expectations']);
    const written = JSON.parse(await readFile(file, 'utf8')) as { expectations: Expectation[] };
    expect(written.expectations).toEqual([known(RENAME_JS)]);
    // The report is judged against the file as written.
    expect(state(RENAME_JS)).toBe('expected');
    expect(code).toBe(0);

    await rm(file);
    await run(null, ['--update-expectations']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ expectations: [{ id: RENAME_JS, verdict: 'fail', reason: '$.name: documented "Gear", returned "Cog"' }] });
  }, 120_000);
});

describe('<!-- doc-harness: skip reason --> in a page', () => {
  it('skips the group or the tab it stands before, with its reason, listed in the report', async () => {
    const get = path.join(acme.dir, 'docs', 'widgets', 'get.md');
    const rename = path.join(acme.dir, 'docs', 'widgets', 'rename.md');
    const [getText, renameText] = await Promise.all([readFile(get, 'utf8'), readFile(rename, 'utf8')]);
    try {
      await writeFile(get, getText.replace('{% tabs %}', '<!-- doc-harness: skip the widget service is down -->\n{% tabs %}'));
      await writeFile(rename, renameText.replace('{% tab title="JavaScript" %}', '<!-- doc-harness: skip   renaming waits for SDK 0.2 -->\n\n{% tab title="JavaScript" %}'));
      const { code, report, stdout } = await run([]);
      const skipped = report!.results.filter((r) => r.verdict === 'skip').map((r) => [r.sampleId, r.annotation, r.reason]);
      expect(skipped).toEqual([
        ['widgets/get.md#1:javascript', 'the widget service is down', 'skipped in the docs: the widget service is down'],
        ['widgets/get.md#1:curl', 'the widget service is down', 'skipped in the docs: the widget service is down'],
        ['widgets/rename.md#1:javascript', 'renaming waits for SDK 0.2', 'skipped in the docs: renaming waits for SDK 0.2'],
      ]);
      expect(report!.results.find((r) => r.sampleId === 'widgets/rename.md#1:curl')?.verdict).toBe('pass');
      expect(stdout).toMatch(/^SKIP docs\/widgets\/rename\.md:\d+ {2}JavaScript {2}POST \/widgets\/rename: renaming waits for SDK 0\.2 \(doc-harness: skip in the page\)$/m);
      expect(code).toBe(0);
    } finally {
      await Promise.all([writeFile(get, getText), writeFile(rename, renameText)]);
    }
  }, 120_000);
});
