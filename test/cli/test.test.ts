// `doc-harness test`, in-process: exit codes 0/1/2, the human report at file:line, the --json
// and --junit aliases of the json and junit reporters.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/corpus.ts';
import { junitSchemaErrors } from '../report/junit-schema.ts';
import { reportSchemaErrors } from '../report/schema.ts';
import { parseXml } from '../report/xml.ts';
import { runCli } from './run.ts';

const DOCS = 'test/fixtures/engine/docs';
const PLAIN = `${DOCS}/access_codes`;
const UNLOCK = `${DOCS}/locks/unlock_door.md`;

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'doc-harness-cli-test-'));
  temps.push(dir);
  return dir;
}

async function lineOf(file: string, text: string): Promise<number> {
  const lines = (await readFile(join(projectRoot, file), 'utf8')).split('\n');
  return lines.findIndex((line) => line.includes(text)) + 1;
}

describe('doc-harness test: exit codes and the human report', () => {
  it('passes the project’s own docs in JavaScript, Seam CLI and cURL, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['test'], { cwd: projectRoot });
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(/^(FAIL|ERROR) /m);
    // The grid's rows: pass, fail, error, skip, total.
    for (const label of ['JavaScript', 'Seam CLI', 'cURL']) {
      const row = new RegExp(`^ ${label} +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$`, 'm').exec(stdout);
      expect(row, `${label} in:\n${stdout}`).not.toBeNull();
      const [pass, fail, error, , total] = row!.slice(1).map(Number);
      expect(total, label).toBeGreaterThan(0);
      expect([fail, error], label).toEqual([0, 0]);
      expect(pass, label).toBeGreaterThan(0);
    }
    expect(stdout).toMatch(/^ Samples +\d+ passed, 0 failed, 0 errors, \d+ skipped \(\d+\)$/m);
    expect(code).toBe(0);
  });

  it('exits 1 on a failing page and shows each failure at its file:line:column with its difference', async () => {
    const { code, stdout } = await runCli(['test', `${DOCS}/locks`, '--lang', 'javascript', '--lang', 'seam_cli'], { cwd: projectRoot });
    const js = await lineOf(UNLOCK, 'await seam.locks.unlockDoor({');
    const cli = await lineOf(UNLOCK, 'seam locks unlock-door');
    const failures = stdout.split('\n').filter((line) => line.startsWith('FAIL '));
    expect(failures).toHaveLength(2);
    // Failures are printed as they come: either language may finish first.
    const jsLine = failures.find((line) => new RegExp(`^FAIL ${UNLOCK}:${js}:1  JavaScript  POST /locks/unlock_door \\(seam \\d`).test(line));
    const cliLine = failures.find((line) => new RegExp(`^FAIL ${UNLOCK}:${cli}:1  Seam CLI  POST /locks/unlock_door \\(@seamapi/cli \\d`).test(line));
    expect(jsLine, failures.join('\n')).toBeDefined();
    expect(cliLine, failures.join('\n')).toBeDefined();
    expect(stdout).toContain(`${jsLine}\n  $.status: documented "pending", returned "success"\n`);
    expect(stdout).toMatch(/^ Samples +0 passed, 2 failed, 0 errors, 0 skipped \(2\)$/m);
    expect(code).toBe(1);
  });

  it('exits 1 when a cassette does not load, even if every sample passes', async () => {
    const folder = await tempDir();
    await mkdir(join(folder, 'access_codes'));
    await writeFile(join(folder, 'access_codes', 'list.json'), 'not json at all');
    const { code, stdout } = await runCli(['test', PLAIN, '--lang', 'curl', '--recordings', folder], { cwd: projectRoot });
    expect(stdout).toMatch(/^ Samples +2 passed, 0 failed, 0 errors, 0 skipped \(2\)$/m);
    expect(stdout).toMatch(/ error +.*list\.json(:\d+)?: not valid JSON.* recording-invalid$/m);
    expect(code).toBe(1);
  });

  it.each([
    [['--lang', 'klingon'], /^error: --lang: unknown language klingon; known: javascript, /],
    [['--timeout', '0'], /^error: --timeout: expected a whole number above 0, got "0"/],
    [['--jobs', '1.5'], /^error: --jobs: expected a whole number above 0, got "1\.5"/],
    [['--sdk', 'bad'], /^error: --sdk: expected <language>=<version> .*, got "bad"/],
    [['--sdk', 'cobol=1.0'], /^error: --sdk: expected <language>=<version> .*, got "cobol=1\.0"/],
    [['--grep', '('], /^error: --grep: Invalid regular expression/],
    [['--no-such-option'], /^error: unknown option '--no-such-option'/],
  ])('exits 2 with the usage on %j, running nothing', async (args, message) => {
    const { code, stdout, stderr } = await runCli(['test', PLAIN, ...args], { cwd: projectRoot });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage: doc-harness test \[options\] \[paths\.\.\.\]/);
    expect(stdout).toBe('');
  });
});

describe('doc-harness test --json', () => {
  it('prints the JSON report, valid against its schema, with the stable fields of every result', async () => {
    const { code, stdout } = await runCli(['test', DOCS, '--json', '--lang', 'javascript', '--lang', 'curl'], { cwd: projectRoot });
    const json = JSON.parse(stdout) as { results: Array<Record<string, unknown>>; summary: Record<string, unknown>; diagnostics: unknown[] };
    expect(reportSchemaErrors(json)).toEqual([]);
    expect(Object.keys(json).sort()).toEqual(['createdAt', 'diagnostics', 'docs', 'environment', 'results', 'schemaVersion', 'shard', 'summary', 'tool']);
    expect(json.results).toHaveLength(8);
    for (const result of json.results) {
      expect(result).toEqual(
        expect.objectContaining({
          file: expect.stringMatching(/^test\/fixtures\/engine\/\w+\/\w+\/\w+\.md$/),
          line: expect.any(Number),
          column: expect.any(Number),
          endpoint: expect.stringMatching(/^POST \//),
          language: expect.stringMatching(/^(javascript|curl)$/),
          verdict: expect.stringMatching(/^(pass|fail|error|skip)$/),
          reason: expect.any(String),
          durationMs: expect.any(Number),
          exampleId: expect.any(String),
          title: expect.any(String),
          tab: expect.any(String),
          requests: expect.any(Array),
        }),
      );
      expect(result.client === null || typeof result.client === 'string').toBe(true);
    }
    const unlock = json.results.find((r) => r.file === UNLOCK && r.language === 'javascript');
    expect(unlock).toMatchObject({
      verdict: 'fail',
      line: await lineOf(UNLOCK, 'await seam.locks.unlockDoor({'),
      reason: '$.status: documented "pending", returned "success"',
      differences: ['$.status: documented "pending", returned "success"'],
      client: expect.stringMatching(/^seam \d/),
      requests: [{ method: expect.any(String), path: '/locks/unlock_door', status: 200, matched: true }],
    });
    expect(json.summary).toMatchObject({
      total: 8,
      pass: 6,
      fail: 2,
      error: 0,
      skip: 0,
      byLanguage: { javascript: { total: 4, pass: 3, fail: 1 }, curl: { total: 4, pass: 3, fail: 1 } },
      clients: { javascript: expect.stringMatching(/^seam /), curl: expect.stringMatching(/^curl /) },
      recordings: { mode: 'replay', loaded: 2, derived: 2, missing: 0 },
      diagnostics: { error: 0 },
      durationMs: expect.any(Number),
    });
    expect(code).toBe(1);
  });
});

describe('doc-harness test --junit', () => {
  it('writes JUnit XML valid against the Jenkins schema beside the human report, its counts matching the run', async () => {
    const file = join(await tempDir(), 'reports', 'junit.xml');
    // Lockdown: two pages replay their cassettes (a pass and a fail), the access code pages have
    // none (errors).
    const { code, stdout } = await runCli(['test', DOCS, '--junit', file, '--lang', 'curl'], { cwd: projectRoot, env: { CI: 'true' } });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ Samples +1 passed, 1 failed, 2 errors, 0 skipped \(4\)$/m);

    const xml = await readFile(file, 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '4', failures: '1', errors: '2' });
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual([`${PLAIN}/delete.md`, `${PLAIN}/list.md`, `${DOCS}/devices/get.md`, `${DOCS}/locks/unlock_door.md`]);
    const cases = suites.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    const having = (tag: string) => cases.filter((c) => c.children.some((child) => child.name === tag));
    expect(cases).toHaveLength(4);
    expect(having('failure')).toHaveLength(1);
    expect(having('error')).toHaveLength(2);

    const failure = having('failure')[0];
    const line = await lineOf(UNLOCK, 'curl --include');
    expect(failure.attributes).toMatchObject({ classname: UNLOCK, name: `${UNLOCK}:${line} cURL: POST /locks/unlock_door` });
    const failureTag = failure.children.find((c) => c.name === 'failure')!;
    // Quotes in the message survive as entities and come back as written.
    expect(failureTag.attributes).toEqual({ type: 'response-mismatch', message: '$.status: documented "pending", returned "success"' });
    expect(failureTag.text).toBe(`${UNLOCK}:${line}:1\n$.status: documented "pending", returned "success"`);
    const error = having('error')[0].children.find((c) => c.name === 'error')!;
    expect(error.attributes.type).toBe('recording');
    expect(error.attributes.message).toMatch(/^recording: no recording for access_codes\/delete\.md#1 in /);
    expect(failure.children.find((c) => c.name === 'system-out')?.text).toMatch(/^client: curl \d/);
  });
});
