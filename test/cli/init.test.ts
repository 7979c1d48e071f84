// `doc-harness init`: a starter configuration that loads and names the docs it found, and a CI
// workflow at the top of the repository; nothing already there is overwritten without --force.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../harness/config/load.ts';
import { runCli } from './run.ts';

let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'doc-harness-init-'));
  execFileSync('git', ['init', '-q', repo]);
  await mkdir(path.join(repo, 'site', 'docs'), { recursive: true });
  const tab = (title: string, fence: string, code: string) => `{% tab title="${title}" %}\n#### Request\n\n\`\`\`${fence}\n${code}\n\`\`\`\n\n#### Response\n\n\`\`\`${fence}\n{}\n\`\`\`\n{% endtab %}\n`;
  await writeFile(
    path.join(repo, 'site', 'docs', 'get.md'),
    `# Get\n\n{% tabs %}\n${tab('JavaScript', 'javascript', 'await seam.devices.get({ device_id: "d" });')}${tab('cURL', 'curl', 'curl -X POST https://connect.getseam.com/devices/get')}{% endtabs %}\n`,
  );
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('doc-harness init', () => {
  it('writes a configuration that loads, for the docs it found, and a workflow at the top of the repository', async () => {
    const site = path.join(repo, 'site');
    const ran = await runCli(['init'], { cwd: site });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^wrote doc-harness\.config\.mjs \(docs: docs\/, 1 example\(s\) in JavaScript, cURL\)$/m);
    const loaded = await loadConfig(site);
    expect(loaded?.config).toEqual({ docs: ['docs/'], profile: 'seam', expectations: 'doc-harness.expectations.json' });
    // Every other key is there, commented, for the reader to turn on.
    const text = await readFile(path.join(site, 'doc-harness.config.mjs'), 'utf8');
    for (const key of ['recordings', 'languages', 'sdk', 'reporters', 'timeout', 'jobs', 'memoryLimit', 'strict', 'cacheDir']) expect(text).toMatch(new RegExp(`^  // ${key}: `, 'm'));
    const workflow = await readFile(path.join(repo, '.github', 'workflows', 'doc-harness.yml'), 'utf8');
    expect(workflow).toMatch(/working-directory: site/);
    expect(workflow).toMatch(/paths: \['site\/docs\/\*\*', 'site\/doc-harness\.\*'\]/);
    expect(workflow).toMatch(/npx doc-harness test --reporter github/);
  });

  it('keeps what is there unless --force', async () => {
    const site = path.join(repo, 'site');
    const again = await runCli(['init'], { cwd: site });
    expect(again).toMatchObject({ code: 2, stderr: 'doc-harness: init: doc-harness.config.mjs and ../.github/workflows/doc-harness.yml already there; --force overwrites\n' });
    expect((await runCli(['init', '--force'], { cwd: site })).code).toBe(0);
  });
});
