// A second profile, end to end: the made-up Acme Widgets API (acme.ts) runs through `doc-harness
// test --profile <path>` with its own JavaScript client, in the sandbox, and nothing of it names
// Seam: the runners took their package, class, variable, options, environment and key from it.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestReport } from '../../harness/report/test/report.ts';
import { runCli } from '../cli/run.ts';
import { acmeDocs, type AcmeDocs } from './acme.ts';

let acme: AcmeDocs;
beforeAll(async () => {
  acme = await acmeDocs();
}, 60_000);
afterAll(() => rm(acme.dir, { recursive: true, force: true }));

/** Every file of the Acme docs repository, the client's source, the profile and the recordings. */
async function textOf(dir: string): Promise<string> {
  const names = (await readdir(dir, { recursive: true })) as string[];
  const texts = await Promise.all(names.filter((name) => /\.(md|json|js|mjs)$/.test(name)).map((name) => readFile(path.join(dir, name), 'utf8')));
  return texts.join('\n');
}

describe('a second profile: Acme Widgets', () => {
  it('has no Seam name in it anywhere', async () => {
    expect(await textOf(acme.dir)).not.toMatch(/seam/i);
  });

  it('runs its docs with its own client and key, and judges them', async () => {
    const report = path.join(acme.dir, 'report.json');
    const ran = await runCli(['test', 'docs', '--profile', acme.profile, '--sdk', `javascript=${acme.client}`, '--no-cache', '--reporter', 'json', '--output', report], {
      cwd: acme.dir,
      // Not CI: the local client may be installed; the cache is the test's own.
      env: { PATH: process.env.PATH, DOC_HARNESS_CACHE: path.join(acme.dir, 'cache') },
    });
    const json = JSON.parse(await readFile(report, 'utf8')) as TestReport;
    const verdicts = Object.fromEntries(json.results.map((r) => [`${r.exampleId}:${r.language}`, r.verdict]));
    expect(verdicts, ran.stderr).toEqual({
      'widgets/get.md#1:javascript': 'pass',
      'widgets/get.md#1:curl': 'pass',
      'widgets/rename.md#1:javascript': 'fail',
      'widgets/rename.md#1:curl': 'pass',
    });
    // The one wrong tab fails on the value it documents, not for want of a client.
    expect(json.results.find((r) => r.exampleId === 'widgets/rename.md#1' && r.language === 'javascript')?.differences).toEqual(['$.name: documented "Gear", returned "Cog"']);
    expect(json.summary.clients.javascript).toBe('acme-widgets 0.1.0');
    // Each tab's request reached the mock and matched its recording (so the key and URL were the profile's).
    for (const result of json.results) expect(result.requests).toEqual([expect.objectContaining({ method: 'POST', matched: true })]);
    expect(ran.code).toBe(1);
  }, 120_000);

  it('reads its docs by its own languages', async () => {
    const ran = await runCli(['list', 'docs', '--profile', acme.profile, '--json'], { cwd: acme.dir, env: {} });
    const listed = JSON.parse(ran.stdout) as { examples: Array<{ samples: Array<{ language: string }> }> };
    expect(listed.examples.flatMap((example) => example.samples.map((sample) => sample.language)).sort()).toEqual(['curl', 'curl', 'javascript', 'javascript']);
  });
});
