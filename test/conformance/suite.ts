// The conformance suite every runner passes: the cases of cases.ts, written as a small docs tree
// with its recordings, run end to end by the engine (extract → runner → mock → compare) in one
// batch and again with --isolate. Each case gets the verdict it must; the ordinary samples around
// the hostile ones pass; both runs give identical verdicts; nothing a sample started reaches the
// mock after it ended. A language joins with `conformance(cases)` in its own folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTests, type TestRun } from '../../harness/engine/engine.ts';
import type { SampleResult } from '../../harness/engine/results.ts';
import type { Json } from '../../harness/model.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { ACTION_ATTEMPT, DEVICE, DEVICE_2, type ConformanceLanguage, type Hostile, type SnippetPoint } from './cases.ts';

const API = seamProfile.apiOrigin;
/** Short enough for a suite, long enough for a client's first request in a cold interpreter. */
const TIMEOUT_MS = 4000;
const MEMORY_BYTES = 512 * 1024 * 1024;

type Route = 'get' | 'list' | 'action' | 'void';
const ENDPOINTS: Record<Route, string> = {
  get: 'POST /devices/get ⇒ { device }',
  list: 'POST /devices/list ⇒ { devices: [device, …] }',
  action: 'POST /locks/unlock_door ⇒ { action_attempt }',
  void: 'POST /access_codes/delete ⇒ void',
};

/** What the mock holds for every page: each route once, with the parameters the cases send. */
function definitions(example: string): Json[] {
  const base = { example, scope: API, method: 'POST', status: 200 };
  return [
    { ...base, path: '/devices/get', body: { device_id: 'd-1' }, response: { device: DEVICE, ok: true } },
    { ...base, path: '/devices/list', body: {}, response: { devices: [DEVICE, DEVICE_2], ok: true } },
    { ...base, path: '/locks/unlock_door', body: { device_id: 'd-1' }, response: { action_attempt: ACTION_ATTEMPT, ok: true } },
    { ...base, path: '/access_codes/delete', body: { access_code_id: 'ac-1' }, response: { ok: true } },
  ] as Json[];
}

/** What a case must get. `kinds`: the error kinds allowed; `at`: where the error must point. */
export interface Expectation {
  verdict: 'pass' | 'error' | 'any';
  kinds?: string[];
  message?: RegExp;
  at?: SnippetPoint;
}

export interface Case {
  id: string;
  route: Route;
  snippet: string;
  expect: Expectation;
}

/** The cases in the order the batch runs them: hostile ones between ordinary ones. */
function casesOf(lang: ConformanceLanguage): { cases: Case[]; notApplicable: Array<{ id: string; why: string }> } {
  const s = lang.snippets;
  const pass: Expectation = { verdict: 'pass' };
  const list: Array<[string, Route, Hostile, Expectation]> = [
    ['get', 'get', s.get, pass],
    ['infinite-loop', 'get', s.infiniteLoop, { verdict: 'error', kinds: ['timeout', 'limit'] }],
    ['list', 'list', s.list, pass],
    ['exit', 'get', s.exit, { verdict: 'error', kinds: ['runtime'] }],
    ['action', 'action', s.action, pass],
    ['raise', 'get', s.raise, { verdict: 'error', kinds: ['runtime'], message: /boom/, at: lang.positions.raise }],
    ['void', 'void', s.void, pass],
    ['syntax', 'get', s.syntax, { verdict: 'error', kinds: ['syntax', 'compile'], at: lang.positions.syntax }],
    ['get-2', 'get', s.get, pass],
    ['unrecorded', 'get', s.unrecorded, { verdict: 'error', kinds: ['unmatched'] }],
    ['foreign-host', 'get', s.foreignHost, { verdict: 'error', kinds: ['network', 'runtime'] }],
    ['mutate-global', 'get', s.mutateGlobal, { verdict: 'any' }],
    ['victim', 'get', s.victim, pass],
    ['leave-running', 'get', s.leaveRunning, { verdict: 'any' }],
    ['list-2', 'list', s.list, pass],
    ['memory-bomb', 'get', s.memoryBomb, { verdict: 'error', kinds: ['limit', 'runtime'] }],
    ['output-flood', 'get', s.outputFlood, { verdict: 'error', kinds: ['limit', 'timeout'] }],
    ['get-3', 'get', s.get, pass],
  ];
  const cases: Case[] = [];
  const notApplicable: Array<{ id: string; why: string }> = [];
  for (const [id, route, snippet, expectation] of list) {
    if (typeof snippet === 'string') cases.push({ id, route, snippet, expect: expectation });
    else notApplicable.push({ id, why: snippet.notApplicable });
  }
  return { cases, notApplicable };
}

/** One page per case, numbered so that the batch runs them in the order above. */
export async function writeDocs(lang: ConformanceLanguage, cases: Case[]): Promise<{ root: string; pages: Map<string, { file: string; fenceLine: number }> }> {
  const root = await mkdtemp(path.join(tmpdir(), `doc-harness-conformance-${lang.language}-`));
  const spec = seamProfile.languages.find((l) => l.id === lang.language);
  if (!spec) throw new Error(`the Seam profile has no language ${lang.language}`);
  const fence = spec.fences[0];
  const pages = new Map<string, { file: string; fenceLine: number }>();
  await mkdir(path.join(root, '__recordings__', 'cases'), { recursive: true });
  await mkdir(path.join(root, 'cases'), { recursive: true });
  for (const [index, c] of cases.entries()) {
    const name = `cases/${String(index + 1).padStart(2, '0')}-${c.id}.md`;
    const head = [`# Case ${c.id}`, '', '```', ENDPOINTS[c.route], '```', '', '{% tabs %}', `{% tab title="${spec.label}" %}`, '#### Request', '', `\`\`\`${fence}`];
    const lines = [...head, c.snippet, '```', '', '#### Response', '', `\`\`\`${fence}`, lang.responses[c.route], '```', '{% endtab %}', '{% endtabs %}', ''];
    await writeFile(path.join(root, name), lines.join('\n'));
    // The snippet's first line follows the opening fence.
    pages.set(c.id, { file: name, fenceLine: head.length });
    const cassette = path.join(root, '__recordings__', name.replace(/\.md$/, '.json'));
    await writeFile(cassette, `${JSON.stringify(definitions(`${name}#1`), null, 2)}\n`);
  }
  return { root, pages };
}

export function run(root: string, language: string, isolate: boolean): Promise<TestRun> {
  return runTests({
    paths: [root],
    cwd: root,
    env: {},
    profile: seamProfile,
    languages: [language],
    isolate,
    timeoutMs: TIMEOUT_MS,
    limits: { memoryBytes: MEMORY_BYTES },
    cacheDir: projectFile('.doc-harness', 'cache'),
  });
}

/** The verdict of a result in a form two runs can be compared by. */
function verdictOf(result: SampleResult | undefined): string {
  if (!result) return 'missing';
  return result.error ? `${result.verdict}/${result.error.kind}` : result.verdict;
}

export function conformance(lang: ConformanceLanguage): void {
  const { cases, notApplicable } = casesOf(lang);
  describe(`conformance: ${lang.language}`, () => {
    let root = '';
    let pages = new Map<string, { file: string; fenceLine: number }>();
    let batch: TestRun;
    let isolated: TestRun;
    const resultOf = (runOf: TestRun, id: string) => runOf.results.find((r) => r.file === pages.get(id)?.file);

    beforeAll(async () => {
      ({ root, pages } = await writeDocs(lang, cases));
      batch = await run(root, lang.language, false);
      isolated = await run(root, lang.language, true);
    }, 300_000);
    afterAll(() => rm(root, { recursive: true, force: true }));

    it('runs every case with the real client', () => {
      const client = batch.summary.clients[lang.language];
      expect(client, 'the runner is not ready').not.toMatch(/^not run/);
      expect(batch.results.filter((r) => r.verdict === 'skip')).toEqual([]);
      expect(batch.results).toHaveLength(cases.length);
    });

    for (const c of cases) {
      it(`${c.id}: ${c.expect.verdict === 'any' ? 'its own verdict' : c.expect.verdict}${c.expect.kinds ? ` (${c.expect.kinds.join(' or ')})` : ''}`, () => {
        const result = resultOf(batch, c.id);
        expect(result, `no result for ${c.id}`).toBeDefined();
        if (!result) return;
        const shown = `${result.verdict}: ${result.reason}`;
        if (c.expect.verdict !== 'any') expect(result.verdict, shown).toBe(c.expect.verdict);
        if (c.expect.kinds) expect(c.expect.kinds, shown).toContain(result.error?.kind);
        if (c.expect.message) expect(result.error?.message, shown).toMatch(c.expect.message);
        if (c.expect.at) {
          const page = pages.get(c.id)!;
          expect({ line: result.error?.line, column: c.expect.at.column === undefined ? undefined : result.error?.column }, shown).toEqual({
            line: page.fenceLine + c.expect.at.line,
            column: c.expect.at.column,
          });
        }
      });
    }

    it('gives identical verdicts in one batch and with --isolate', () => {
      const verdicts = (runOf: TestRun) => Object.fromEntries(cases.map((c) => [c.id, verdictOf(resultOf(runOf, c.id))]));
      expect(verdicts(batch)).toEqual(verdicts(isolated));
    });

    it('lets nothing a sample started reach the mock after it ended', () => {
      for (const runOf of [batch, isolated]) {
        const leaked = runOf.mockLog.filter((entry) => JSON.stringify(entry.params ?? {}).includes('d-leak'));
        expect(leaked.map((entry) => `${entry.exampleId}: ${entry.method} ${entry.path}`)).toEqual([]);
      }
    });

    if (notApplicable.length > 0) {
      it(`says why ${notApplicable.map((n) => n.id).join(', ')} cannot be written in ${lang.language}`, () => {
        for (const { why } of notApplicable) expect(why.length).toBeGreaterThan(10);
      });
    }
  });
}
