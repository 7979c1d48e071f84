// The command line around the reporters: exit codes 0/1/2/3 (a crash in one line, its stack with
// --debug), --reporter/--output and their usage errors, --no-color and NO_COLOR, live progress
// on a terminal.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import type { CliIo } from '../../harness/cli/io.ts';
import type { CommandEntry } from '../../harness/cli/commands/types.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { projectRoot } from '../helpers/corpus.ts';
import { junitSchemaErrors } from '../report/junit-schema.ts';
import { reportSchemaErrors } from '../report/schema.ts';
import { runCli } from './run.ts';

const UNLOCK = 'test/fixtures/engine/docs/locks/unlock_door.md';
const GET = 'test/fixtures/engine/docs/devices/get.md';
const COLOUR = /\x1b\[\d+(;\d+)*m/;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doc-harness-reporting-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A command that throws what doc-harness did not expect, as a bug would. */
const crashing: CommandEntry = {
  name: 'crash',
  summary: 'throws',
  load: async () => ({
    name: 'crash',
    configure: () => undefined,
    run: async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'line')\nsecond line");
    },
  }),
};

async function runWith(argv: string[], entries: CommandEntry[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: projectRoot, env: {} };
  const code = await main(argv, io, entries);
  return { code, stdout, stderr };
}

describe('exit codes', () => {
  it('3 when doc-harness itself crashes: one line and a hint, no stack', async () => {
    const { code, stderr } = await runWith(['crash'], [crashing]);
    expect(code).toBe(3);
    expect(stderr).toBe(
      "doc-harness: internal error: Cannot read properties of undefined (reading 'line')\ndoc-harness: this is a bug in doc-harness; run again with --debug to see where it happened\n",
    );
  });

  it('3 with the stack under --debug, before or after the command', async () => {
    for (const argv of [['--debug', 'crash'], ['crash', '--debug']]) {
      const { code, stderr } = await runWith(argv, [crashing]);
      expect(code).toBe(3);
      const lines = stderr.split('\n');
      expect(lines[0]).toBe("doc-harness: internal error: Cannot read properties of undefined (reading 'line')");
      expect(lines[1]).toBe("TypeError: Cannot read properties of undefined (reading 'line')");
      expect(stderr).toMatch(/\n +at .*reporting\.test\.ts/);
    }
  });

  it('3 from the installed command when an exception nothing expected stops a run', () => {
    // Built by `npm test` before the tests run; the temporary folder it needs cannot be made.
    expect(existsSync(projectFile('dist', 'harness', 'cli', 'main.js'))).toBe(true);
    const ran = spawnSync(process.execPath, [projectFile('bin', 'doc-harness.mjs'), 'test', GET, '--lang', 'curl'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, TMPDIR: join(dir, 'no-such-folder') },
      encoding: 'utf8',
    });
    expect(ran.status).toBe(3);
    expect(ran.stderr).toMatch(/^doc-harness: internal error: ENOENT: no such file or directory, mkdtemp '.*no-such-folder\/doc-harness-run-\w+'\ndoc-harness: this is a bug in doc-harness; run again with --debug to see where it happened\n$/);
  });

  it('0 when every sample passes, 1 when one fails', async () => {
    expect((await runCli(['test', GET, '--lang', 'curl'], { cwd: projectRoot })).code).toBe(0);
    expect((await runCli(['test', UNLOCK, '--lang', 'curl'], { cwd: projectRoot })).code).toBe(1);
  });
});

describe('--reporter and --output', () => {
  it('runs several reporters at once: the human report and annotations on stdout, documents in their files', async () => {
    const summary = join(dir, 'step-summary.md');
    const { code, stdout, stderr } = await runCli(
      ['test', UNLOCK, '--lang', 'curl', '--reporter', 'default', '--reporter', 'github', '--reporter', 'junit', '--output.junit', join(dir, 'all/junit.xml'), '--reporter', 'json', '--output.json', join(dir, 'all/report.json'), '--reporter', 'html', '--output.html', join(dir, 'all/report.html')],
      { cwd: projectRoot, env: { GITHUB_STEP_SUMMARY: summary } },
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL test\/fixtures\/engine\/docs\/locks\/unlock_door\.md:\d+:1  cURL  POST \/locks\/unlock_door/m);
    expect(stdout).toMatch(/^::error file=test\/fixtures\/engine\/docs\/locks\/unlock_door\.md,line=\d+,col=1,title=doc-harness%3A cURL POST \/locks\/unlock_door::\$\.status: documented "pending", returned "success"$/m);
    expect(await junitSchemaErrors(await readFile(join(dir, 'all/junit.xml'), 'utf8'))).toEqual([]);
    expect(reportSchemaErrors(JSON.parse(await readFile(join(dir, 'all/report.json'), 'utf8')))).toEqual([]);
    expect(await readFile(join(dir, 'all/report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(await readFile(summary, 'utf8')).toMatch(/^### doc-harness: 0 passed, 1 failed, 0 errors, 0 skipped/);
  });

  it('sends --output to the one reporter that writes a document', async () => {
    const file = join(dir, 'only.json');
    const { stdout } = await runCli(['test', GET, '--lang', 'curl', '--reporter', 'json', '--output', file], { cwd: projectRoot });
    expect(stdout).toBe('');
    expect(JSON.parse(await readFile(file, 'utf8')).summary.pass).toBe(1);
  });

  it.each([
    [['--reporter', 'tap'], /^error: --reporter: unknown reporter "tap"; known: default, json, junit, html, github/],
    [['--reporter', 'json', '--reporter', 'junit'], /^error: the json reporter and junit would all write to stdout: give --output\.json <file>/],
    [['--reporter', 'default', '--reporter', 'html'], /^error: the html reporter and default would all write to stdout: give --output\.html <file>/],
    [['--output', 'x.json'], /^error: --output: no chosen reporter writes a document without its own file/],
    [['--reporter', 'json', '--reporter', 'html', '--output', 'x'], /^error: --output names one file for 2 reporters \(json, html\): use --output\.<name> for each/],
    [['--output.html', 'x.html'], /^error: --output\.html: the html reporter is not chosen \(add --reporter html\)/],
    [['--junit', 'a.xml', '--output.junit', 'b.xml'], /^error: --junit and --output\.junit name two different files/],
    [['--reporter', 'json', '--output.json', 'same', '--reporter', 'html', '--output.html', 'same'], /^error: two reporters would write the same file: .*same/],
    [['--shard', '0/3'], /^error: --shard: expected i\/n with 1 ≤ i ≤ n, like 2\/4, got "0\/3"/],
    [['--shard-durations', 'r.json'], /^error: --shard-durations needs --shard i\/n/],
  ])('exits 2 with the usage on %j, running nothing', async (args, message) => {
    const { code, stdout, stderr } = await runCli(['test', GET, ...args], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage: doc-harness test \[options\] \[paths\.\.\.\]/);
    expect(stdout).toBe('');
  });

  it('lists the reporters in test --help', async () => {
    const { stdout, code } = await runCli(['test', '--help'], { cwd: projectRoot });
    expect(code).toBe(0);
    for (const name of ['default', 'json', 'junit', 'html', 'github']) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });
});

describe('colours and live progress through the command line', () => {
  it('colours a terminal, and not with --no-color or NO_COLOR', async () => {
    const args = ['test', UNLOCK, '--lang', 'curl'];
    expect((await runCli(args, { cwd: projectRoot, tty: true })).stdout).toMatch(COLOUR);
    expect((await runCli([...args, '--no-color'], { cwd: projectRoot, tty: true })).stdout).not.toMatch(COLOUR);
    expect((await runCli(['--no-color', ...args], { cwd: projectRoot, tty: true })).stdout).not.toMatch(COLOUR);
    expect((await runCli(args, { cwd: projectRoot, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(COLOUR);
  });

  it('draws bars on a terminal and prints plain lines elsewhere', async () => {
    const args = ['test', UNLOCK, '--lang', 'curl', '--no-color'];
    const tty = (await runCli(args, { cwd: projectRoot, tty: true })).stdout;
    expect(tty).toContain('\x1b[J');
    expect(tty).toMatch(/cURL +█+ 1\/1/);
    const plain = (await runCli(args, { cwd: projectRoot, tty: false })).stdout;
    expect(plain).not.toMatch(/\x1b/);
    expect(plain.split('\n').slice(0, 4)).toEqual([
      'Running 1 sample(s): curl 1',
      expect.stringMatching(/^FAIL .*unlock_door\.md:\d+:1  cURL  POST \/locks\/unlock_door \(curl \d/),
      '  $.status: documented "pending", returned "success"',
      expect.stringMatching(/^cURL: 1 sample\(s\) done in \d+\.\ds: 0 passed, 1 failed or errored \(curl \d/),
    ]);
  });
});
