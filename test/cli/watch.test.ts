// `doc-harness test --watch`, as a docs author uses it: one run, then the page that was saved runs
// again (and only it), until Ctrl-C.
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFile } from '../../harness/run/assets.ts';
import { acmeDocs, type AcmeDocs } from '../profile/acme.ts';

let acme: AcmeDocs;
beforeAll(async () => {
  acme = await acmeDocs();
}, 60_000);
afterAll(() => rm(acme.dir, { recursive: true, force: true }));

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('test --watch', () => {
  it('runs the whole docs, then each saved page again, until Ctrl-C', async () => {
    const child = spawn(process.execPath, [projectFile('bin', 'doc-harness.mjs'), 'test', 'docs', '--watch', '--profile', acme.profile, '--lang', 'curl'], {
      cwd: acme.dir,
      env: { PATH: process.env.PATH, DOC_HARNESS_CACHE: path.join(acme.dir, 'cache'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => stderr.includes('watching docs'), 'the first run');
      expect(stdout).toMatch(/Samples {5}2 passed, 0 failed, 0 errors, 0 skipped \(2\)/);

      // The author breaks the cURL tab's documented response of one page, and saves.
      const page = path.join(acme.dir, 'docs', 'widgets', 'rename.md');
      const before = stdout.length;
      await writeFile(page, (await readFile(page, 'utf8')).replace('"size": 3\n  }\n}', '"size": 4\n  }\n}'));
      await until(() => /Samples {5}/.test(stdout.slice(before)), 'the second run');
      const second = stdout.slice(before);
      expect(stderr).toMatch(/doc-harness: docs\/widgets\/rename\.md changed; running again/);
      // Only that page ran, and its new verdict is there.
      expect(second).toMatch(/Samples {5}0 passed, 1 failed, 0 errors, 0 skipped \(1\)/);
      expect(second).toMatch(/^FAIL docs\/widgets\/rename\.md:\d+:\d+ {2}cURL/m);
      expect(second).not.toMatch(/get\.md/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
