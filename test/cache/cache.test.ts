// The result cache: each thing a verdict depends on is in the key (change it, and the sample runs
// again), cached results are marked in every reporter, and --no-cache runs everything.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultCache, type CacheSettings } from '../../harness/engine/cache.ts';
import { codeStamp } from '../../harness/project.ts';
import { select, type Selected } from '../../harness/engine/select.ts';
import { extractMarkdown } from '../../harness/extract/index.ts';
import type { Profile } from '../../harness/profile.ts';
import type { TestReport } from '../../harness/report/test/report.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { runCli } from '../cli/run.ts';
import { acmeDocs, type AcmeDocs } from '../profile/acme.ts';

const PAGE = (request: string, response: string, above = '') => `# Get a device
${above}
{% tabs %}
{% tab title="JavaScript" %}
#### Request

\`\`\`javascript
${request}
\`\`\`

#### Response

\`\`\`javascript
${response}
\`\`\`
{% endtab %}
{% endtabs %}
`;
const REQUEST = 'await seam.devices.get({ device_id: "d-1" });';
const RESPONSE = '{ "device_id": "d-1" }';

function entry(text: string): Selected {
  const page = extractMarkdown(text, 'docs/devices/get.md', { profile: seamProfile });
  return select([page], { paths: [], cwd: '.', env: {}, profile: seamProfile, cacheDir: '' })[0];
}

const SETTINGS: CacheSettings = { strict: false, timeoutMs: 15_000, sandbox: 'auto', limits: {}, isolate: false, apiKey: seamProfile.fakeApiKey };
const TOOLCHAIN = { ready: true as const, client: 'seam', version: '1.245.0', notes: ['declares node >=22'] };
const RECORDING = [{ example: 'docs/devices/get.md#1', method: 'POST', path: '/devices/get', response: { device: { device_id: 'd-1' } } }];

function keyOf(options: { text?: string; profile?: Profile; settings?: Partial<CacheSettings>; toolchain?: typeof TOOLCHAIN; recording?: unknown } = {}): string {
  const cache = new ResultCache('/nowhere', options.profile ?? seamProfile, { ...SETTINGS, ...options.settings });
  return cache.key(entry(options.text ?? PAGE(REQUEST, RESPONSE)), options.toolchain ?? TOOLCHAIN, options.recording ?? RECORDING);
}

describe('the cache key', () => {
  const base = keyOf();

  it('is the same for the same sample, run the same way', () => {
    expect(keyOf()).toBe(base);
  });

  it.each([
    ['the request snippet', () => keyOf({ text: PAGE('await seam.devices.get({ device_id: "d-2" });', RESPONSE) })],
    ['the documented response', () => keyOf({ text: PAGE(REQUEST, '{ "device_id": "d-2" }') })],
    ['where the sample stands in its page (error positions name lines)', () => keyOf({ text: PAGE(REQUEST, RESPONSE, '\nA new paragraph above.\n') })],
    ['its recording', () => keyOf({ recording: [{ ...RECORDING[0], response: { device: { device_id: 'd-9' } } }] })],
    ['the client release', () => keyOf({ toolchain: { ...TOOLCHAIN, version: '1.246.0' } })],
    ['the toolchain (its notes: the runtime’s version)', () => keyOf({ toolchain: { ...TOOLCHAIN, notes: ['declares node >=24'] } })],
    ['the profile’s fake key', () => keyOf({ profile: { ...seamProfile, fakeApiKey: 'seam_other_fake_key' } })],
    ['the profile’s client', () => keyOf({ profile: { ...seamProfile, clients: { ...seamProfile.clients, javascript: { ...seamProfile.clients.javascript!, options: {} } } } })],
    ['the profile’s data release', () => keyOf({ profile: { ...seamProfile, dataVersion: () => '@seamapi/types 0.0.1' } })],
    ['--strict', () => keyOf({ settings: { strict: true } })],
    ['--timeout', () => keyOf({ settings: { timeoutMs: 1000 } })],
    ['the sandbox (--no-sandbox)', () => keyOf({ settings: { sandbox: 'none' } })],
    ['the sandbox limits (--memory-limit)', () => keyOf({ settings: { limits: { memoryBytes: 512 * 1024 * 1024 } } })],
  ])('changes with %s', (_what, changed) => {
    expect(changed()).not.toBe(base);
  });

  it('changes with the code that runs a sample: a runner folder or the harness code differing by a byte', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'doc-harness-stamp-'));
    try {
      await writeFile(path.join(dir, 'runner.ts'), 'export const a = 1;\n');
      await cp(dir, `${dir}-copy`, { recursive: true });
      expect(codeStamp([`${dir}-copy`])).toBe(codeStamp([dir]));
      await cp(dir, `${dir}-edited`, { recursive: true });
      await writeFile(path.join(`${dir}-edited`, 'runner.ts'), 'export const a = 2;\n');
      expect(codeStamp([`${dir}-edited`])).not.toBe(codeStamp([dir]));
    } finally {
      for (const folder of [dir, `${dir}-copy`, `${dir}-edited`]) await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('a run over docs that did not change', () => {
  let acme: AcmeDocs;
  let cacheDir: string;
  const test = (extra: string[]) =>
    runCli(['test', 'docs', '--profile', acme.profile, '--sdk', `javascript=${acme.client}`, ...extra], {
      cwd: acme.dir,
      env: { PATH: process.env.PATH, DOC_HARNESS_CACHE: cacheDir, NO_COLOR: '1' },
    });
  const report = async (extra: string[] = []) => {
    const file = path.join(acme.dir, `report-${Math.random()}.json`);
    await test([...extra, '--reporter', 'json', '--output', file]);
    return JSON.parse(await readFile(file, 'utf8')) as TestReport;
  };
  beforeAll(async () => {
    acme = await acmeDocs();
    cacheDir = path.join(acme.dir, 'cache');
  }, 60_000);
  afterAll(() => rm(acme.dir, { recursive: true, force: true }));

  it('answers from the cache, marked in every reporter; --no-cache runs everything again', async () => {
    const first = await report();
    expect(first.results.filter((r) => r.cached)).toEqual([]);
    const second = await report();
    // The same verdicts, each marked, and counted.
    expect(second.results.map((r) => [r.sampleId, r.verdict, r.cached])).toEqual(first.results.map((r) => [r.sampleId, r.verdict, true]));
    expect(second.results.map((r) => r.differences)).toEqual(first.results.map((r) => r.differences));
    expect(second.summary.cached).toBe(4);

    const human = await test([]);
    expect(human.stdout).toMatch(/^ Cache {7}4 of 4 from the result cache/m);
    const junit = path.join(acme.dir, 'junit.xml');
    const html = path.join(acme.dir, 'report.html');
    const github = await runCli(
      ['test', 'docs', '--profile', acme.profile, '--sdk', `javascript=${acme.client}`, '--reporter', 'github', '--reporter', 'junit', '--output.junit', junit, '--reporter', 'html', '--output.html', html],
      { cwd: acme.dir, env: { PATH: process.env.PATH, DOC_HARNESS_CACHE: cacheDir, GITHUB_STEP_SUMMARY: path.join(acme.dir, 'summary.md') } },
    );
    expect(github.code).toBe(1);
    expect((await readFile(junit, 'utf8')).match(/cached: the verdict of an earlier run/g)).toHaveLength(4);
    expect((await readFile(html, 'utf8')).match(/"cached":true/g)).toHaveLength(4);
    expect(await readFile(path.join(acme.dir, 'summary.md'), 'utf8')).toMatch(/\(4 from the result cache\)/);

    const fresh = await report(['--no-cache']);
    expect(fresh.results.filter((r) => r.cached)).toEqual([]);
    expect(fresh.summary.cached).toBeUndefined();
  }, 120_000);

  it('runs again what an edit changed, and only that', async () => {
    await report();
    const page = path.join(acme.dir, 'docs', 'widgets', 'rename.md');
    await writeFile(page, (await readFile(page, 'utf8')).replace('"name": "Gear"', '"name": "Cog"'));
    const after = await report();
    const cached = Object.fromEntries(after.results.map((r) => [r.sampleId, r.cached === true]));
    expect(cached).toEqual({
      'widgets/get.md#1:javascript': true,
      'widgets/get.md#1:curl': true,
      'widgets/rename.md#1:javascript': false,
      'widgets/rename.md#1:curl': true,
    });
    expect(after.results.every((r) => r.verdict === 'pass')).toBe(true);
  }, 120_000);
});
