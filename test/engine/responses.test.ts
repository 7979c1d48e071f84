// The documented response against what the client returned from a hand-made recording: a value
// that differs is a fail with its path; an undocumented null field passes, unless --strict.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../harness/engine/engine.ts';
import { enginePath, lineWith, pageLines, resultOf, runFixtures, shownPath } from './helpers.ts';

const UNLOCK = 'Unlock a Door';
const GET = 'Get a Device';
const LANGUAGES = ['javascript', 'seam_cli', 'curl'];

let loose: TestRun;
let strict: TestRun;
beforeAll(async () => {
  // One after the other: each run starts its own children, and two cores are all CI may have.
  loose = await runFixtures([enginePath('docs', 'locks'), enginePath('docs', 'devices')]);
  strict = await runFixtures([enginePath('docs', 'locks'), enginePath('docs', 'devices')], { strict: true });
}, 120_000);

describe('a documented response that differs from the recording', () => {
  it('fails in every language with the path and both values', () => {
    for (const language of LANGUAGES) {
      const result = resultOf(loose, UNLOCK, language);
      expect(result, language).toMatchObject({
        verdict: 'fail',
        reason: '$.status: documented "pending", returned "success"',
        differences: ['$.status: documented "pending", returned "success"'],
        endpoint: 'POST /locks/unlock_door',
        file: shownPath('docs', 'locks', 'unlock_door.md'),
      });
      expect(result.error).toBeUndefined();
      expect(result.client).toMatch(/\S+ \d+\.\d+\.\d+/);
    }
  });

  it('fails the Seam CLI tab at its own command line', () => {
    const lines = pageLines('docs', 'locks', 'unlock_door.md');
    expect(resultOf(loose, UNLOCK, 'seam_cli')).toMatchObject({
      line: lineWith(lines, 'seam locks unlock-door --device_id'),
      column: 1,
      requests: [{ path: '/locks/unlock_door', matched: true, status: 200 }],
    });
  });

  it('counts the fails in the summary, by language', () => {
    expect(loose.summary).toMatchObject({ total: 6, pass: 3, fail: 3, error: 0, skip: 0 });
    for (const language of LANGUAGES) expect(loose.summary.byLanguage[language]).toEqual({ total: 2, pass: 1, fail: 1, error: 0, skip: 0 });
    expect(loose.summary.recordings).toMatchObject({ mode: 'replay', loaded: 2, derived: 0, missing: 0 });
  });
});

describe('an undocumented field the recording returns as null', () => {
  it('passes by default, saying what was allowed', () => {
    for (const language of LANGUAGES) {
      expect(resultOf(loose, GET, language), language).toMatchObject({
        verdict: 'pass',
        reason: 'matches the documented response; 1 undocumented field(s) returned null or empty',
      });
    }
  });

  it('fails under strict, naming the field', () => {
    for (const language of LANGUAGES) {
      expect(resultOf(strict, GET, language), language).toMatchObject({
        verdict: 'fail',
        differences: ['$.nickname: returned null, not documented'],
      });
    }
    // Strict changes nothing about a value that differs anyway.
    expect(resultOf(strict, UNLOCK, 'javascript').differences).toEqual(['$.status: documented "pending", returned "success"']);
    expect(strict.summary).toMatchObject({ pass: 0, fail: 6 });
  });
});
