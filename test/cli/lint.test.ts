// `doc-harness lint`: eslint-style lines, JSON findings, --rule, exit codes 0/1/2.
import { describe, expect, it } from 'vitest';
import { fixturePath, projectRoot } from '../helpers/corpus.ts';
import { runCli } from './run.ts';

const LINE = /^(\S+):(\d+):(\d+) +(error|warning|info) +(.+?) {2}(\S+)$/;

describe('doc-harness lint', () => {
  it('finds no error or warning on the project docs and exits 0', async () => {
    const { code, stdout } = await runCli(['lint'], { cwd: projectRoot });
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ file\(s\), \d+ example\(s\): 0 errors, 0 warnings, \d+ info$/);
    // What is said at info level is the Go tabs' display artefacts, each named.
    for (const line of stdout.split('\n').filter((l) => / info /.test(l))) expect(line).toMatch(/only by a display artefact: .*(Go prints|github\.com\/seamapi\/go)/);
    expect(code).toBe(0);
  });

  it('prints one line per finding, file:line:col severity message rule, and exits 1 on an error', async () => {
    const { code, stdout } = await runCli(['lint', fixturePath('lint/request-mismatch/fail.md'), '--rule', 'request-mismatch'], { cwd: projectRoot });
    const findings = stdout.split('\n').filter((line) => LINE.test(line));
    // Each at the value that differs: the CLI's device_id, Go's call.
    expect(findings.map((line) => LINE.exec(line)!.slice(1, 5).concat(LINE.exec(line)![6]))).toEqual([
      ['test/fixtures/lint/request-mismatch/fail.md', '42', '28', 'error', 'request-mismatch'],
      ['test/fixtures/lint/request-mismatch/fail.md', '61', '2', 'error', 'request-mismatch'],
    ]);
    expect(code).toBe(1);
  });

  it('prints { findings, summary } with --json and filters by --rule', async () => {
    const { code, stdout } = await runCli(
      ['lint', fixturePath('lint/return-shape/fail.md'), '--json', '--rule', 'response-type'],
      { cwd: projectRoot },
    );
    const json = JSON.parse(stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(json.findings).toEqual([
      {
        severity: 'warning',
        file: 'test/fixtures/lint/return-shape/fail.md',
        line: 50,
        column: 1,
        message: 'Python response is typed AccessCode, but the page returns device (expected Device)',
        rule: 'response-type',
        url: 'harness/lint/rules/return-shape/README.md#response-type',
        language: 'python',
      },
    ]);
    expect(json.summary).toMatchObject({ files: 1, examples: 2, findings: 1, error: 0, warning: 1, info: 0 });
    expect(code).toBe(0);
  });

  it('exits 2 with the usage on an unknown rule', async () => {
    const { code, stderr } = await runCli(['lint', '--rule', 'no-such-rule'], { cwd: projectRoot });
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown rule no-such-rule; known rules: .*request-mismatch/);
    expect(stderr).toMatch(/Usage: doc-harness lint/);
  });
});
