// Bad input at scale: a huge markdown file gets one clear error within bounded memory and every
// other page is still read; a page reached twice through symlinks is read once.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import { projectFile } from '../../harness/run/assets.ts';

const page = [
  '# Get a device',
  '',
  '```',
  'POST /devices/get ⇒ { device }',
  '```',
  '',
  '{% tabs %}',
  '{% tab title="JavaScript" %}',
  '#### Request',
  '',
  '```javascript',
  'await seam.devices.get({ device_id: "d-1" });',
  '```',
  '',
  '#### Response',
  '',
  '```javascript',
  '{ "device_id": "d-1" }',
  '```',
  '{% endtab %}',
  '{% endtabs %}',
  '',
].join('\n');

describe('bad input at scale', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'doc-harness-bad-input-'));
    await mkdir(path.join(root, 'docs', 'devices'), { recursive: true });
    await writeFile(path.join(root, 'docs', 'devices', 'get.md'), page);
    // 50 MB of one page: a paste gone wrong, or an attack on the CI machine's memory.
    await writeFile(path.join(root, 'docs', 'huge.md'), `${page}\n${'lorem ipsum '.repeat((50 * 1024 * 1024) / 12)}`);
    // The same folder again, through a symlink.
    await symlink(path.join(root, 'docs', 'devices'), path.join(root, 'docs', 'again'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('a 50 MB file is one error at its file, and the other pages are read', async () => {
    const result = await extract(['docs'], { cwd: root });
    const huge = result.diagnostics.filter((d) => d.file === 'docs/huge.md');
    expect(huge).toEqual([expect.objectContaining({ severity: 'error', line: 1, column: 1, rule: 'file-too-large' })]);
    expect(huge[0].message).toMatch(/^file too large to read: 50\.\d MiB/);
    expect(result.pages.map((p) => p.file)).toEqual(['docs/again/get.md']);
  });

  it('stays within bounded memory: `list` finishes on a 256 MiB heap', async () => {
    const run = await promisify(execFile)(process.execPath, ['--max-old-space-size=256', projectFile('bin', 'doc-harness.mjs'), 'list', 'docs'], { cwd: root }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(run.stdout).toMatch(/docs\/huge\.md:1:1 +error +file too large to read/);
    expect(run.stdout).toMatch(/1 page with examples, 1 example group/);
  });

  it('a page reached twice through a symlinked folder is read once', async () => {
    const result = await extract(['docs', 'docs/devices/get.md'], { cwd: root });
    expect(result.pages.filter((p) => p.title === 'Get a device')).toHaveLength(1);
  });
});
