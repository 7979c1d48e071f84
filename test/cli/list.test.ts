// `doc-harness list`: output, JSON shape, exit codes 0/1/2, help, colors.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import type { ListJson } from '../../harness/report/list.ts';
import { corpusPath, corpusSkipReason, fixturePath, hasCorpus, projectRoot } from '../helpers/corpus.ts';
import { expectBlockInFile, linesOf } from '../extract/helpers.ts';
import { runCli } from './run.ts';

const ANSI = /\u001b\[/;
const EXAMPLE_LINE = /^(\S+):(\d+) +(\S+ \S+|\(no endpoint\)) +(\S.*)$/;

describe('doc-harness list', () => {
  it('lists the project docs by default: one line per example, then a summary; exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['list'], { cwd: projectRoot });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const expected = await extract(['docs/'], { cwd: projectRoot });
    const examples = expected.pages.flatMap((p) => p.examples);
    const lines = stdout.trimEnd().split('\n');
    const exampleLines = lines.filter((l) => EXAMPLE_LINE.test(l));
    expect(exampleLines).toHaveLength(examples.length);
    for (const [i, e] of examples.entries()) {
      const [, file, line, endpoint, languages] = EXAMPLE_LINE.exec(exampleLines[i])!;
      expect([file, Number(line), endpoint]).toEqual([e.file, e.line, `${e.endpoint!.method} ${e.endpoint!.path}`]);
      expect(languages.split(' ')).toEqual(e.samples.map((s) => s.language));
    }
    expect(exampleLines).toContain(
      'docs/devices/get.md:9                POST /devices/get               javascript python ruby php seam_cli go curl',
    );
    expect(lines.at(-1)).toBe(
      '7 files, 6 pages with examples, 7 example groups, 49 samples (javascript 7, python 7, ruby 7, php 7, go 7, curl 7, seam_cli 7), 1 other group; 0 errors, 0 warnings, 0 info',
    );
    expect(stdout).not.toMatch(ANSI);
  });

  it('prints the whole model with --json', async () => {
    const { code, stdout } = await runCli(['list', 'docs', '--json'], { cwd: projectRoot });
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ListJson;
    expect(Object.keys(json)).toEqual(['root', 'examples', 'others', 'pages', 'diagnostics', 'summary']);
    expect(json.summary).toMatchObject({ files: 7, pages: 6, examples: 7, samples: 49, others: 1, incomplete: 0, diagnostics: { error: 0, warning: 0, info: 0 } });
    const example = json.examples.find((e) => e.id === 'locks/unlock_door.md#1')!;
    expect(example).toMatchObject({ file: 'docs/locks/unlock_door.md', title: 'Unlock a Lock', endpoint: { method: 'POST', path: '/locks/unlock_door' } });
    const lines = linesOf(readFileSync(join(projectRoot, example.file), 'utf8'));
    for (const sample of example.samples) {
      expect(Object.keys(sample)).toEqual(expect.arrayContaining(['id', 'language', 'title', 'request', 'response', 'position']));
      expectBlockInFile(sample.request, lines);
      expectBlockInFile(sample.response, lines);
    }
    expect(json.others).toEqual([expect.objectContaining({ file: 'docs/thermostats/set_fan_mode.md', reason: 'resource sample: a single JSON tab' })]);
  });

  it('exits 1 when a diagnostic is an error, and prints it as file:line:col  severity  message  rule', async () => {
    const { code, stdout } = await runCli(['list', 'bad/tab-missing-request.md', 'bad/tabs-reopened.md'], { cwd: fixturePath('extract') });
    expect(code).toBe(1);
    expect(stdout).toContain('bad/tab-missing-request.md:22:1  error    tab "Python" has a response but no request  tab-missing-request');
    expect(stdout).toMatch(/bad\/tabs-reopened\.md:24:1 {2,}warning {2}\{% tabs %\} opened while .* {2}tabs-reopened/);
    expect(stdout).toContain('javascript python(no request)');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/1 incomplete tab, 0 other groups; 1 error, 1 warning, 0 info$/);
  });

  it('exits 1 with JSON too, diagnostics in their documented shape', async () => {
    const { code, stdout } = await runCli(['list', '--json', 'no-such-folder'], { cwd: projectRoot });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).diagnostics).toEqual([
      { severity: 'error', file: 'no-such-folder', line: 1, column: 1, message: 'no such file or folder', rule: 'path-not-found' },
    ]);
  });

  it('exits 0 on warnings alone', async () => {
    const { code } = await runCli(['list', 'bad/tabs-reopened.md'], { cwd: fixturePath('extract') });
    expect(code).toBe(0);
  });

  it('exits 2 with the usage on an unknown option, command, or none', async () => {
    for (const argv of [['list', '--jsn'], ['lsit'], []]) {
      const { code, stdout, stderr } = await runCli(argv, { cwd: projectRoot });
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/Usage: doc-harness/);
    }
    expect((await runCli(['list', '--jsn'], { cwd: projectRoot })).stderr).toMatch(/unknown option '--jsn'[\s\S]*Usage: doc-harness list/);
  });

  it('has --help on the program and on list, exit 0', async () => {
    const top = await runCli(['--help'], { cwd: projectRoot });
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: doc-harness \[options\] \[command\][\s\S]*Commands:[\s\S]*list +print every tabbed/);
    for (const name of ['lint', 'test', 'record', 'serve']) expect(top.stdout).toMatch(new RegExp(`\\n  ${name} +\\S`));
    const list = await runCli(['list', '--help'], { cwd: projectRoot });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Usage: doc-harness list \[options\] \[paths\.\.\.\][\s\S]*--json[\s\S]*Exit status/);
  });

  it('colors only a terminal, and never under NO_COLOR', async () => {
    const args = ['list', 'bad/tab-missing-request.md'];
    const cwd = fixturePath('extract');
    expect((await runCli(args, { cwd, tty: true })).stdout).toMatch(ANSI);
    expect((await runCli(args, { cwd, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await runCli(args, { cwd, tty: false })).stdout).not.toMatch(ANSI);
    expect((await runCli(args, { cwd, tty: false, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await runCli([...args, '--json'], { cwd, tty: true })).stdout).not.toMatch(ANSI);
  });
});

describe.skipIf(!hasCorpus)(`doc-harness list on the corpus${hasCorpus ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  it('reports 64 groups and 384 samples with every position right', async () => {
    const { code, stdout } = await runCli(['list', corpusPath, '--json'], { cwd: projectRoot });
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ListJson;
    expect(json.summary).toMatchObject({ pages: 62, examples: 64, samples: 384, languages: { javascript: 64, python: 64, ruby: 64, php: 64, go: 64, seam_cli: 64 } });
    const files = new Map<string, string[]>();
    for (const e of json.examples) {
      if (!files.has(e.file)) files.set(e.file, linesOf(readFileSync(e.file, 'utf8')));
      for (const s of e.samples) {
        expectBlockInFile(s.request, files.get(e.file)!);
        expectBlockInFile(s.response, files.get(e.file)!);
      }
    }
  });
});

const built = join(projectRoot, 'dist/harness/cli/main.js');
describe.skipIf(!existsSync(built))(`bin/doc-harness.mjs${existsSync(built) ? '' : ' (skipped: run `npx tsc -p .` to build dist/)'}`, () => {
  it('runs as a process with the same exit codes', async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, ['bin/doc-harness.mjs', 'list', 'docs', '--json'], { cwd: projectRoot });
    expect(JSON.parse(ok.stdout).summary.samples).toBe(49);
    const usage = await run(process.execPath, ['bin/doc-harness.mjs', 'list', '--nope'], { cwd: projectRoot }).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringMatching(/Usage: doc-harness list/) });
  });
});
