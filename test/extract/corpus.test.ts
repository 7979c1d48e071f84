// The real Seam API reference (generation 1): every example found, every position right.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract, type ExtractResult } from '../../harness/extract/index.ts';
import { corpusPath, corpusSkipReason, hasCorpus } from '../helpers/corpus.ts';
import { expectPagePositions, lineOf } from './helpers.ts';

describe.skipIf(!hasCorpus)(`the Seam corpus${hasCorpus ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  let result: ExtractResult;
  beforeAll(async () => {
    result = await extract([corpusPath], { cwd: corpusPath });
  });

  it('reads all 96 files, 62 of them pages with examples', () => {
    expect(result.files).toHaveLength(96);
    expect(result.pages.filter((p) => p.examples.length > 0)).toHaveLength(62);
  });

  it('finds 64 example groups and 384 samples, 64 in each of the 6 languages', () => {
    const examples = result.pages.flatMap((p) => p.examples);
    const samples = examples.flatMap((e) => e.samples);
    expect(examples).toHaveLength(64);
    expect(samples).toHaveLength(384);
    const perLanguage: Record<string, number> = {};
    for (const s of samples) perLanguage[s.language] = (perLanguage[s.language] ?? 0) + 1;
    expect(perLanguage).toEqual({ javascript: 64, python: 64, ruby: 64, php: 64, seam_cli: 64, go: 64 });
    expect(samples.every((s) => s.supported)).toBe(true);
    expect(examples.every((e) => e.incomplete === undefined)).toBe(true);
    expect(result.pages.flatMap((p) => p.others)).toHaveLength(0);
  });

  it('names each sample by its fence and agrees with the tab title without " TEST"', () => {
    const byTitle: Record<string, string> = {
      'JavaScript TEST': 'javascript', 'Python TEST': 'python', 'Ruby TEST': 'ruby',
      'PHP TEST': 'php', 'Seam CLI TEST': 'seam_cli', 'Go TEST': 'go',
    };
    for (const s of result.pages.flatMap((p) => p.examples).flatMap((e) => e.samples)) {
      expect(s.language).toBe(byTitle[s.title]);
      expect(s.request.info).toBe(s.language);
    }
  });

  it('gives every example and sample a unique id relative to the corpus root', () => {
    const examples = result.pages.flatMap((p) => p.examples);
    expect(new Set(examples.map((e) => e.id)).size).toBe(64);
    expect(new Set(examples.flatMap((e) => e.samples.map((s) => s.id))).size).toBe(384);
    expect(examples.find((e) => e.file.endsWith('thermostats/set_fan_mode.md'))?.id).toBe('thermostats/set_fan_mode.md#1');
  });

  it('puts every request and response at its exact place in the file', () => {
    let blocks = 0;
    for (const page of result.pages) {
      expectPagePositions(page, join(corpusPath, page.file));
      blocks += page.examples.reduce((n, e) => n + e.samples.length * 2, 0);
    }
    expect(blocks).toBe(768);
  });

  it('reads the page that opens {% tabs %} three times as 3 groups, with a warning at each reopening', () => {
    const file = 'acs/users/create.md';
    const page = result.pages.find((p) => p.file === file)!;
    const text = readFileSync(join(corpusPath, file), 'utf8');
    expect(page.examples.map((e) => e.line)).toEqual([1, 2, 3].map((n) => lineOf(text, '{% tabs %}', n)));
    expect(page.examples.map((e) => e.samples.length)).toEqual([6, 6, 6]);
    const warnings = result.diagnostics.filter((d) => d.file === file);
    expect(warnings.map((d) => [d.rule, d.severity, d.line, d.column])).toEqual([
      ['tabs-reopened', 'warning', lineOf(text, '{% tabs %}', 2), 1],
      ['tabs-reopened', 'warning', lineOf(text, '{% tabs %}', 3), 1],
    ]);
  });

  it('reports nothing else on the corpus', () => {
    expect(result.diagnostics.filter((d) => d.rule !== 'tabs-reopened')).toEqual([]);
  });

  it('reads endpoints, parameters and return types', () => {
    const page = result.pages.find((p) => p.file === 'thermostats/set_fan_mode.md')!;
    expect(page.endpoint).toMatchObject({ method: 'POST', path: '/thermostats/set_fan_mode', returns: { kind: 'resource', key: 'action_attempt' } });
    expect(page.returns).toEqual({ kind: 'resource', key: 'action_attempt' });
    expect(page.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['device_id', 'string', true],
      ['fan_mode', 'string', false],
      ['fan_mode_setting', 'string', false],
    ]);
    const assign = result.pages.find((p) => p.file === 'acs/credentials/assign.md')!;
    expect(assign.endpoint).toMatchObject({ method: 'PATCH', returns: { kind: 'void' } });
    expect(assign.returns).toEqual({ kind: 'void' });
    const list = result.pages.find((p) => p.file === 'acs/users/list.md')!;
    expect(list.endpoint?.returns).toEqual({ kind: 'list', key: 'acs_users', item: 'acs_user' });
    expect(list.returns).toEqual({ kind: 'list', key: 'acs_users', item: 'acs_user' });
    // Every page with examples has its endpoint line, and its examples carry it.
    for (const p of result.pages.filter((q) => q.examples.length > 0)) {
      expect(p.endpoint, p.file).not.toBeNull();
      for (const e of p.examples) expect(e.endpoint).toBe(p.endpoint);
    }
  });

  it('titles generation-1 examples with the page title and describes them with the page description', () => {
    const page = result.pages.find((p) => p.file === 'acs/credentials/assign.md')!;
    expect(page.examples[0].title).toBe(page.title);
    expect(page.title).toBe(readFileSync(join(corpusPath, 'acs/credentials/assign.md'), 'utf8').split('\n')[0].replace(/^# /, ''));
    expect(page.examples[0].description).toMatch(/^Assigns a specified \[credential\]/);
  });
});
