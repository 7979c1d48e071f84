// Where the answers come from: recordings derived for the run when a page has none, lockdown
// (CI) refusing to derive, and a cassette that does not load reported without losing the rest.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enginePath, resultOf, runFixtures, shownPath } from './helpers.ts';

const RUNNABLE = ['javascript', 'seam_cli', 'curl'];
const DELETE = 'Delete an Access Code';
const LIST = 'List Access Codes';

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('lockdown', () => {
  it.each([
    ['CI=true', { CI: 'true' }],
    ['DOC_HARNESS_MODE=lockdown', { DOC_HARNESS_MODE: 'lockdown' }],
  ])('under %s, a page without recordings is an error for every sample, naming the cassette, and nothing is derived', async (_, env) => {
    const run = await runFixtures([enginePath('docs', 'access_codes')], { env, languages: RUNNABLE });
    expect(run.results).toHaveLength(6);
    for (const result of run.results) {
      const page = result.title === DELETE ? 'delete' : 'list';
      const cassette = shownPath('docs', '__recordings__', 'access_codes', `${page}.json`);
      expect(result, `${result.title} ${result.language}`).toMatchObject({ verdict: 'error', error: { kind: 'recording' }, requests: [] });
      expect(result.error?.message).toBe(
        `no recording for access_codes/${page}.md#1 in ${cassette} (lockdown: record it with \`doc-harness record\`)`,
      );
      expect(result.reason).toBe(`recording: ${result.error?.message}`);
    }
    expect(run.summary.recordings).toMatchObject({ mode: 'lockdown', loaded: 0, derived: 0, missing: 2 });
    expect(run.recordings.definitions).toEqual([]);
  });

  it('reads only the environment it is given, never the process’s own', async () => {
    const before = process.env.CI;
    process.env.CI = 'true';
    try {
      const run = await runFixtures([enginePath('docs', 'access_codes')], { env: {}, languages: ['curl'] });
      expect(run.summary.recordings).toMatchObject({ mode: 'replay', derived: 2, missing: 0 });
      expect(run.results.map((r) => r.verdict)).toEqual(['pass', 'pass']);
    } finally {
      if (before === undefined) delete process.env.CI;
      else process.env.CI = before;
    }
  });

  it('does not count CI=false or an empty CI as CI', async () => {
    for (const CI of ['false', '0', '']) {
      const run = await runFixtures([enginePath('docs', 'access_codes')], { env: { CI }, languages: ['curl'], grep: /delete/ });
      expect(run.summary.recordings.mode, `CI=${JSON.stringify(CI)}`).toBe('replay');
    }
  });
});

describe('recordings derived for the run', () => {
  it('answers a page without a cassette from its own documented responses, and says so', async () => {
    const run = await runFixtures([enginePath('docs', 'access_codes')], { languages: RUNNABLE });
    expect(run.results.map((r) => r.verdict)).toEqual(Array(6).fill('pass'));
    expect(run.summary.recordings).toMatchObject({ mode: 'replay', loaded: 0, derived: 2, missing: 0, folder: shownPath('docs', '__recordings__') });
    expect([...run.recordings.derived].sort()).toEqual(['access_codes/delete.md#1', 'access_codes/list.md#1']);
  });
});

describe('a cassette that is not JSON', () => {
  it('is an error-level diagnostic naming the file, and every example still runs', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'doc-harness-engine-rec-'));
    temps.push(folder);
    const broken = join(folder, 'access_codes', 'delete.json');
    await mkdir(join(folder, 'access_codes'), { recursive: true });
    await writeFile(broken, '[{ "example": "access_codes/delete.md#1", ');

    const run = await runFixtures([enginePath('docs', 'access_codes')], { recordings: folder, languages: ['javascript', 'curl'] });
    const errors = run.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'recording-invalid', line: 1, column: 1 });
    expect(errors[0].message).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?: not valid JSON`));
    expect(run.summary.diagnostics.error).toBe(1);

    // The list page (its cassette absent) and the delete page (its cassette unreadable) both run.
    for (const title of [LIST, DELETE]) {
      for (const language of ['javascript', 'curl']) expect(resultOf(run, title, language).verdict, `${title} ${language}`).toBe('pass');
    }
    expect(run.summary.recordings).toMatchObject({ loaded: 0, derived: 2 });
  });
});

describe('pages from two docs trees that keep their own recordings', () => {
  it('warns once per other tree that its recordings are not the ones this run uses', async () => {
    const run = await runFixtures([enginePath('docs', 'locks'), enginePath('hostile', 'locks')], { languages: ['javascript'] });
    const warnings = run.diagnostics.filter((d) => d.rule === 'recordings-root');
    expect(warnings.map((d) => [d.file, d.severity])).toEqual([
      [shownPath('docs', 'locks', 'unlock_door.md'), 'warning'],
      [shownPath('hostile', 'locks', 'get.md'), 'warning'],
    ]);
    expect(warnings[0].message).toBe(
      `this page's docs keep recordings in ${shownPath('docs', '__recordings__')}, but this run uses ${shownPath('__recordings__')}; test each docs tree on its own`,
    );
  });

  it('says nothing when the run names its recordings folder', async () => {
    const run = await runFixtures([enginePath('docs', 'locks'), enginePath('hostile', 'locks')], {
      languages: ['javascript'],
      recordings: enginePath('docs', '__recordings__'),
    });
    expect(run.diagnostics.filter((d) => d.rule === 'recordings-root')).toEqual([]);
  });
});
