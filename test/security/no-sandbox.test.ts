// Where no sandbox can be made, `test` refuses to run snippets and says why, in one line, with exit
// status 2 — in CI too, where it never falls back silently. `--no-sandbox` runs them anyway.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../harness/run/assets.ts';

// --no-cache: a run answered from the result cache starts no snippet, and so needs no sandbox.
const run = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [projectFile('bin', 'doc-harness.mjs'), 'test', 'docs/devices/get.md', '--lang', 'javascript', '--no-cache', ...args], {
    cwd: projectFile(),
    env: { PATH: process.env.PATH ?? '', DOC_HARNESS_CACHE: projectFile('.doc-harness', 'cache'), DOC_HARNESS_BWRAP: '/nonexistent/bwrap', ...env },
  }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('when no sandbox can be made', () => {
  for (const env of [{}, { CI: 'true' }] as Array<Record<string, string>>) {
    it(`refuses to run snippets, in one line, exit 2${env.CI ? ' (CI=true)' : ''}`, async () => {
      const result = await run([], env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^doc-harness: cannot contain snippets: bubblewrap \(bwrap\) is not installed at \/nonexistent\/bwrap\. .*--no-sandbox/)]);
    });
  }

  it('runs them with --no-sandbox, and the report says how they ran', async () => {
    const result = await run(['--no-sandbox'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Sandbox +no sandbox \(--no-sandbox\)/);
  });
});
