// Generations 2 and 3 of the docs format (fixtures written from doc-formats.md): every example
// found, nothing lost, without configuration.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract, type ExtractResult } from '../../harness/extract/index.ts';
import type { Page } from '../../harness/model.ts';
import { fixturePath, projectRoot } from '../helpers/corpus.ts';
import { expectPagePositions, lineOf, linesOf } from './helpers.ts';

const GEN2 = 'test/fixtures/extract/generation-2/create_noise_threshold.md';

describe('generation 2: #### Code / #### Output, cURL, descriptions in tabs, ## Examples', () => {
  let page: Page;
  let result: ExtractResult;
  let text: string;
  beforeAll(async () => {
    result = await extract([GEN2], { cwd: projectRoot });
    page = result.pages[0];
    text = readFileSync(fixturePath('extract/generation-2/create_noise_threshold.md'), 'utf8');
  });

  it('finds all 7 groups of the page, each with its 7 languages, and the unknown tab kept apart', () => {
    expect(page.examples).toHaveLength(7);
    for (const e of page.examples) {
      expect(e.samples.filter((s) => s.supported).map((s) => s.language)).toEqual(['javascript', 'curl', 'python', 'ruby', 'php', 'go', 'seam_cli']);
    }
    expect(page.examples.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => lineOf(text, '{% tabs %}', n)));
  });

  it('titles the first group with the page title and the rest with their ### headings and descriptions', () => {
    expect(page.examples.map((e) => e.title)).toEqual([
      'Create a Noise Threshold',
      'Set the quiet period',
      'Set the level in decibels',
      'Set the level as a Noise Risk Score',
      'Name the threshold',
      'Combine a period and a level',
      'Create a threshold for a second sensor',
    ]);
    expect(page.examples[0].description).toMatch(/^Creates a noise threshold on a noise sensor/);
    expect(page.examples[1].description).toBe('Give `starts_daily_at` and `ends_daily_at` to choose when the threshold applies.');
    expect(page.examples[6].description).toBe('Each sensor holds its own thresholds.');
  });

  it('keeps the description inside each tab', () => {
    for (const [i, e] of page.examples.entries()) {
      for (const s of e.samples) expect(s.description).toBe(`Example ${i + 1} in ${s.title}.`);
    }
  });

  it('keeps a tab of an unknown language, marked unsupported, with an info diagnostic', () => {
    const csharp = page.examples[2].samples.find((s) => s.title === 'C#')!;
    expect(csharp).toMatchObject({ language: 'csharp', supported: false, id: 'create_noise_threshold.md#3:csharp' });
    expect(csharp.request.code).toMatch(/^seam\.NoiseSensors\.NoiseThresholds\.Create\(/);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ rule: 'unknown-language', severity: 'info', line: lineOf(text, '{% tab title="C#" %}'), column: 1 }),
    ]);
  });

  it('reads cURL requests and their wrapped responses', () => {
    const curl = page.examples[1].samples.find((s) => s.language === 'curl')!;
    expect(curl.title).toBe('cURL');
    expect(curl.request.code.split('\n')[0]).toBe('curl --include --request POST "https://connect.getseam.com/noise_sensors/noise_thresholds/create" \\');
    expect(curl.request.code.split('\n').at(-1)).toBe('EOF');
    expect(JSON.parse(curl.response.code)).toHaveProperty('noise_threshold.noise_threshold_id');
  });

  it('reads the declared return from ## Response and the endpoint line without a shape', () => {
    expect(page.endpoint).toMatchObject({ method: 'POST', path: '/noise_sensors/noise_thresholds/create', returns: null });
    expect(page.returns).toEqual({ kind: 'resource', key: 'noise_threshold' });
    expect(page.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['device_id', 'string', true],
      ['noise_threshold_decibels', 'number', false],
      ['noise_threshold_nrs', 'number', false],
      ['name', 'string', false],
      ['starts_daily_at', 'string', false],
      ['ends_daily_at', 'string', false],
    ]);
  });

  it('places every block exactly', () => {
    expectPagePositions(page, fixturePath('extract/generation-2/create_noise_threshold.md'));
  });
});

describe('generation 3: #### Code: / #### Output:, no Go, Returns: hints, a JSON resource tab', () => {
  let result: ExtractResult;
  const page = (name: string) => result.pages.find((p) => p.file.endsWith(name))!;
  beforeAll(async () => {
    result = await extract(['test/fixtures/extract/generation-3'], { cwd: projectRoot });
  });

  it('reads both pages of the folder, ids relative to it', () => {
    expect(result.files).toEqual([
      'test/fixtures/extract/generation-3/connect_webviews/list.md',
      'test/fixtures/extract/generation-3/webhooks/delete.md',
    ]);
    expect(result.root).toBe(fixturePath('extract/generation-3'));
    expect(result.pages.flatMap((p) => p.examples.map((e) => e.id))).toEqual([
      'connect_webviews/list.md#1', 'connect_webviews/list.md#2', 'connect_webviews/list.md#3', 'webhooks/delete.md#1',
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('finds every group with its six languages', () => {
    for (const e of result.pages.flatMap((p) => p.examples)) {
      expect(e.samples.map((s) => s.language)).toEqual(['javascript', 'curl', 'python', 'ruby', 'php', 'seam_cli']);
    }
    expect(page('list.md').examples.map((e) => e.title)).toEqual([
      'List Connect Webviews', 'List the webviews of one user', 'Limit the number of webviews',
    ]);
  });

  it('counts the single JSON tab after the hint as another group, not an example', () => {
    const text = readFileSync(fixturePath('extract/generation-3/connect_webviews/list.md'), 'utf8');
    expect(page('list.md').others).toEqual([
      {
        file: 'test/fixtures/extract/generation-3/connect_webviews/list.md',
        line: lineOf(text, '{% tabs %}', 4),
        column: 1,
        reason: 'resource sample: a single JSON tab',
        tabs: ['JSON'],
      },
    ]);
  });

  it('reads the Returns: hints', () => {
    expect(page('list.md').returns).toEqual({ kind: 'list', key: 'connect_webviews', item: 'connect_webview' });
    expect(page('delete.md').returns).toEqual({ kind: 'void' });
    expect(page('list.md').parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['limit', 'Number', false],
      ['user_identifier_key', 'String', false],
    ]);
    expect(page('delete.md').parameters.map((p) => [p.name, p.type, p.required])).toEqual([['webhook_id', 'String', true]]);
  });

  it('keeps an empty response fence as a void response, positioned', () => {
    const file = fixturePath('extract/generation-3/webhooks/delete.md');
    const lines = linesOf(readFileSync(file, 'utf8'));
    const php = page('delete.md').examples[0].samples.find((s) => s.language === 'php')!;
    expect(php.response.code).toBe('');
    expect(php.response.info).toBe('php');
    expect(lines[php.response.position.start.line]).toBe('```php');
    expect(php.response.position.end.line).toBe(php.response.position.start.line + 1);
    expect(php.request.code).toBe('$seam->webhooks->delete(webhook_id: "wh-7");');
  });

  it('reads a cURL request with no body', () => {
    const curl = page('list.md').examples[0].samples.find((s) => s.language === 'curl')!;
    expect(curl.request.code).not.toMatch(/--json|EOF/);
    expect(curl.request.code.split('\n')).toHaveLength(2);
  });

  it('places every block exactly', () => {
    for (const p of result.pages) expectPagePositions(p, `${projectRoot}/${p.file}`);
  });
});
