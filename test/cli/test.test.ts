// `doc-harness test`, in-process: exit codes 0/1/2, the human report at file:line, the --json
// interface and the --junit file.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/corpus.ts';
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
    const languages = /^ Languages +passed\/run: (.+)$/m.exec(stdout)?.[1] ?? '';
    for (const language of ['javascript', 'seam_cli', 'curl']) {
      const [, passed, run] = new RegExp(`\\b${language} (\\d+)/(\\d+)`).exec(languages) ?? [];
      expect(Number(run), `${language} in: ${languages}`).toBeGreaterThan(0);
      expect(passed, language).toBe(run);
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
    expect(failures[0]).toMatch(new RegExp(`^FAIL ${UNLOCK}:${js}:1  JavaScript  POST /locks/unlock_door \\(seam \\d`));
    expect(failures[1]).toMatch(new RegExp(`^FAIL ${UNLOCK}:${cli}:1  Seam CLI  POST /locks/unlock_door \\(@seamapi/cli \\d`));
    expect(stdout).toContain(`${failures[0]}\n  $.status: documented "pending", returned "success"\n`);
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
  it('prints { results, summary, diagnostics } with the stable fields of every result', async () => {
    const { code, stdout } = await runCli(['test', DOCS, '--json', '--lang', 'javascript', '--lang', 'curl', '--lang', 'python'], {
      cwd: projectRoot,
    });
    const json = JSON.parse(stdout) as { results: Array<Record<string, unknown>>; summary: Record<string, unknown>; diagnostics: unknown[] };
    expect(Object.keys(json).sort()).toEqual(['diagnostics', 'results', 'summary']);
    expect(json.results).toHaveLength(10);
    for (const result of json.results) {
      expect(result).toEqual(
        expect.objectContaining({
          file: expect.stringMatching(/^test\/fixtures\/engine\/\w+\/\w+\/\w+\.md$/),
          line: expect.any(Number),
          column: expect.any(Number),
          endpoint: expect.stringMatching(/^POST \//),
          language: expect.stringMatching(/^(javascript|curl|python)$/),
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
    expect(json.results.filter((r) => r.language === 'python').map((r) => [r.verdict, r.client])).toEqual([
      ['skip', null],
      ['skip', null],
    ]);
    expect(json.summary).toMatchObject({
      total: 10,
      pass: 6,
      fail: 2,
      error: 0,
      skip: 2,
      byLanguage: { javascript: { total: 4, pass: 3, fail: 1 }, curl: { total: 4, pass: 3, fail: 1 }, python: { total: 2, skip: 2 } },
      clients: { javascript: expect.stringMatching(/^seam /), curl: expect.stringMatching(/^curl /) },
      recordings: { mode: 'replay', loaded: 2, derived: 2, missing: 0 },
      diagnostics: { error: 0 },
      durationMs: expect.any(Number),
    });
    expect(code).toBe(1);
  });
});

describe('doc-harness test --junit', () => {
  it('writes well-formed JUnit XML with <failure>, <error> and <skipped>, its counts matching the summary', async () => {
    const file = join(await tempDir(), 'reports', 'junit.xml');
    // Lockdown: two pages replay their cassettes (a pass and a fail), the access code pages have
    // none (errors); their Python tabs are skipped.
    const { code, stdout } = await runCli(['test', DOCS, '--junit', file, '--json', '--lang', 'curl', '--lang', 'python'], {
      cwd: projectRoot,
      env: { CI: 'true' },
    });
    expect(code).toBe(1);
    const { summary } = JSON.parse(stdout) as { summary: { total: number; pass: number; fail: number; error: number; skip: number } };
    expect(summary).toMatchObject({ total: 6, pass: 1, fail: 1, error: 2, skip: 2 });

    const xml = await readFile(file, 'utf8');
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '6', failures: '1', errors: '2', skipped: '2' });
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual([
      `${PLAIN}/delete.md`,
      `${PLAIN}/list.md`,
      `${DOCS}/devices/get.md`,
      `${DOCS}/locks/unlock_door.md`,
    ]);
    const cases = suites.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    const having = (tag: string) => cases.filter((c) => c.children.some((child) => child.name === tag));
    expect(cases).toHaveLength(summary.total);
    expect(having('failure')).toHaveLength(summary.fail);
    expect(having('error')).toHaveLength(summary.error);
    expect(having('skipped')).toHaveLength(summary.skip);
    for (const suite of suites) {
      const own = suite.children.filter((c) => c.name === 'testcase');
      expect(Number(suite.attributes.tests)).toBe(own.length);
      expect(Number(suite.attributes.failures)).toBe(own.filter((c) => c.children.some((x) => x.name === 'failure')).length);
    }

    const failure = having('failure')[0];
    expect(failure.attributes).toMatchObject({ file: UNLOCK, line: String(await lineOf(UNLOCK, 'curl --include')) });
    const failureTag = failure.children.find((c) => c.name === 'failure')!;
    // Quotes in the message survive as entities and come back as written.
    expect(failureTag.attributes).toEqual({ type: 'response-mismatch', message: '$.status: documented "pending", returned "success"' });
    expect(failureTag.text).toContain('$.status: documented "pending", returned "success"');
    const error = having('error')[0].children.find((c) => c.name === 'error')!;
    expect(error.attributes.type).toBe('recording');
    expect(error.attributes.message).toMatch(/^recording: no recording for access_codes\/delete\.md#1 in /);
    const skipped = having('skipped').map((c) => c.children.find((x) => x.name === 'skipped')!.attributes.message);
    expect(skipped.sort()).toEqual(['doc-harness has no Python runner yet', 'doc-harness has no Python runner yet']);
    expect(having('failure')[0].children.some((c) => c.name === 'properties')).toBe(true);
  });
});

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict reader for the XML subset a JUnit report uses (a declaration, elements, attributes in
 * double quotes, text, the five predefined entities and numeric ones): it throws on anything
 * unbalanced, unquoted or unescaped, which is what "well-formed" has to mean here.
 */
function parseXml(xml: string): XmlElement {
  const unescape = (text: string, where: string): string => {
    if (/[<>]/.test(text)) throw new Error(`raw < or > in ${where}: ${text.slice(0, 60)}`);
    return text.replace(/&([^;\s]*);?/g, (whole, name: string) => {
      const known: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (!whole.endsWith(';')) throw new Error(`unterminated entity in ${where}: ${whole}`);
      if (name in known) return known[name];
      const code = /^#(x[0-9a-f]+|\d+)$/i.exec(name);
      if (!code) throw new Error(`unknown entity &${name}; in ${where}`);
      return String.fromCodePoint(code[1][0].toLowerCase() === 'x' ? parseInt(code[1].slice(1), 16) : Number(code[1]));
    });
  };
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  if (rest === xml) throw new Error('no XML declaration');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const TAG = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text) {
      if (stack.length === 0) {
        if (text.trim()) throw new Error(`text outside the root element: ${text.slice(0, 40)}`);
      } else stack[stack.length - 1].text += unescape(text, `<${stack[stack.length - 1].name}>`);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    const match = TAG.exec(rest);
    if (!match) throw new Error(`malformed tag: ${rest.slice(0, 60)}`);
    rest = rest.slice(match[0].length);
    const [, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    if (root && stack.length === 0) throw new Error(`a second root element <${name}>`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (key in attributes) throw new Error(`attribute ${key} twice on <${name}>`);
      attributes[key] = unescape(value, `${name}@${key}`);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

// The reader itself must refuse what is not well-formed, or the test above proves nothing.
describe('the JUnit test’s XML reader', () => {
  it.each([
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>', /<\/a> closes <b>/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 < 2"/>', /raw < or >/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>fish & chips</a>', /unterminated entity|unknown entity/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>', /never closed/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a/><b/>', /second root/],
    ['<a/>', /no XML declaration/],
  ])('refuses %j', (xml, error) => {
    expect(() => parseXml(xml)).toThrow(error);
  });

  it('reads entities back', () => {
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a m="&quot;x&quot; &amp; &#60;">&lt;b&gt;</a>')).toEqual({
      name: 'a',
      attributes: { m: '"x" & <' },
      children: [],
      text: '<b>',
    });
  });
});
