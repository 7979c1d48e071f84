// What a run selects and how it reports it: --lang and --grep, the tabs it cannot run (an unknown
// language, a language with no runner yet), the order of results and the markdown line of each,
// and the requests each sample sent, apart from its sibling tabs'.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../harness/engine/engine.ts';
import type { SampleResult } from '../../harness/engine/results.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { enginePath, pageLines, profileWithElixir, resultOf, runFixtures, shownPath } from './helpers.ts';

const DELETE = 'Delete an Access Code';
const LIST = 'List Access Codes';

let all: TestRun;
beforeAll(async () => {
  all = await runFixtures([enginePath('docs')]);
}, 120_000);

describe('tabs doc-harness cannot run', () => {
  it('skips a tab in a language the profile does not know, with the tab named', () => {
    expect(resultOf(all, LIST, 'elixir')).toMatchObject({
      verdict: 'skip',
      reason: 'the profile does not know the language of tab "Elixir"',
      client: null,
      requests: [],
    });
  });

  it('skips a language the profile knows but doc-harness has no runner for, saying so', async () => {
    const run = await runFixtures([enginePath('docs', 'access_codes', 'list.md')], { profile: profileWithElixir, languages: ['elixir', 'curl'] });
    expect(resultOf(run, LIST, 'elixir')).toMatchObject({ verdict: 'skip', reason: 'doc-harness has no Elixir runner yet', client: null });
    expect(resultOf(run, LIST, 'curl').verdict).toBe('pass');
    expect(run.summary.byLanguage.elixir).toEqual({ total: 1, pass: 0, fail: 0, error: 0, skip: 1 });
  });

  it('makes a language with no runner an error under requireAll', async () => {
    const run = await runFixtures([enginePath('docs', 'access_codes', 'list.md')], { profile: profileWithElixir, languages: ['elixir', 'curl'], requireAll: true });
    expect(resultOf(run, LIST, 'elixir')).toMatchObject({
      verdict: 'error',
      reason: 'doc-harness has no Elixir runner yet',
      error: { kind: 'harness', message: 'doc-harness has no Elixir runner yet' },
    });
    expect(resultOf(run, LIST, 'curl').verdict).toBe('pass');
  });
});

describe('a runner that cannot get ready', () => {
  it('fails its own samples with the reason, and the other languages still run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doc-harness-engine-cache-'));
    try {
      // A cache folder no install can be made in: its parent is a file.
      await writeFile(join(dir, 'file'), '');
      const run = await runFixtures([enginePath('docs', 'access_codes', 'delete.md')], { cacheDir: join(dir, 'file', 'cache') });
      for (const language of ['javascript', 'seam_cli', 'python']) {
        const result = resultOf(run, DELETE, language);
        expect(result, language).toMatchObject({ verdict: 'error', error: { kind: 'harness' }, client: null });
        expect(result.error?.message).toMatch(/^the (JavaScript|Seam CLI|Python) runner could not get ready: ENOTDIR: not a directory/);
      }
      // curl needs no install: it runs.
      expect(resultOf(run, DELETE, 'curl').verdict).toBe('pass');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('filters', () => {
  it('runs only the languages asked for', async () => {
    const run = await runFixtures([enginePath('docs', 'access_codes')], { languages: ['seam_cli'] });
    expect(run.results.map((r) => [r.title, r.language, r.verdict])).toEqual([
      [DELETE, 'seam_cli', 'pass'],
      [LIST, 'seam_cli', 'pass'],
    ]);
    expect(Object.keys(run.summary.clients)).toEqual(['seam_cli']);
  });

  it('runs only the examples whose "file:line endpoint title" matches --grep', async () => {
    const byPath = await runFixtures([enginePath('docs')], { grep: /unlock_door/, languages: ['curl'] });
    expect(byPath.results.map((r) => r.endpoint)).toEqual(['POST /locks/unlock_door']);
    const byTitle = await runFixtures([enginePath('docs')], { grep: /^\S+ POST \/access_codes\/\w+ List/, languages: ['curl', 'javascript'] });
    expect(byTitle.results.map((r) => `${r.title} ${r.language}`)).toEqual([`${LIST} javascript`, `${LIST} curl`]);
    // Recordings are prepared for the selected examples only.
    expect(byTitle.summary.recordings).toMatchObject({ loaded: 0, derived: 1 });
    const byLine = await runFixtures([enginePath('docs', 'access_codes')], { grep: /delete\.md:10 /, languages: ['curl'] });
    expect(byLine.results.map((r) => `${r.title} ${r.language}`)).toEqual([`${DELETE} curl`]);
    const none = await runFixtures([enginePath('docs', 'access_codes')], { grep: /no such example/ });
    expect(none.results).toEqual([]);
    expect(none.summary.total).toBe(0);
  });
});

describe('results', () => {
  it('are sorted by file, then example, then the profile’s language order', () => {
    const order = new Map(seamProfile.languages.map((language, index) => [language.id, index]));
    const key = (r: SampleResult) => [r.file, String(r.exampleLine).padStart(6, '0'), String(order.get(r.language) ?? 99).padStart(3, '0')].join('\0');
    const keys = all.results.map(key);
    expect(keys).toEqual([...keys].sort());
    expect([...new Set(all.results.map((r) => r.file))]).toEqual([
      shownPath('docs', 'access_codes', 'delete.md'),
      shownPath('docs', 'access_codes', 'list.md'),
      shownPath('docs', 'devices', 'get.md'),
      shownPath('docs', 'locks', 'unlock_door.md'),
    ]);
    expect(all.results.filter((r) => r.title === LIST).map((r) => r.language)).toEqual(['javascript', 'python', 'curl', 'seam_cli', 'elixir']);
  });

  it('point at the first line of each sample’s request in the markdown', () => {
    const first: Record<string, RegExp> = {
      javascript: /^await seam\.\w+\.\w+\(/,
      python: /^seam\.access_codes\.\w+\(/,
      seam_cli: /^seam [\w-]+ [\w-]+ --/,
      curl: /^curl --include --request POST /,
      elixir: /^Seam\.AccessCodes\.list\(/,
    };
    for (const result of all.results) {
      const lines = pageLines(...result.file.split('/').slice(3));
      expect(lines[result.line], `${result.file}:${result.line} (${result.language})`).toMatch(first[result.language]);
      expect(lines[result.line - 1]).toMatch(/^```/);
      expect(result.column).toBe(1);
      // The example line is its {% tabs %}.
      expect(lines[result.exampleLine]).toBe('{% tabs %}');
    }
  });

  it('carry the requests each sample sent, apart from the other tabs of its example', () => {
    for (const title of [DELETE, LIST]) {
      for (const language of ['javascript', 'seam_cli', 'curl']) {
        const result = resultOf(all, title, language);
        const path = title === DELETE ? '/access_codes/delete' : '/access_codes/list';
        // One request each: had the log not been kept per language, each would see all three.
        expect(result.requests, `${title} ${language}`).toEqual([{ method: expect.any(String), path, status: 200, matched: true }]);
      }
    }
    // The Seam CLI always POSTs; the JavaScript SDK lists with GET: each sees its own.
    expect(resultOf(all, LIST, 'seam_cli').requests[0].method).toBe('POST');
    expect(resultOf(all, LIST, 'curl').requests[0].method).toBe('POST');
  });

  it('name the client that ran each language, and no client where none ran', () => {
    expect(resultOf(all, DELETE, 'javascript').client).toMatch(/^seam \d+\.\d+\.\d+/);
    expect(resultOf(all, DELETE, 'seam_cli').client).toMatch(/^@seamapi\/cli \d+\.\d+\.\d+/);
    expect(resultOf(all, DELETE, 'curl').client).toMatch(/^curl \d+\.\d+\.\d+/);
    expect(resultOf(all, DELETE, 'python').client).toMatch(/^seam 3\.\d+\.\d+/);
    // The language the profile does not know ran on no client, and the summary names none for it.
    expect(resultOf(all, LIST, 'elixir').client).toBeNull();
    expect(all.summary.clients).toEqual({
      javascript: resultOf(all, DELETE, 'javascript').client,
      python: resultOf(all, DELETE, 'python').client,
      curl: resultOf(all, DELETE, 'curl').client,
      seam_cli: resultOf(all, DELETE, 'seam_cli').client,
    });
  });
});
